package dev.trenddesk.api.notify;

import dev.trenddesk.api.common.UserId;

/** Queries on notification channels and deliveries; answered by the saga role (strategy.notify). */
public final class NotificationQueries {

    private NotificationQueries() {}

    /** Answers a {@link NotificationSettingsView} (channels absent when not configured). */
    public record FindNotificationSettings(UserId userId) {}

    /** The user's newest deliveries, newest first; answers a list of {@link DeliveryView}. */
    public record FindNotificationDeliveries(UserId userId, int limit) {}

    /** One delivery of the user; answers a {@link DeliveryView} or nothing. */
    public record FindNotificationDelivery(UserId userId, String deliveryId) {}

    /** The SMTP server e-mail goes through, and where its settings come from; answers a {@link MailServerView}. */
    public record FindMailServer() {}
}
