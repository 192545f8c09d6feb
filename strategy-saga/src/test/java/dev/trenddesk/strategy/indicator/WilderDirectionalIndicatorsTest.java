package dev.trenddesk.strategy.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DecimalNumFactory;

class WilderDirectionalIndicatorsTest {

    private static final List<Candle> CANDLES = RealCandles.eth5m();

    private static BarSeries series(int maxBars) {
        BarSeries series = new BaseBarSeriesBuilder()
                .withNumFactory(DecimalNumFactory.getInstance(32))
                .build();
        series.setMaximumBarCount(maxBars);
        return series;
    }

    private static void add(BarSeries series, Candle candle) {
        series.barBuilder()
                .timePeriod(Duration.ofMinutes(5))
                .beginTime(candle.openTime())
                .endTime(candle.openTime().plus(Duration.ofMinutes(5)))
                .openPrice(candle.open())
                .highPrice(candle.high())
                .lowPrice(candle.low())
                .closePrice(candle.close())
                .volume(candle.volume())
                .add();
    }

    @Test
    void refusesToGuessWhenACappedSeriesDroppedBarsBeforeTheyWereEvaluated() {
        BarSeries series = series(5);
        WilderDirectionalIndicators indicators = new WilderDirectionalIndicators(series, 14);
        for (int i = 0; i < 10; i++) {
            add(series, CANDLES.get(i));
        }

        assertThatThrownBy(() -> indicators.adx().getValue(9))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dropped");
    }

    @Test
    void evaluatesLazilyOverAnUncappedSeriesAndReportsTheUnstableBars() {
        BarSeries series = series(Integer.MAX_VALUE);
        WilderDirectionalIndicators indicators = new WilderDirectionalIndicators(series, 14);
        CANDLES.forEach(candle -> add(series, candle));
        TaLibReference reference = new TaLibReference(CANDLES);

        assertThat(indicators.adx().getValue(300).doubleValue())
                .isCloseTo(reference.adx[300], org.assertj.core.data.Offset.offset(1e-9));
        assertThat(indicators.plusDi().getValue(14).doubleValue())
                .isCloseTo(reference.plusDi[14], org.assertj.core.data.Offset.offset(1e-9));
        assertThat(indicators.minusDi().getValue(14).doubleValue())
                .isCloseTo(reference.minusDi[14], org.assertj.core.data.Offset.offset(1e-9));
        assertThat(indicators.adx().getValue(27).doubleValue())
                .isCloseTo(reference.adx[27], org.assertj.core.data.Offset.offset(1e-9));
        assertThat(indicators.atr().getValue(14).doubleValue())
                .isCloseTo(reference.atr[14], org.assertj.core.data.Offset.offset(1e-9));
        assertThat(indicators.atr().getValue(13).isNaN()).isTrue();
        assertThat(indicators.adx().getValue(26).isNaN()).isTrue();
        assertThat(indicators.adx().getCountOfUnstableBars()).isEqualTo(27);
        assertThat(indicators.plusDi().getCountOfUnstableBars()).isEqualTo(14);
        assertThat(indicators.adx().getBarSeries()).isSameAs(series);
    }

    @Test
    void unroundedValuesMatchTaLibAtEveryBarTaLibDefines() {
        BarSeries series = series(Integer.MAX_VALUE);
        WilderDirectionalIndicators indicators = new WilderDirectionalIndicators(series, 14);
        CANDLES.forEach(candle -> add(series, candle));
        TaLibReference talib = new TaLibReference(CANDLES);
        double[] max = new double[4];
        for (int i = 0; i < CANDLES.size(); i++) {
            double[] engine = {
                indicators.adx().getValue(i).doubleValue(),
                indicators.plusDi().getValue(i).doubleValue(),
                indicators.minusDi().getValue(i).doubleValue(),
                indicators.atr().getValue(i).doubleValue()
            };
            double[] expected = {talib.adx[i], talib.plusDi[i], talib.minusDi[i], talib.atr[i]};
            for (int k = 0; k < 4; k++) {
                assertThat(Double.isNaN(engine[k]))
                        .as("indicator %d defined at bar %d", k, i)
                        .isEqualTo(Double.isNaN(expected[k]));
                if (!Double.isNaN(expected[k])) {
                    max[k] = Math.max(max[k], Math.abs(engine[k] - expected[k]));
                }
            }
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "unrounded max |engine - TA-Lib| on ETH 5m: ADX %.3e, +DI %.3e," + " -DI %.3e, ATR %.3e%n",
                max[0],
                max[1],
                max[2],
                max[3]);

        assertThat(max[0]).as("ADX").isLessThan(1e-9);
        assertThat(max[1]).as("+DI").isLessThan(1e-9);
        assertThat(max[2]).as("-DI").isLessThan(1e-9);
        assertThat(max[3]).as("ATR").isLessThan(1e-9);
    }
}
