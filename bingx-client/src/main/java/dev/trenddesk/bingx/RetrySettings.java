package dev.trenddesk.bingx;

import java.time.Duration;

/**
 * Retries of idempotent reads on {@code Transient}, {@code RateLimited} and {@code UnknownOutcome}
 * failures: at most {@code maxAttempts} attempts in all, waiting a random time between 0 and
 * min(maxBackoff, minBackoff × 2^retry) (exponential backoff with full jitter), and at least the
 * exchange's retry-after when it gave one. Order placement and other writes are never retried.
 */
public record RetrySettings(int maxAttempts, Duration minBackoff, Duration maxBackoff) {

    public RetrySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** 4 attempts, backoff from 100 ms up to 5 s. */
    public static RetrySettings defaults() {
        return new RetrySettings(4, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    /** A single attempt: no retry. */
    public static RetrySettings none() {
        return new RetrySettings(1, Duration.ZERO, Duration.ZERO);
    }
}
