package dev.trenddesk.strategy.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilenceWatchTest {

    private static final StreamKey ETH_1M = new StreamKey("ETH-USDT", Timeframe.M1);
    private static final StreamKey ETH_5M = new StreamKey("ETH-USDT", Timeframe.M5);
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private final SilenceWatch watch = new SilenceWatch();

    private static Map<StreamKey, Instant> newest(StreamKey key, Instant openTime) {
        Map<StreamKey, Instant> map = new HashMap<>();
        map.put(key, openTime);
        return map;
    }

    /** Seen live: a bot on 1m sat RUNNING with no candles and no alert (the simulator then served 5m only). */
    @Test
    void aStreamThatNeverDeliversFallsSilentAfterThreeOfItsPeriods() {
        assertThat(watch.check(newest(ETH_1M, null), T0)).isEmpty();
        assertThat(watch.check(newest(ETH_1M, null), T0.plus(Duration.ofMinutes(3))))
                .isEmpty();
        List<SilenceWatch.Change> changes = watch.check(newest(ETH_1M, null), T0.plus(Duration.ofSeconds(181)));
        assertThat(changes).containsExactly(new SilenceWatch.Change(ETH_1M, true, T0, T0.plusSeconds(181)));
        // said once per silence
        assertThat(watch.check(newest(ETH_1M, null), T0.plus(Duration.ofMinutes(30))))
                .isEmpty();
    }

    @Test
    void aSilenceIsMeasuredFromTheLastCandlesCloseAndEndsWithTheNextCandle() {
        Instant lastOpen = T0.minus(Duration.ofMinutes(5));
        assertThat(watch.check(newest(ETH_5M, lastOpen), T0.plusSeconds(10))).isEmpty();
        // candles 10:00 and 10:05 are late, nothing at 10:14:59 yet: two periods and a bit, not silent
        assertThat(watch.check(newest(ETH_5M, lastOpen), T0.plus(Duration.ofMinutes(15))))
                .isEmpty();
        List<SilenceWatch.Change> silent = watch.check(
                newest(ETH_5M, lastOpen), T0.plus(Duration.ofMinutes(15)).plusMillis(1));
        assertThat(silent)
                .containsExactly(new SilenceWatch.Change(
                        ETH_5M, true, T0, T0.plus(Duration.ofMinutes(15)).plusMillis(1)));
        // the gap is filled: the stream is back, measured afresh from its newest candle
        Instant back = T0.plus(Duration.ofMinutes(21));
        assertThat(watch.check(newest(ETH_5M, T0.plus(Duration.ofMinutes(15))), back))
                .containsExactly(new SilenceWatch.Change(ETH_5M, false, T0, back));
        assertThat(watch.check(newest(ETH_5M, T0.plus(Duration.ofMinutes(15))), T0.plus(Duration.ofMinutes(35))))
                .isEmpty();
    }

    @Test
    void aStreamDeliveringOnTimeNeverFallsSilent() {
        for (int i = 0; i < 100; i++) {
            Instant open = T0.plus(Duration.ofMinutes(5L * i));
            assertThat(watch.check(
                            newest(ETH_5M, open),
                            open.plus(Duration.ofMinutes(5)).plusSeconds(2)))
                    .isEmpty();
        }
    }

    @Test
    void aStreamNoLongerPublishedIsForgotten() {
        watch.check(newest(ETH_1M, null), T0);
        watch.check(Map.of(), T0.plus(Duration.ofMinutes(1)));
        // watched again: measured from now, not from the first look
        assertThat(watch.check(newest(ETH_1M, null), T0.plus(Duration.ofMinutes(4))))
                .isEmpty();
        assertThat(watch.check(
                        newest(ETH_1M, null), T0.plus(Duration.ofMinutes(7)).plusMillis(1)))
                .hasSize(1);
    }
}
