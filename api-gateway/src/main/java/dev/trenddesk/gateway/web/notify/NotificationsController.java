package dev.trenddesk.gateway.web.notify;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.notify.DeliveryView;
import dev.trenddesk.api.notify.MailServerView;
import dev.trenddesk.api.notify.NotificationChannel;
import dev.trenddesk.api.notify.NotificationCommands.EmailChannel;
import dev.trenddesk.api.notify.NotificationCommands.SendTestNotification;
import dev.trenddesk.api.notify.NotificationCommands.TelegramChannel;
import dev.trenddesk.api.notify.NotificationCommands.UpdateNotificationSettings;
import dev.trenddesk.api.notify.NotificationCommands.WebhookChannel;
import dev.trenddesk.api.notify.NotificationKind;
import dev.trenddesk.api.notify.NotificationQueries.FindMailServer;
import dev.trenddesk.api.notify.NotificationQueries.FindNotificationDeliveries;
import dev.trenddesk.api.notify.NotificationQueries.FindNotificationDelivery;
import dev.trenddesk.api.notify.NotificationQueries.FindNotificationSettings;
import dev.trenddesk.api.notify.NotificationSecrets;
import dev.trenddesk.api.notify.NotificationSettingsView;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.web.CommandSender;
import dev.trenddesk.gateway.web.UserReader;
import dev.trenddesk.gateway.web.notify.NotificationDtos.DeliveryResponse;
import dev.trenddesk.gateway.web.notify.NotificationDtos.NotificationsRequest;
import dev.trenddesk.gateway.web.notify.NotificationDtos.NotificationsResponse;
import dev.trenddesk.gateway.web.readside.Params;
import dev.trenddesk.vault.KeyVault;
import dev.trenddesk.vault.KeyVaultException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A trader's own notification channels (docs/notifications.md): a webhook, Telegram and e-mail, the events each
 * gets, a test message through the ordinary delivery path, and the recent deliveries. Secrets are
 * validated and encrypted by the key vault here, at the edge, before any command exists; they are never
 * answered (masked), except a generated webhook secret once, in the answer that generated it.
 */
@RestController
@RequestMapping("/api/me/notifications")
@Tag(
        name = "notifications",
        description = "Your notification channels (traders only): webhook, Telegram, e-mail, deliveries")
class NotificationsController {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration RE_READ_EVERY = Duration.ofMillis(200);

    private final CommandSender commands;
    private final QueryGateway queries;
    private final KeyVault vault;
    private final Clock clock;
    private final boolean allowLoopback;
    private final Duration testWait;
    private final UserReader users;

    private final NotificationPlanCheck plans;

    public NotificationsController(
            CommandSender commands,
            QueryGateway queries,
            KeyVault vault,
            Clock clock,
            @Value("${trenddesk.notifications.allow-http-loopback:false}") boolean allowLoopback,
            @Value("${trenddesk.notifications.test-wait:15s}") Duration testWait,
            UserReader users,
            NotificationPlanCheck plans) {
        this.plans = plans;
        this.commands = commands;
        this.queries = queries;
        this.vault = vault;
        this.clock = clock;
        this.allowLoopback = allowLoopback;
        this.testWait = testWait;
        this.users = users;
    }

    @Operation(summary = "Your notification channels, secrets masked, and the events that can be chosen")
    @GetMapping
    public Mono<NotificationsResponse> settings(@AuthenticationPrincipal SessionUser me) {
        return Mono.zip(find(me.id()), address(me.id()), emailAvailable())
                .map(t -> response(t.getT1(), null, t.getT2(), t.getT3()));
    }

    @Operation(
            summary = "Replace your notification channels (a channel left out is removed). 422 naming the field for a "
                    + "bad value: webhook.url (absolute https with a host, no credentials), webhook.secret (16-256 "
                    + "printable characters), telegram.botToken, telegram.chatId, email.enabled (no SMTP server on "
                    + "this server), the events. A webhook without a secret gets a generated one, answered once as "
                    + "generatedSecret")
    @PutMapping
    public Mono<NotificationsResponse> update(
            @AuthenticationPrincipal SessionUser me,
            @RequestBody NotificationsRequest body,
            ServerWebExchange exchange) {
        UserId user = me.id();
        return plans.requireChannels(user, body)
                .then(Mono.zip(find(user), emailAvailable()))
                .publishOn(Schedulers.boundedElastic())
                .map(t -> new Prepared(command(user, body, t.getT1(), t.getT2()), t.getT2()))
                .onErrorMap(
                        KeyVaultException.class,
                        e -> new DomainRejection(RejectionCode.USER_ERASED, "this account was erased"))
                .flatMap(prepared -> commands.<NotificationSettingsView>send(
                                prepared.command().command(), me, exchange)
                        .zipWith(
                                address(user),
                                (view, address) -> response(
                                        view,
                                        prepared.command().generatedSecret(),
                                        address,
                                        prepared.emailAvailable())));
    }

    @Operation(
            summary =
                    "Send a test message on a channel (webhook, telegram or email) through the ordinary delivery path and "
                            + "answer the delivery once it was tried (200), or as it stands after the wait (202); 409 "
                            + "NOTIFICATION_CHANNEL_NOT_CONFIGURED when the channel is not set up")
    @PostMapping("/{channel}/test")
    public Mono<ResponseEntity<DeliveryResponse>> test(
            @AuthenticationPrincipal SessionUser me, @PathVariable String channel, ServerWebExchange exchange) {
        NotificationChannel which = channel(channel);
        return commands.<String>send(new SendTestNotification(me.id(), which, clock.instant()), me, exchange)
                .flatMap(id -> Flux.interval(Duration.ZERO, RE_READ_EVERY)
                        .onBackpressureDrop()
                        .concatMap(tick -> delivery(me.id(), id))
                        .filter(d -> d.attempts() > 0 || d.settled())
                        .next()
                        .map(d -> ResponseEntity.ok(DeliveryResponse.of(d)))
                        .timeout(testWait, delivery(me.id(), id).map(d -> ResponseEntity.status(HttpStatus.ACCEPTED)
                                .body(DeliveryResponse.of(d)))));
    }

