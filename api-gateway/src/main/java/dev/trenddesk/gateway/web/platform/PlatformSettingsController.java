package dev.trenddesk.gateway.web.platform;

import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.notify.MailServerView;
import dev.trenddesk.api.notify.MailTestResult;
import dev.trenddesk.api.notify.NotificationCommands.SendTestMail;
import dev.trenddesk.api.notify.NotificationQueries.FindMailServer;
import dev.trenddesk.api.notify.NotificationSecrets;
import dev.trenddesk.api.platform.Branding;
import dev.trenddesk.api.platform.BrandingLogo;
import dev.trenddesk.api.platform.MailServer;
import dev.trenddesk.api.platform.PlatformQueries.FindPlatformSettings;
import dev.trenddesk.api.platform.PlatformSettingsCommands;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetAllowedMarkets;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetBranding;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetBrandingLogo;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetMailServer;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetMaintenanceMode;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetNewTraderDefaults;
import dev.trenddesk.api.platform.PlatformSettingsView;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.web.CommandSender;
import dev.trenddesk.gateway.web.ReadYourWrites;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.BrandingRequest;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.DefaultsRequest;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.LogoRequest;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.MailRequest;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.MailServerBody;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.MailTestResponse;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.MaintenanceRequest;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.MarketsRequest;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.MarketsResponse;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.PlatformSettingsResponse;
import dev.trenddesk.vault.KeyVault;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The platform's settings: admins read and change the defaults for new traders, the allowed symbols and timeframes
 * and maintenance mode, the SMTP server of e-mail notifications and the brand (white label); every logged-in user reads the allowed markets
 * (the trader's settings form offers only them). Changes answer once the new state can be read back. The SMTP
 * password is encrypted here, at the edge, with the platform's own data key before any command exists, and never
 * answered.
 */
@RestController
@Tag(
        name = "platform settings",
        description =
                "Defaults for new traders, allowed symbols and timeframes, maintenance mode, the SMTP server, the brand")
class PlatformSettingsController {

    private static final String ID = PlatformSettingsCommands.SETTINGS_ID;

    private final CommandSender commands;
    private final QueryGateway queries;
    private final Clock clock;
    private final KeyVault vault;

    PlatformSettingsController(CommandSender commands, QueryGateway queries, Clock clock, KeyVault vault) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
        this.vault = vault;
    }

    @Operation(summary = "The symbols and timeframes traders may choose; an empty list allows every one (every role)")
    @GetMapping("/api/platform/markets")
    public Mono<MarketsResponse> markets() {
        return read().map(MarketsResponse::of);
    }

    @Operation(summary = "The platform's settings (admins)")
    @GetMapping("/api/admin/platform/settings")
    public Mono<PlatformSettingsResponse> settings() {
        return read().flatMap(this::response);
    }

    @Operation(
            summary = "Set the trading settings new users start with (admins); null defaults: the built-in ones."
                    + " Existing users keep theirs. 422 naming the field when a value is out of range or outside"
                    + " the allowed markets")
    @PutMapping("/api/admin/platform/settings/defaults")
    public Mono<PlatformSettingsResponse> defaults(
            @AuthenticationPrincipal SessionUser admin,
            @Valid @RequestBody DefaultsRequest body,
            ServerWebExchange exchange) {
        TradingSettings defaults =
                body.defaults() == null ? null : body.defaults().toSettings().validated();
        return commands.send(new SetNewTraderDefaults(ID, defaults, body.reason(), clock.instant()), admin, exchange)
                .then(until(view -> defaults == null
                        ? view.builtInDefaults()
                        : !view.builtInDefaults() && defaults.sameAs(view.newTraderDefaults())));
    }

    @Operation(
            summary = "Restrict the symbols and timeframes traders may choose (admins); empty lists allow every one."
                    + " Running bots keep what they trade; saving settings or starting a bot outside the restriction"
                    + " is refused. 422 naming the field when the restriction would exclude the defaults for new"
                    + " traders")
    @PutMapping("/api/admin/platform/settings/markets")
    public Mono<PlatformSettingsResponse> markets(
            @AuthenticationPrincipal SessionUser admin,
            @Valid @RequestBody MarketsRequest body,
            ServerWebExchange exchange) {
        List<String> symbols = body.symbols().stream().map(String::strip).toList();
        return commands.send(
                        new SetAllowedMarkets(ID, symbols, body.timeframes(), body.reason(), clock.instant()),
                        admin,
                        exchange)
                .then(until(view -> view.allowedSymbols()
                                .equals(symbols.stream().distinct().sorted().toList())
                        && view.allowedTimeframes()
                                .equals(Arrays.stream(dev.trenddesk.api.common.Timeframe.values())
                                        .filter(body.timeframes()::contains)
                                        .toList())));
    }

    @Operation(
            summary = "Switch maintenance mode on or off (admins): while on, bots open no new positions (each skipped"
                    + " entry is in the trader's decision log), exits, stops and take-profits still run, bots may be"
                    + " started and resumed. A reason is required to switch it on")
    @PutMapping("/api/admin/platform/settings/maintenance")
    public Mono<PlatformSettingsResponse> maintenance(
            @AuthenticationPrincipal SessionUser admin,
            @Valid @RequestBody MaintenanceRequest body,
            ServerWebExchange exchange) {
        boolean on = body.on();
        String reason = body.reason() == null || body.reason().isBlank()
                ? null
                : body.reason().strip();
        return commands.send(new SetMaintenanceMode(ID, on, body.reason(), clock.instant()), admin, exchange)
                .then(until(
                        view -> view.maintenance() == on && (!on || Objects.equals(view.maintenanceReason(), reason))));
    }

    @Operation(
            summary = "Set the SMTP server e-mail notifications go through (admins), replacing the operator's"
                    + " trenddesk.notifications.smtp.* properties; mailServer null: the properties again. The password"
                    + " is write-only (absent: kept; clearPassword: dropped). 422 naming the field (mailServer.host,"
                    + " mailServer.port, mailServer.username, mailServer.from, mailServer.password)")
    @PutMapping("/api/admin/platform/settings/mail")
    public Mono<PlatformSettingsResponse> mail(
            @AuthenticationPrincipal SessionUser admin,
            @Valid @RequestBody MailRequest body,
            ServerWebExchange exchange) {
        MailServerBody given = body.mailServer();
        MailServer server = given == null ? null : given.toServer();
        boolean clear = given != null && Boolean.TRUE.equals(given.clearPassword());
        String password = given == null ? null : given.password();
        if (password != null) {
            MailServer.requireValidPassword(password);
        }
        // a new password always records a change (same server or not): wait until the one given is the one in use
        Instant at = clock.instant();
        Instant recorded = at.truncatedTo(ChronoUnit.MICROS);
        return Mono.fromCallable(() -> java.util.Optional.ofNullable(password)
                        .map(p ->
                                vault.encryptText(NotificationSecrets.PLATFORM, NotificationSecrets.SMTP_PASSWORD, p)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(ciphertext -> commands.send(
                        new SetMailServer(ID, server, ciphertext.orElse(null), clear, body.reason(), at),
                        admin,
                        exchange))
                .then(ReadYourWrites.until(
                        this::readMail,
                        view -> server == null
                                ? view.source() != MailServerView.Source.SETTINGS
                                : view.source() == MailServerView.Source.SETTINGS
                                        && server.equals(view.server())
                                        && (password == null
                                                || view.passwordSet()
                                                        && view.updatedAt() != null
                                                        && !view.updatedAt().isBefore(recorded))
                                        && (!clear || !view.passwordSet())))
                .then(settings());
    }

    @Operation(
            summary = "Send a test e-mail through the SMTP server in use to your own account's address (admins) and"
                    + " answer whether the server accepted it, with its answer when not; 409"
                    + " NOTIFICATION_CHANNEL_NOT_CONFIGURED when there is no server or your account has no address")
    @PostMapping("/api/admin/platform/settings/mail/test")
    public Mono<MailTestResponse> testMail(@AuthenticationPrincipal SessionUser admin, ServerWebExchange exchange) {
        return commands.<MailTestResult>send(new SendTestMail(admin.id(), clock.instant()), admin, exchange)
                .map(MailTestResponse::of);
    }

    @Operation(
            summary = "Set the brand (admins): product name, primary colour, support e-mail, legal footer; branding"
                    + " null: the default brand. 422 naming the field (branding.productName, branding.primaryColor"
                    + " — also when the dashboard's text on it would not be readable —, branding.supportEmail,"
                    + " branding.legalFooter)")
    @PutMapping("/api/admin/platform/settings/branding")
    public Mono<PlatformSettingsResponse> branding(
            @AuthenticationPrincipal SessionUser admin,
            @Valid @RequestBody BrandingRequest body,
            ServerWebExchange exchange) {
        Branding next =
                body.branding() == null ? Branding.defaults() : body.branding().toBranding();
        return commands.send(new SetBranding(ID, next, body.reason(), clock.instant()), admin, exchange)
                .then(ReadYourWrites.until(
                        () -> BrandingController.read(queries, false), view -> next.equals(view.branding())))
                .then(settings());
    }

    @Operation(
            summary = "Set or remove the brand's logo (admins): PNG, JPEG or WebP, at most 100 KiB, in base64 (the"
                    + " type is recognised from the bytes; SVG is refused); logo null: no logo. 422 logo otherwise")
    @PutMapping("/api/admin/platform/settings/logo")
    public Mono<PlatformSettingsResponse> logo(
            @AuthenticationPrincipal SessionUser admin,
            @Valid @RequestBody LogoRequest body,
            ServerWebExchange exchange) {
        BrandingLogo logo = body.toLogo();
        String sha256 = logo == null ? null : logo.sha256();
        return commands.send(
                        new SetBrandingLogo(
                                ID,
                                logo == null ? null : logo.base64(),
                                logo == null ? null : logo.contentType(),
                                body.reason(),
                                clock.instant()),
                        admin,
                        exchange)
                .then(ReadYourWrites.until(
                        () -> BrandingController.read(queries, false),
                        view -> Objects.equals(sha256, view.logoSha256())))
                .then(settings());
    }

    private Mono<PlatformSettingsResponse> response(PlatformSettingsView view) {
        return readMail()
                .zipWith(BrandingController.read(queries, false))
                .map(both -> PlatformSettingsResponse.of(view, both.getT1(), both.getT2()));
    }

    private Mono<MailServerView> readMail() {
        return Mono.fromFuture(
                        () -> queries.query(new FindMailServer(), ResponseTypes.instanceOf(MailServerView.class)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<PlatformSettingsView> read() {
        return Mono.fromFuture(() ->
                        queries.query(new FindPlatformSettings(), ResponseTypes.instanceOf(PlatformSettingsView.class)))
                .subscribeOn(Schedulers.boundedElastic())
                .defaultIfEmpty(PlatformSettingsView.initial());
    }

    private Mono<PlatformSettingsResponse> until(Predicate<PlatformSettingsView> done) {
        return ReadYourWrites.until(this::read, done).flatMap(this::response);
    }
}
