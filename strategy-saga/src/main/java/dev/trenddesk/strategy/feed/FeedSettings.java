package dev.trenddesk.strategy.feed;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the market feed runs ({@code trenddesk.market.*}).
 *
 * @param alwaysOn      streams published while this node runs, whether or not anyone holds them
 *                      (charts before any bot runs)
 * @param warmupCandles closed candles read over REST before a stream publishes live (at least 300)
 * @param watchInterval how often the watcher compares the wanted streams with the running ones and
 *                      retries the publisher locks held by other nodes
 * @param retryBackoff  first wait before a failed stream (REST or database error) starts again; doubles
 *                      up to 30 times this value
 */
public record FeedSettings(List<StreamKey> alwaysOn, int warmupCandles, Duration watchInterval, Duration retryBackoff) {

    /** Fewest closed candles a warm-up reads (ADX values match Wilder's to 1e-6 only after ~300). */
    public static final int MIN_WARMUP = 300;

    public FeedSettings {
        alwaysOn = List.copyOf(alwaysOn);
        Objects.requireNonNull(watchInterval, "watchInterval");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (warmupCandles < MIN_WARMUP || warmupCandles > 1439) {
            throw new IllegalArgumentException(
                    "warm-up must read between " + MIN_WARMUP + " and 1439 candles, was " + warmupCandles);
        }
        if (watchInterval.isNegative()
                || watchInterval.isZero()
                || retryBackoff.isNegative()
                || retryBackoff.isZero()) {
            throw new IllegalArgumentException("the watch interval and retry backoff must be positive");
        }
    }
}
