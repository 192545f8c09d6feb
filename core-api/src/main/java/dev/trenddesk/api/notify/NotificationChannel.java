package dev.trenddesk.api.notify;

/** Where a user's notifications can go (docs/notifications.md). */
public enum NotificationChannel {
    WEBHOOK,
    TELEGRAM,
    /** The account's e-mail address, over the operator's SMTP server. */
    EMAIL
}
