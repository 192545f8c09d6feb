package dev.trenddesk.strategy.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.market.IndicatorKeys;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The feed's EMAs: TA-Lib's values on real candles, hand-checked values on tiny series. */
class ExponentialMovingAverageTest {

    private static final List<Candle> ETH_CANDLES = RealCandles.eth5m();
    /** Values carry 8 decimals, rounded half-even; TA-Lib computes in doubles. */
    private static final double TOLERANCE = 1e-8;

    private static List<IndicatorSnapshot> run(IndicatorEngine engine, List<Candle> candles) {
        List<IndicatorSnapshot> out = new ArrayList<>();
        for (Candle candle : candles) {
            out.add(engine.onClosedCandle("ETH-USDT", Timeframe.M5, candle).orElseThrow());
        }
        return out;
    }

    private static Candle candle(int index, String close) {
        BigDecimal price = new BigDecimal(close);
        return new Candle(
                Instant.parse("2026-12-01T00:00:00Z").plus(Duration.ofMinutes(5L * index)),
                price,
                price,
                price,
                price,
                BigDecimal.ONE);
    }

    @ParameterizedTest(name = "EMA({0})")
    @ValueSource(ints = {9, 21, 50, 100, 200})
    void matchesTaLibsEmaOnRealEthCandles(int period) {
        double[] reference = TaLibEmaReference.ema(ETH_CANDLES, period);
        List<IndicatorSnapshot> snapshots = run(new IndicatorEngine(), ETH_CANDLES);
        for (int i = 0; i < snapshots.size(); i++) {
            BigDecimal value = snapshots.get(i).ema(period);
            if (Double.isNaN(reference[i])) {
                assertThat(value)
                        .as("EMA(%d) at index %d, before TA-Lib defines it", period, i)
                        .isNull();
                assertThat(i).isLessThan(period - 1);
            } else {
                assertThat(value).as("EMA(%d) at index %d", period, i).isNotNull();
                assertThat(Math.abs(value.doubleValue() - reference[i]))
                        .as("EMA(%d) at index %d: %s vs TA-Lib %s", period, i, value, reference[i])
                        .isLessThanOrEqualTo(TOLERANCE);
                BigDecimal previous = snapshots.get(i).emaPrev(period);
                if (i == period - 1) {
                    assertThat(previous).as("no previous EMA at the first").isNull();
                } else {
                    assertThat(previous).isEqualTo(snapshots.get(i - 1).ema(period));
                }
            }
        }
        assertThat(snapshots.get(period - 1).ema(period))
                .as("first EMA(%d) at index %d", period, period - 1)
                .isNotNull();
    }

    @Test
    void theReferencePortSeedsWithTheSimpleAverageAndThenSmoothsWithTwoOverNPlusOne() {
        double[] out = TaLibEmaReference.ema(new double[] {2, 4, 6, 8, 7, 5}, 3);
        assertThat(out[0]).isNaN();
        assertThat(out[1]).isNaN();
        assertThat(out).containsSubsequence(4.0, 6.0, 6.5, 5.75);
    }

    @Test
    void emaOfThreeByHand() {
        // seed (2 + 4 + 6) / 3 = 4; alpha 2 / 4 = 0.5: 4 + 0.5 (8 − 4) = 6, 6 + 0.5 (7 − 6) = 6.5, 6.5 + 0.5 (5 − 6.5)
        // = 5.75
        ExponentialMovingAverage ema = new ExponentialMovingAverage(3, MathContext.DECIMAL128);
        List<BigDecimal> values = new ArrayList<>();
        for (String close : List.of("2", "4", "6", "8", "7", "5")) {
            values.add(ema.add(new BigDecimal(close)));
        }
        assertThat(values.get(0)).isNull();
        assertThat(values.get(1)).isNull();
        assertThat(values.subList(2, 6))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(
                        new BigDecimal("4"), new BigDecimal("6"), new BigDecimal("6.5"), new BigDecimal("5.75"));
    }

    @Test
    void theEngineGivesEma9AndItsPreviousValueByHand() {
        // closes 10 … 18: EMA(9) = their average 14 at the 9th candle; then close 24, alpha 2 / 10: 14 + 0.2 × 10 = 16
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            candles.add(candle(i, String.valueOf(10 + i)));
        }
        candles.add(candle(9, "24"));
        List<IndicatorSnapshot> snapshots = run(new IndicatorEngine(), candles);

        assertThat(snapshots.get(7).ema(9)).isNull();
        assertThat(snapshots.get(8).ema(9)).isEqualTo(new BigDecimal("14.00000000"));
        assertThat(snapshots.get(8).emaPrev(9)).isNull();
        assertThat(snapshots.get(9).ema(9)).isEqualTo(new BigDecimal("16.00000000"));
        assertThat(snapshots.get(9).emaPrev(9)).isEqualTo(new BigDecimal("14.00000000"));
        assertThat(snapshots.get(9).values())
                .containsKeys(IndicatorKeys.ema(9), IndicatorKeys.emaPrev(9))
                .doesNotContainKeys(IndicatorKeys.ema(21), IndicatorKeys.ADX);
    }

    @Test
    void ema200IsExactWithASeriesCappedBelowItsPeriod() {
        List<IndicatorSnapshot> capped = run(new IndicatorEngine(3), ETH_CANDLES);
        List<IndicatorSnapshot> uncapped = run(new IndicatorEngine(Integer.MAX_VALUE), ETH_CANDLES);
        assertThat(capped.get(ETH_CANDLES.size() - 1).ema(200))
                .isNotNull()
                .isEqualTo(uncapped.get(ETH_CANDLES.size() - 1).ema(200));
    }
}
