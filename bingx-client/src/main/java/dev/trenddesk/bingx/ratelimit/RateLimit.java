package dev.trenddesk.bingx.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code permits} requests in any window of length {@code window}.
 *
 * @param permits requests allowed per window, at least 1
 * @param window  the window length, at least 1 ms
 */
public record RateLimit(int permits, Duration window) {

    public RateLimit {
        Objects.requireNonNull(window, "window");
        if (permits < 1 || window.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "a rate limit needs permits >= 1 and a window >= 1 ms: " + permits + "/" + window);
        }
    }

    /** {@code permits} requests per second. */
    public static RateLimit perSecond(int permits) {
        return new RateLimit(permits, Duration.ofSeconds(1));
    }
}
