package dev.trenddesk.api.notify;

import java.time.Instant;
import java.util.Set;

/** A user's channels as shown: secrets only masked. A channel is null when not configured. */
public record NotificationSettingsView(Webhook webhook, Telegram telegram, Email email) {

    public record Webhook(
            boolean enabled, String url, String secretMask, Set<NotificationKind> events, Instant updatedAt) {}

    public record Telegram(
            boolean enabled, String chatId, String botTokenMask, Set<NotificationKind> events, Instant updatedAt) {}

    public record Email(boolean enabled, Set<NotificationKind> events, Instant updatedAt) {}
}
