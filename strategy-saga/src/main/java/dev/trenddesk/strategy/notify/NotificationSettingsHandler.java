package dev.trenddesk.strategy.notify;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.notify.DeliveryView;
import dev.trenddesk.api.notify.NotificationChannel;
import dev.trenddesk.api.notify.NotificationCommands.EmailChannel;
import dev.trenddesk.api.notify.NotificationCommands.SendTestNotification;
import dev.trenddesk.api.notify.NotificationCommands.TelegramChannel;
import dev.trenddesk.api.notify.NotificationCommands.UpdateNotificationSettings;
import dev.trenddesk.api.notify.NotificationCommands.WebhookChannel;
import dev.trenddesk.api.notify.NotificationKind;
import dev.trenddesk.api.notify.NotificationQueries.FindNotificationDeliveries;
import dev.trenddesk.api.notify.NotificationQueries.FindNotificationDelivery;
import dev.trenddesk.api.notify.NotificationQueries.FindNotificationSettings;
import dev.trenddesk.api.notify.NotificationSettingsView;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * A user's channels (saga role, where they are used): replaced by {@link UpdateNotificationSettings},
 * read by {@link FindNotificationSettings} with secrets masked; deliveries read by the queries; a test
 * message queued by {@link SendTestNotification} for the dispatcher, like any other delivery.
 */
@Component
class NotificationSettingsHandler {

    private final NotificationStore store;

    NotificationSettingsHandler(NotificationStore store) {
        this.store = store;
    }

    @CommandHandler
    NotificationSettingsView handle(UpdateNotificationSettings command) {
        UUID user = command.userId().value();
        Optional<NotificationStore.Channel> webhook = store.channel(user, NotificationChannel.WEBHOOK);
        Optional<NotificationStore.Channel> telegram = store.channel(user, NotificationChannel.TELEGRAM);
        EmailChannel e = command.email();
        if (e == null) {
            store.remove(user, NotificationChannel.EMAIL);
        } else {
            store.save(new NotificationStore.Channel(
                    user,
                    NotificationChannel.EMAIL,
                    e.enabled(),
                    null,
                    null,
                    null,
                    choosable(e.events()),
                    command.at()));
        }
        WebhookChannel w = command.webhook();
        if (w == null) {
            store.remove(user, NotificationChannel.WEBHOOK);
        } else {
            store.save(merge(
                    user,
                    NotificationChannel.WEBHOOK,
                    w.enabled(),
                    w.url(),
                    w.secretCiphertext(),
                    w.secretMask(),
                    w.events(),
                    webhook,
                    command.at(),
                    "webhook.secret"));
        }
        TelegramChannel t = command.telegram();
        if (t == null) {
            store.remove(user, NotificationChannel.TELEGRAM);
        } else {
            store.save(merge(
                    user,
                    NotificationChannel.TELEGRAM,
                    t.enabled(),
                    t.chatId(),
                    t.tokenCiphertext(),
                    t.tokenMask(),
                    t.events(),
                    telegram,
                    command.at(),
                    "telegram.botToken"));
        }
        return view(user);
    }

    @CommandHandler
    String handle(SendTestNotification command) {
        UUID user = command.userId().value();
        if (store.channel(user, command.channel()).isEmpty()) {
            throw new DomainRejection(
                    RejectionCode.NOTIFICATION_CHANNEL_NOT_CONFIGURED,
                    "the " + command.channel().name().toLowerCase(java.util.Locale.ROOT) + " channel is not set up");
        }
        String source = "test:" + UUID.randomUUID();
        String id = NotificationRouter.deliveryId(command.channel(), source);
        store.enqueue(
                id,
                user,
                command.channel(),
                NotificationKind.TEST,
                source,
                "Test message from " + store.branding().productName(),
                "This is a test of your " + command.channel().name().toLowerCase(java.util.Locale.ROOT)
                        + " notifications, sent at " + command.at() + ".",
                "{\"test\":true}",
                command.at());
        return id;
    }

    @QueryHandler
    NotificationSettingsView handle(FindNotificationSettings query) {
        return view(query.userId().value());
    }

    @QueryHandler
    List<DeliveryView> handle(FindNotificationDeliveries query) {
        return store.deliveries(query.userId().value(), Math.max(1, Math.min(query.limit(), 200)));
    }

    @QueryHandler
    Optional<DeliveryView> handle(FindNotificationDelivery query) {
        return store.delivery(query.userId().value(), query.deliveryId());
    }

    private NotificationSettingsView view(UUID user) {
        NotificationSettingsView.Webhook webhook = store.channel(user, NotificationChannel.WEBHOOK)
                .map(c -> new NotificationSettingsView.Webhook(
                        c.enabled(), c.target(), c.secretMask(), c.events(), c.updatedAt()))
                .orElse(null);
        NotificationSettingsView.Telegram telegram = store.channel(user, NotificationChannel.TELEGRAM)
                .map(c -> new NotificationSettingsView.Telegram(
                        c.enabled(), c.target(), c.secretMask(), c.events(), c.updatedAt()))
                .orElse(null);
        NotificationSettingsView.Email email = store.channel(user, NotificationChannel.EMAIL)
                .map(c -> new NotificationSettingsView.Email(c.enabled(), c.events(), c.updatedAt()))
                .orElse(null);
        return new NotificationSettingsView(webhook, telegram, email);
    }

    private static NotificationStore.Channel merge(
            UUID user,
            NotificationChannel channel,
            boolean enabled,
            String target,
            String ciphertext,
            String mask,
            Set<NotificationKind> events,
            Optional<NotificationStore.Channel> stored,
            Instant at,
            String secretField) {
        String secret = ciphertext != null
                ? ciphertext
                : stored.map(NotificationStore.Channel::secretCiphertext).orElse(null);
        String shown = ciphertext != null
                ? mask
                : stored.map(NotificationStore.Channel::secretMask).orElse(null);
        if (secret == null) {
            throw new dev.trenddesk.api.common.InvalidInputException(secretField, "is required");
        }
        return new NotificationStore.Channel(user, channel, enabled, target, secret, shown, choosable(events), at);
    }

    private static Set<NotificationKind> choosable(Set<NotificationKind> events) {
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        if (events != null) {
            events.stream().filter(NotificationKind::choosable).forEach(kinds::add);
        }
        return kinds;
    }
}
