package dev.trenddesk.api.notify;

import java.time.Instant;

/**
 * One message to one channel. {@code status}: PENDING (not tried yet), RETRYING (failed, tried again at
 * {@code nextAttemptAt}), DELIVERED, FAILED (refused for good or out of attempts), CANCELLED (the
 * channel was removed or switched off before it went out). {@code lastError} never holds a secret.
 */
public record DeliveryView(
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

    public boolean settled() {
        return status.equals("DELIVERED") || status.equals("FAILED") || status.equals("CANCELLED");
    }
}
