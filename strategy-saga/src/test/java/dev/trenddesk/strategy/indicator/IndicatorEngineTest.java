package dev.trenddesk.strategy.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.strategy.backtest.CandleFileReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class IndicatorEngineTest {

    private static final String ETH = "ETH-USDT";
    private static final List<Candle> CANDLES = RealCandles.eth5m();
    private static final TaLibReference REFERENCE = new TaLibReference(CANDLES);

    private static List<IndicatorSnapshot> run(IndicatorEngine engine, String symbol) {
        List<IndicatorSnapshot> out = new ArrayList<>();
        for (Candle candle : CANDLES) {
            out.add(engine.onClosedCandle(symbol, Timeframe.M5, candle).orElseThrow());
        }
        return out;
    }

    private static double maxDifference(
            List<IndicatorSnapshot> snapshots,
            double[] reference,
            java.util.function.Function<IndicatorSnapshot, BigDecimal> value,
            int from) {
        double max = 0;
        for (int i = from; i < snapshots.size(); i++) {
            assertThat(value.apply(snapshots.get(i)))
                    .as("value at candle index %d", i)
                    .isNotNull();
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

    /** Largest |engine − TA-Lib| per indicator from the first index TA-Lib defines, in the order ADX, +DI, −DI, ATR. */
    private static double[] differencesFromTaLib(List<Candle> candles) {
        IndicatorEngine engine = new IndicatorEngine();
        List<IndicatorSnapshot> snapshots = new ArrayList<>();
        for (Candle candle : candles) {
            snapshots.add(engine.onClosedCandle(ETH, Timeframe.M5, candle).orElseThrow());
        }
        TaLibReference talib = new TaLibReference(candles);
        return new double[] {
            maxDifference(snapshots, talib.adx, IndicatorSnapshot::adx, talib.adxFirst()),
            maxDifference(snapshots, talib.plusDi, IndicatorSnapshot::plusDi, talib.diFirst()),
            maxDifference(snapshots, talib.minusDi, IndicatorSnapshot::minusDi, talib.diFirst()),
            maxDifference(snapshots, talib.atr, IndicatorSnapshot::atr, talib.diFirst())
        };
    }

    private static void assertMatchesTaLib(String series, List<Candle> candles) {
        double[] max = differencesFromTaLib(candles);
        System.out.printf(
                java.util.Locale.ROOT,
                "%s, %d candles, max |engine - TA-Lib|: ADX %.3e, +DI %.3e," + " -DI %.3e, ATR %.3e%n",
                series,
                candles.size(),
                max[0],
                max[1],
                max[2],
                max[3]);

        assertThat(max[0]).as("ADX").isLessThan(1e-6);
        assertThat(max[1]).as("+DI").isLessThan(1e-6);
        assertThat(max[2]).as("-DI").isLessThan(1e-6);
        assertThat(max[3]).as("ATR").isLessThan(1e-6);
    }

    @Test
    void matchesTaLibOnRealEthCandlesWhereverTaLibDefinesAValue() {
        assertMatchesTaLib("ETH 5m", CANDLES);
    }

    @Test
    void matchesTaLibOnRealBtcCandlesWhereverTaLibDefinesAValue() {
        List<Candle> btc = CandleFileReader.parse(RealCandles.text(RealCandles.BITSTAMP_TRADES), Timeframe.M5)
                .candles();
        assertThat(btc).hasSize(1917);

        assertMatchesTaLib("BTC 5m (Bitstamp trades)", btc);
    }

    /**
     * 120 synthetic 5m candles: {@code flat} identical candles (TR 0: both DIs 0, no DX), then candles with the
     * same high and low up to candle 64 (TR > 0 but no DM: DIs 0, no DX, ADX left as it is), then a rise and a
     * fall.
     */
    private static List<Candle> synthetic(int flat) {
        List<Candle> candles = new ArrayList<>();
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 120; i++) {
            double high;
            double low;
            double close;
            if (i < flat) {
                high = low = close = 100;
            } else if (i < 65) {
                high = 101;
                low = 99;
                close = i % 2 == 0 ? 100.5 : 99.5;
            } else if (i < 95) {
                low = 99 + 0.7 * (i - 64) + (i % 3) * 0.2;
                high = low + 1.5 + (i % 4) * 0.3;
                close = low + 1;
            } else {
                high = 122 - 0.9 * (i - 94) + (i % 5) * 0.25;
                low = high - 1.2 - (i % 3) * 0.4;
                close = low + 0.3;
            }
            BigDecimal c = BigDecimal.valueOf(close);
            candles.add(new Candle(
                    start.plusSeconds(300L * i),
                    c,
                    BigDecimal.valueOf(high),
                    BigDecimal.valueOf(low),
                    c,
                    BigDecimal.ONE));
        }
        return candles;
    }

    @Test
    void matchesTaLibThroughFlatCandles() {
        List<Candle> candles = synthetic(35);
        TaLibReference talib = new TaLibReference(candles);
        assertThat(talib.adx[27]).isZero();
        assertThat(talib.plusDi[40]).isZero();
        assertThat(talib.adx[100]).isPositive();

        assertMatchesTaLib("synthetic, flat start", candles);
    }

    @Test
    void matchesTaLibThroughCandlesWithoutDirectionalMovement() {
        List<Candle> candles = synthetic(0);
        TaLibReference talib = new TaLibReference(candles);
        assertThat(talib.adx[27]).isZero();
        assertThat(talib.atr[40]).isPositive();
        assertThat(talib.plusDi[40]).isZero();
        assertThat(talib.adx[100]).isPositive();

        assertMatchesTaLib("synthetic, no directional movement at first", candles);
    }

    @Test
    void seedsTheSmoothedSumsAsTaLibDoesNotWithTheFullFirstPeriod() {
        // Seeding the smoothed sums with the plain 14-bar sums at candle 14 (Wilder's book, and this engine
        // before) puts ADX 0.145 points away from TA-Lib at candle 30 and still 6.6e-4 at candle 150; TA-Lib
        // sums 13 bars and smooths once at candle 14.
        List<IndicatorSnapshot> snapshots = run(new IndicatorEngine(), ETH);
        WilderBookReference bookSeed = new WilderBookReference(CANDLES);

        assertThat(Math.abs(bookSeed.adx[30] - REFERENCE.adx[30])).isCloseTo(0.145, Offset.offset(5e-4));
        assertThat(Math.abs(bookSeed.adx[150] - REFERENCE.adx[150])).isCloseTo(6.6e-4, Offset.offset(5e-5));
        for (int i : new int[] {14, 27, 30, 150}) {
            IndicatorSnapshot snapshot = snapshots.get(i);
            assertThat(snapshot.plusDi().doubleValue())
                    .as("+DI at %d", i)
                    .isCloseTo(REFERENCE.plusDi[i], Offset.offset(1e-6));
            assertThat(snapshot.minusDi().doubleValue())
                    .as("-DI at %d", i)
                    .isCloseTo(REFERENCE.minusDi[i], Offset.offset(1e-6));
            if (i >= 27) {
                assertThat(snapshot.adx().doubleValue())
                        .as("ADX at %d", i)
                        .isCloseTo(REFERENCE.adx[i], Offset.offset(1e-6));
            }
        }
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
        IndicatorSnapshot next =
                engine.onClosedCandle(ETH, Timeframe.M5, CANDLES.get(40)).orElseThrow();
        assertThat(next.adx().doubleValue()).isCloseTo(REFERENCE.adx[40], Offset.offset(1e-6));
    }

    @Test
    void keepsSymbolsAndTimeframesApart() {
        IndicatorEngine engine = new IndicatorEngine();
        run(engine, ETH);

        IndicatorSnapshot otherSymbol =
                engine.onClosedCandle("BTC-USDT", Timeframe.M5, CANDLES.get(0)).orElseThrow();
        IndicatorSnapshot otherTimeframe =
                engine.onClosedCandle(ETH, Timeframe.M15, CANDLES.get(0)).orElseThrow();

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
