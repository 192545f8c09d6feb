package dev.trenddesk.gateway.web.notify;

import dev.trenddesk.api.notify.DeliveryView;
import dev.trenddesk.api.notify.NotificationChannel;
import dev.trenddesk.api.notify.NotificationKind;
import dev.trenddesk.api.notify.NotificationSettingsView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** Bodies of /api/me/notifications. Secrets are accepted, never answered (only masked). */
final class NotificationDtos {

    private NotificationDtos() {}

    @Schema(description = "Your channels; a channel left out (or null) is removed")
    record NotificationsRequest(WebhookRequest webhook, TelegramRequest telegram, EmailRequest email) {}

    @Schema(
            description = "A webhook: an https URL (http only for loopback hosts where the server allows it), the "
                    + "signing secret (16-256 characters; left out: the stored one, or a generated one when none is "
                    + "stored), generateSecret to have a new one made, and the events to send")
    record WebhookRequest(
            Boolean enabled, String url, String secret, Boolean generateSecret, List<NotificationKind> events) {}

    @Schema(
            description = "Telegram: the bot token (left out: the stored one), the chat id (a number, negative for "
                    + "groups, or @channelname) and the events to send")
    record TelegramRequest(Boolean enabled, String botToken, String chatId, List<NotificationKind> events) {}

    @Schema(
            description = "E-mail to your account's address (it follows an address change) and the events to send; "
                    + "it can be switched on only where the server has an SMTP server (emailAvailable)")
    record EmailRequest(Boolean enabled, List<NotificationKind> events) {}

    record EmailResponse(boolean enabled, List<NotificationKind> events, Instant updatedAt) {}

    record WebhookResponse(
            boolean enabled, String url, String secretMask, List<NotificationKind> events, Instant updatedAt) {}

    record TelegramResponse(
            boolean enabled, String chatId, String botTokenMask, List<NotificationKind> events, Instant updatedAt) {}

    @Schema(
            description = "Your channels, secrets masked. generatedSecret is present only in the answer to the PUT "
                    + "that generated it: keep it to verify signatures, it is never shown again. emailAddress is "
                    + "your account's address, where e-mail goes; emailAvailable is false when the server has no "
                    + "SMTP server (then e-mail cannot be switched on)")
    record NotificationsResponse(
            WebhookResponse webhook,
            TelegramResponse telegram,
            EmailResponse email,
            List<NotificationKind> choosableEvents,
            String generatedSecret,
            String emailAddress,
            boolean emailAvailable) {

        static NotificationsResponse of(
                NotificationSettingsView view, String generatedSecret, String emailAddress, boolean emailAvailable) {
            WebhookResponse webhook = view.webhook() == null
                    ? null
                    : new WebhookResponse(
                            view.webhook().enabled(),
                            view.webhook().url(),
                            view.webhook().secretMask(),
                            sorted(view.webhook().events()),
                            view.webhook().updatedAt());
            TelegramResponse telegram = view.telegram() == null
                    ? null
                    : new TelegramResponse(
                            view.telegram().enabled(),
                            view.telegram().chatId(),
                            view.telegram().botTokenMask(),
                            sorted(view.telegram().events()),
                            view.telegram().updatedAt());
            EmailResponse email = view.email() == null
                    ? null
                    : new EmailResponse(
                            view.email().enabled(),
                            sorted(view.email().events()),
                            view.email().updatedAt());
            List<NotificationKind> choosable = java.util.Arrays.stream(NotificationKind.values())
                    .filter(NotificationKind::choosable)
                    .toList();
            return new NotificationsResponse(
                    webhook, telegram, email, choosable, generatedSecret, emailAddress, emailAvailable);
        }

        private static List<NotificationKind> sorted(java.util.Set<NotificationKind> kinds) {
            return kinds == null ? List.of() : kinds.stream().sorted().toList();
        }
    }

    @Schema(
            description = "One message to one channel: status PENDING, RETRYING (tried again at nextAttemptAt), "
                    + "DELIVERED, FAILED or CANCELLED; lastError never holds a secret")
    record DeliveryResponse(
            String id,
            NotificationChannel channel,
            NotificationKind kind,
            String status,
            int attempts,
            Integer lastStatusCode,
            String lastError,
            String summary,
            Instant createdAt,
            Instant lastAttemptAt,
            Instant nextAttemptAt,
            Instant deliveredAt) {

        static DeliveryResponse of(DeliveryView v) {
            return new DeliveryResponse(
                    v.id(),
                    v.channel(),
                    v.kind(),
                    v.status(),
                    v.attempts(),
                    v.lastStatusCode(),
                    v.lastError(),
                    v.summary(),
                    v.createdAt(),
                    v.lastAttemptAt(),
                    v.status().equals("PENDING") || v.status().equals("RETRYING") ? v.nextAttemptAt() : null,
                    v.deliveredAt());
        }
    }
}
