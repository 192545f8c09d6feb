package dev.trenddesk.api.notify;

import dev.trenddesk.api.common.UserId;
import java.time.Instant;
import java.util.Set;

/** Commands on a user's notification channels; handled by the saga role (strategy.notify). */
public final class NotificationCommands {

    private NotificationCommands() {}

    /**
     * Replaces the user's channels; a channel given as null is removed. Secrets travel only encrypted
     * by the key vault at the edge ({@link NotificationSecrets}); a null ciphertext keeps the stored
     * secret. Answers the {@link NotificationSettingsView}.
     */
    public record UpdateNotificationSettings(
            UserId userId, WebhookChannel webhook, TelegramChannel telegram, EmailChannel email, Instant at) {}

    /**
     * @param secretCiphertext the signing secret encrypted for field {@link NotificationSecrets#WEBHOOK_SECRET}, or null to keep
     * @param secretMask       how the secret is shown, or null to keep
     */
    public record WebhookChannel(
            boolean enabled, String url, String secretCiphertext, String secretMask, Set<NotificationKind> events) {}

    /**
     * @param tokenCiphertext the bot token encrypted for field {@link NotificationSecrets#TELEGRAM_TOKEN}, or null to keep
     */
    public record TelegramChannel(
            boolean enabled, String chatId, String tokenCiphertext, String tokenMask, Set<NotificationKind> events) {}

    /** E-mail to the account's address (read when a message is sent, so it follows an address change); no secret. */
    public record EmailChannel(boolean enabled, Set<NotificationKind> events) {}

    /**
     * Queues a test message on the channel through the ordinary delivery path; answers the delivery's id.
     * Refused (409, NOTIFICATION_CHANNEL_NOT_CONFIGURED) when the channel is not configured.
     */
    public record SendTestNotification(UserId userId, NotificationChannel channel, Instant at) {}

    /**
     * Sends one test e-mail through the current SMTP server to the account's address at once (not through the
     * outbox: an admin checking the server's settings waits for the answer); answers a {@link MailTestResult}.
     */
    public record SendTestMail(UserId to, Instant at) {}
}
