package dev.trenddesk.strategy.notify;

import java.time.Duration;

/**
 * When a failed delivery is tried again: {@code initial × 2^(attempt−1)}, at most {@code max}, for at
 * most {@code maxAttempts} attempts in all (trenddesk.notifications.retry.*). No jitter: a channel has
 * one delivery in flight per source event, and rows claimed together are spread by when they failed.
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "trenddesk.notifications.retry: initial-delay must be positive, max-delay at least initial-delay, "
                            + "max-attempts at least 1");
        }
    }

    /** The wait after the {@code attempt}-th failed attempt (1-based), or null when none is left. */
    public Duration after(int attempt) {
        if (attempt >= maxAttempts) {
            return null;
        }
        int shift = Math.min(attempt - 1, 30);
        long millis = initial.toMillis() << shift;
        if (millis <= 0 || millis > max.toMillis()) {
            return max;
        }
        return Duration.ofMillis(millis);
    }
}
