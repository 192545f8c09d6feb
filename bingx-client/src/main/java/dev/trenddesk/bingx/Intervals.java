package dev.trenddesk.bingx;

import java.time.Duration;
import java.util.Optional;

/** Kline interval names (1m, 5m, 1h, 1d, 1w, ...) and their lengths. */
final class Intervals {

    private Intervals() {}

    /** The interval's length, or empty for calendar months (1M) and names it does not know. */
    static Optional<Duration> length(String interval) {
        if (interval == null || interval.length() < 2) {
            return Optional.empty();
        }
        char unit = interval.charAt(interval.length() - 1);
        long n;
        try {
            n = Long.parseLong(interval.substring(0, interval.length() - 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return switch (unit) {
            case 'm' -> Optional.of(Duration.ofMinutes(n));
            case 'h' -> Optional.of(Duration.ofHours(n));
            case 'd' -> Optional.of(Duration.ofDays(n));
            case 'w' -> Optional.of(Duration.ofDays(7 * n));
            default -> Optional.empty();
        };
    }
}
