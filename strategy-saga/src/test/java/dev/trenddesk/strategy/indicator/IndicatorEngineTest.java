package dev.trenddesk.strategy.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.Timeframe;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IndicatorEngineTest {

    private static final String ETH = "ETH-USDT";
    private static final List<Candle> CANDLES = RealCandles.eth5m();
    private static final WilderReference REFERENCE = new WilderReference(CANDLES);

    private static List<IndicatorSnapshot> run(IndicatorEngine engine, String symbol) {
        List<IndicatorSnapshot> out = new ArrayList<>();
        for (Candle candle : CANDLES) {
            out.add(engine.onClosedCandle(symbol, Timeframe.M5, candle).orElseThrow());
        }
        return out;
    }

    private static double maxDifference(List<IndicatorSnapshot> snapshots, double[] reference,
            java.util.function.Function<IndicatorSnapshot, BigDecimal> value, int from) {
        double max = 0;
        for (int i = from; i < snapshots.size(); i++) {
            assertThat(value.apply(snapshots.get(i))).as("value at candle index %d", i).isNotNull();
            max = Math.max(max, Math.abs(value.apply(snapshots.get(i)).doubleValue() - reference[i]));
        }
        return max;
    }

    @Test
    void readsAllRealEthCandles() {
        assertThat(CANDLES).hasSize(580);
        assertThat(CANDLES.get(0).openTime()).isEqualTo(Instant.ofEpochMilli(1678730700000L - 300_000));
        assertThat(CANDLES.get(0).open()).isEqualByComparingTo("1673.58");
    }

    @Test
    void matchesWildersDefinitionsOnRealEthCandlesWhereverDefined() {
        List<IndicatorSnapshot> snapshots = run(new IndicatorEngine(), ETH);

        double adxFromDefinition = maxDifference(snapshots, REFERENCE.adx, IndicatorSnapshot::adx, 27);
        double plusDiFromDefinition = maxDifference(snapshots, REFERENCE.plusDi, IndicatorSnapshot::plusDi, 14);
        double minusDiFromDefinition = maxDifference(snapshots, REFERENCE.minusDi, IndicatorSnapshot::minusDi, 14);
        double atrFromDefinition = maxDifference(snapshots, REFERENCE.atr, IndicatorSnapshot::atr, 14);
        double adxFrom150 = maxDifference(snapshots, REFERENCE.adx, IndicatorSnapshot::adx, 149);
        System.out.printf(java.util.Locale.ROOT, "max |engine - reference|: ADX %.3e (from 150th: %.3e), +DI %.3e,"
                + " -DI %.3e, ATR %.3e%n", adxFromDefinition, adxFrom150, plusDiFromDefinition, minusDiFromDefinition,
                atrFromDefinition);

        assertThat(adxFromDefinition).isLessThan(1e-6);
        assertThat(plusDiFromDefinition).isLessThan(1e-6);
        assertThat(minusDiFromDefinition).isLessThan(1e-6);
        assertThat(atrFromDefinition).isLessThan(1e-6);
    }

    @Test
    void leavesValuesAbsentUntilDefined() {
        List<IndicatorSnapshot> snapshots = run(new IndicatorEngine(), ETH);

        for (int i = 0; i < 14; i++) {
            assertThat(snapshots.get(i).atr()).as("ATR at %d", i).isNull();
            assertThat(snapshots.get(i).plusDi()).as("+DI at %d", i).isNull();
            assertThat(snapshots.get(i).minusDi()).as("-DI at %d", i).isNull();
        }
        for (int i = 0; i < 27; i++) {
            assertThat(snapshots.get(i).adx()).as("ADX at %d", i).isNull();
            assertThat(snapshots.get(i).ready()).isFalse();
        }
        assertThat(snapshots.get(14).atr()).isNotNull();
        assertThat(snapshots.get(27).adx()).isNotNull();
        assertThat(snapshots.get(27).previousAdx()).isNull();
        assertThat(snapshots.get(28).previousAdx()).isEqualTo(snapshots.get(27).adx());
        assertThat(snapshots.get(27).ready()).isTrue();
    }

    @Test
    void reportsValuesWithEightDecimals() {
        IndicatorSnapshot last = run(new IndicatorEngine(), ETH).get(579);

        assertThat(List.of(last.adx(), last.plusDi(), last.minusDi(), last.atr(), last.previousAdx()))
                .allSatisfy(value -> assertThat(value.scale()).isEqualTo(IndicatorEngine.SCALE));
    }

    @Test
    void cappedSeriesProducesExactlyTheUncappedValues() {
        List<IndicatorSnapshot> capped = run(new IndicatorEngine(200), ETH);
        List<IndicatorSnapshot> uncapped = run(new IndicatorEngine(Integer.MAX_VALUE), ETH);

        assertThat(capped).isEqualTo(uncapped);
    }

    @Test
    void smallestCapStillMatchesUncappedValues() {
        assertThat(run(new IndicatorEngine(3), ETH)).isEqualTo(run(new IndicatorEngine(Integer.MAX_VALUE), ETH));
    }

    @Test
    void ignoresDuplicateAndOlderCandles() {
        IndicatorEngine engine = new IndicatorEngine();
        for (int i = 0; i < 40; i++) {
            engine.onClosedCandle(ETH, Timeframe.M5, CANDLES.get(i));
        }
        IndicatorSnapshot before = engine.latest(ETH, Timeframe.M5).orElseThrow();

        Optional<IndicatorSnapshot> duplicate = engine.onClosedCandle(ETH, Timeframe.M5, CANDLES.get(39));
        Optional<IndicatorSnapshot> older = engine.onClosedCandle(ETH, Timeframe.M5, CANDLES.get(10));

        assertThat(duplicate).isEmpty();
        assertThat(older).isEmpty();
        assertThat(engine.latest(ETH, Timeframe.M5)).contains(before);
        IndicatorSnapshot next = engine.onClosedCandle(ETH, Timeframe.M5, CANDLES.get(40)).orElseThrow();
        assertThat(next.adx().doubleValue()).isCloseTo(REFERENCE.adx[40], org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void keepsSymbolsAndTimeframesApart() {
        IndicatorEngine engine = new IndicatorEngine();
        run(engine, ETH);

        IndicatorSnapshot otherSymbol = engine.onClosedCandle("BTC-USDT", Timeframe.M5, CANDLES.get(0)).orElseThrow();
        IndicatorSnapshot otherTimeframe = engine.onClosedCandle(ETH, Timeframe.M15, CANDLES.get(0)).orElseThrow();

        assertThat(otherSymbol.atr()).isNull();
        assertThat(otherTimeframe.atr()).isNull();
        assertThat(engine.latest(ETH, Timeframe.M5).orElseThrow().candle()).isEqualTo(CANDLES.get(579));
        assertThat(engine.latest("SOL-USDT", Timeframe.M5)).isEmpty();
    }

    @Test
    void parallelUpdatesOfDifferentSymbolsGiveTheSequentialValues() throws Exception {
        List<IndicatorSnapshot> sequential = run(new IndicatorEngine(200), ETH);
        IndicatorEngine shared = new IndicatorEngine(200);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<IndicatorSnapshot>>> runs = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                String symbol = "S" + s + "-USDT";
                runs.add(pool.submit(() -> run(shared, symbol)));
            }
            for (Future<List<IndicatorSnapshot>> result : runs) {
                List<IndicatorSnapshot> values = result.get();
                for (int i = 0; i < values.size(); i++) {
                    assertThat(values.get(i).adx()).isEqualTo(sequential.get(i).adx());
                    assertThat(values.get(i).atr()).isEqualTo(sequential.get(i).atr());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
