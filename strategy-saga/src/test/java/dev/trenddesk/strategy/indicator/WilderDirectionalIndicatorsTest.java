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
        BarSeries series = new BaseBarSeriesBuilder().withNumFactory(DecimalNumFactory.getInstance(32)).build();
        series.setMaximumBarCount(maxBars);
        return series;
    }

    private static void add(BarSeries series, Candle candle) {
        series.barBuilder().timePeriod(Duration.ofMinutes(5)).beginTime(candle.openTime())
                .endTime(candle.openTime().plus(Duration.ofMinutes(5))).openPrice(candle.open()).highPrice(candle.high())
                .lowPrice(candle.low()).closePrice(candle.close()).volume(candle.volume()).add();
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
        WilderReference reference = new WilderReference(CANDLES);

        assertThat(indicators.adx().getValue(300).doubleValue()).isCloseTo(reference.adx[300],
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(indicators.atr().getValue(14).doubleValue()).isCloseTo(reference.atr[14],
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(indicators.atr().getValue(13).isNaN()).isTrue();
        assertThat(indicators.adx().getValue(26).isNaN()).isTrue();
        assertThat(indicators.adx().getCountOfUnstableBars()).isEqualTo(27);
        assertThat(indicators.plusDi().getCountOfUnstableBars()).isEqualTo(14);
        assertThat(indicators.adx().getBarSeries()).isSameAs(series);
    }
}