    @Operation(summary = "Your newest deliveries, newest first (limit 1-200, default 50)")
    @GetMapping("/deliveries")
    public Mono<List<DeliveryResponse>> deliveries(
            @AuthenticationPrincipal SessionUser me, @RequestParam(required = false) Integer limit) {
        int max = Params.limit(limit, 50, 200);
        return Mono.fromFuture(() -> queries.query(
                        new FindNotificationDeliveries(me.id(), max),
                        ResponseTypes.multipleInstancesOf(DeliveryView.class)))
                .map(list -> list.stream().map(DeliveryResponse::of).toList());
    }

    private record Update(UpdateNotificationSettings command, String generatedSecret) {}

    private record Prepared(Update command, boolean emailAvailable) {}

    private Update command(
            UserId user, NotificationsRequest body, NotificationSettingsView current, boolean emailAvailable) {
        List<FieldViolation> problems = new ArrayList<>();
        WebhookChannel webhook = null;
        TelegramChannel telegram = null;
        String generated = null;
        if (body.webhook() != null) {
            var w = body.webhook();
            NotificationFormat.url(w.url(), allowLoopback, problems);
            NotificationFormat.events("webhook.events", w.events(), problems);
            boolean generate = Boolean.TRUE.equals(w.generateSecret());
            if (w.secret() != null && generate) {
                problems.add(
                        new FieldViolation("webhook.secret", "give a secret or ask for one to be generated, not both"));
            } else if (w.secret() != null) {
                NotificationFormat.secret(w.secret(), problems);
            }
            if (problems.isEmpty()) {
                String secret = w.secret();
                if (secret == null && (generate || current.webhook() == null)) {
                    secret = generated = generateSecret();
                }
                webhook = new WebhookChannel(
                        w.enabled() == null || w.enabled(),
                        w.url().trim(),
                        secret == null
                                ? null
                                : vault.encryptText(user.value(), NotificationSecrets.WEBHOOK_SECRET, secret),
                        secret == null ? null : NotificationSecrets.mask(secret),
                        kinds(w.events()));
            }
        }
        if (body.telegram() != null) {
            var t = body.telegram();
            NotificationFormat.chatId(t.chatId(), problems);
            NotificationFormat.events("telegram.events", t.events(), problems);
            if (t.botToken() != null) {
                NotificationFormat.botToken(t.botToken(), problems);
            } else if (current.telegram() == null) {
                problems.add(new FieldViolation("telegram.botToken", "is required"));
            }
            if (problems.isEmpty()) {
                String token = t.botToken();
                telegram = new TelegramChannel(
                        t.enabled() == null || t.enabled(),
                        t.chatId(),
                        token == null
                                ? null
                                : vault.encryptText(user.value(), NotificationSecrets.TELEGRAM_TOKEN, token),
                        token == null ? null : NotificationSecrets.mask(token),
                        kinds(t.events()));
            }
        }
        EmailChannel email = null;
        if (body.email() != null) {
            var e = body.email();
            boolean enabled = e.enabled() == null || e.enabled();
            NotificationFormat.events("email.events", e.events(), problems);
            if (enabled && !emailAvailable) {
                problems.add(
                        new FieldViolation(
                                "email.enabled",
                                "cannot be switched on: no SMTP server is set up on this platform (an admin sets one on the platform's settings)"));
            }
            if (problems.isEmpty()) {
                email = new EmailChannel(enabled, kinds(e.events()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Update(new UpdateNotificationSettings(user, webhook, telegram, email, clock.instant()), generated);
    }

    private static Set<NotificationKind> kinds(List<NotificationKind> events) {
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        if (events != null) {
            kinds.addAll(events);
        }
        return kinds;
    }

    private static String generateSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "tdwh_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static NotificationChannel channel(String name) {
        try {
            return NotificationChannel.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Params.bad("channel", "must be webhook, telegram or email");
        }
    }

    private static NotificationsResponse response(
            NotificationSettingsView view, String generatedSecret, String address, boolean emailAvailable) {
        return NotificationsResponse.of(view, generatedSecret, address.isEmpty() ? null : address, emailAvailable);
    }

    /** Whether e-mail can be offered: an admin set an SMTP server on the platform's settings, or the operator did. */
    private Mono<Boolean> emailAvailable() {
        return Mono.fromFuture(
                        () -> queries.query(new FindMailServer(), ResponseTypes.instanceOf(MailServerView.class)))
                .map(MailServerView::available);
    }

    /** The account's e-mail address, where e-mail goes; empty when it has none. */
    private Mono<String> address(UserId user) {
        return users.find(user).map(u -> u.email() == null ? "" : u.email()).defaultIfEmpty("");
    }

    private Mono<NotificationSettingsView> find(UserId user) {
        return Mono.fromFuture(() -> queries.query(
                new FindNotificationSettings(user), ResponseTypes.instanceOf(NotificationSettingsView.class)));
    }

    private Mono<DeliveryView> delivery(UserId user, String id) {
        return Mono.fromFuture(() -> queries.query(
                        new FindNotificationDelivery(user, id), ResponseTypes.optionalInstanceOf(DeliveryView.class)))
                .flatMap(Mono::justOrEmpty);
    }
}
