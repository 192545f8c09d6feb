package dev.trenddesk.strategy.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.Timeframe;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Indicator engine figures. Run with
 * {@code mvn -B -o -pl strategy-saga test -Dgroups=benchmark -Dtest.excludedGroups=none}; prints, never
 * fails on time.
 */
@Tag("benchmark")
class IndicatorBenchmarkTest {

    @Test
    void updatePerClosedCandle() {
        List<Candle> candles = RealCandles.eth5mReplayed(40);
        IndicatorEngine warmUp = new IndicatorEngine();
        candles.forEach(c -> warmUp.onClosedCandle("WARM-USDT", Timeframe.M5, c));

        IndicatorEngine engine = new IndicatorEngine();
        long[] nanos = new long[candles.size()];
        for (int i = 0; i < candles.size(); i++) {
            long start = System.nanoTime();
            engine.onClosedCandle("ETH-USDT", Timeframe.M5, candles.get(i));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double p50 = nanos[nanos.length / 2] / 1000.0;
        double p99 = nanos[(int) (nanos.length * 0.99)] / 1000.0;
        System.out.printf(
                Locale.ROOT,
                "BENCHMARK indicator update per closed candle (%d candles, cap %d bars):"
                        + " p50 %.1f us, p99 %.1f us, max %.1f us%n",
                candles.size(),
                IndicatorEngine.DEFAULT_MAX_BARS,
                p50,
                p99,
                nanos[nanos.length - 1] / 1000.0);
        assertThat(engine.latest("ETH-USDT", Timeframe.M5).orElseThrow().adx()).isNotNull();
    }

    @Test
    void memoryPerSeries() {
        List<Candle> candles = RealCandles.eth5m();
        int seriesCount = 200;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        IndicatorEngine engine = new IndicatorEngine();
        for (int s = 0; s < seriesCount; s++) {
            String symbol = "S" + s + "-USDT";
            candles.forEach(c -> engine.onClosedCandle(symbol, Timeframe.M5, c));
        }
        long after = usedAfterGc(memory);
        long perSeries = (after - before) / seriesCount;
        System.out.printf(
                Locale.ROOT,
                "BENCHMARK memory per series (%d series, %d candles each, cap %d bars):" + " %d bytes (%.1f KiB)%n",
                seriesCount,
                candles.size(),
                IndicatorEngine.DEFAULT_MAX_BARS,
                perSeries,
                perSeries / 1024.0);
        assertThat(engine.latest("S199-USDT", Timeframe.M5)).isPresent();
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
