package dev.trenddesk.strategy.indicator;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.market.IndicatorKeys;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.Num;
import org.ta4j.core.num.NumFactory;

/**
 * Keeps one capped ta4j bar series per (symbol, timeframe) and updates Wilder's ADX(14), +DI(14),
 * −DI(14) and ATR(14) incrementally on each closed candle, with TA-Lib's values (see
 * {@link WilderDirectionalIndicators}), and the EMAs of the closes for every period of
 * {@link IndicatorKeys#EMA_PERIODS}, TA-Lib seeded (see {@link ExponentialMovingAverage}). The values are
 * published by {@link IndicatorKeys} name (docs/strategies.md). Computed once per symbol and timeframe and shared by every bot on it;
 * the live saga and the backtester both feed it.
 *
 * <p>Thread-safe: different keys update in parallel, one key's candles are applied one at a time.
 * Arithmetic runs on ta4j {@code DecimalNum} with {@value #PRECISION} significant digits.
 */
public final class IndicatorEngine {

    /** Wilder's period for ADX, DI and ATR. */
    public static final int PERIOD = 14;
    /** Decimals of the indicator values in {@link IndicatorSnapshot}. */
    public static final int SCALE = 8;
    /** Bars kept per series unless configured otherwise. */
    public static final int DEFAULT_MAX_BARS = 200;
    /** Significant digits of the indicator arithmetic. */
    public static final int PRECISION = 32;

    private record SeriesKey(String symbol, Timeframe timeframe) {}

    private final ConcurrentMap<SeriesKey, SymbolSeries> seriesByKey = new ConcurrentHashMap<>();
    private final int maxBars;
    private final NumFactory numbers = DecimalNumFactory.getInstance(PRECISION);

    /** An engine keeping {@value #DEFAULT_MAX_BARS} bars per series. */
    public IndicatorEngine() {
        this(DEFAULT_MAX_BARS);
    }

    /**
     * @param maxBars bars kept per series (at least 3); older bars are dropped, the values stay exact
     */
    public IndicatorEngine(int maxBars) {
        if (maxBars < 3) {
            throw new IllegalArgumentException("maxBars must be at least 3, was " + maxBars);
        }
        this.maxBars = maxBars;
    }

    /**
     * Applies a closed candle.
     *
     * @return the candle with its indicator values, or empty when the candle is not newer than the last
     *         one applied to this symbol and timeframe (a duplicate or late candle is ignored)
     */
    public Optional<IndicatorSnapshot> onClosedCandle(String symbol, Timeframe timeframe, Candle candle) {
        Objects.requireNonNull(candle, "candle");
        SymbolSeries series = seriesByKey.computeIfAbsent(
                new SeriesKey(Objects.requireNonNull(symbol, "symbol"), Objects.requireNonNull(timeframe, "timeframe")),
                key -> new SymbolSeries(key.symbol(), key.timeframe()));
        return series.apply(candle);
    }

    /** The values after the last candle applied to this symbol and timeframe, if any. */
    public Optional<IndicatorSnapshot> latest(String symbol, Timeframe timeframe) {
        SymbolSeries series = seriesByKey.get(new SeriesKey(symbol, timeframe));
        return series == null ? Optional.empty() : series.latest();
    }

    /** One symbol and timeframe: its bar series, indicators and last snapshot. */
    private final class SymbolSeries {
        private final String symbol;
        private final Timeframe timeframe;
        private final BarSeries bars;
        private final WilderDirectionalIndicators indicators;
        private final Map<Integer, ExponentialMovingAverage> emas = new LinkedHashMap<>();
        private IndicatorSnapshot last;

        private SymbolSeries(String symbol, Timeframe timeframe) {
            this.symbol = symbol;
            this.timeframe = timeframe;
            this.bars = new BaseBarSeriesBuilder()
                    .withName(symbol + "@" + timeframe.code())
                    .withNumFactory(numbers)
                    .build();
            this.bars.setMaximumBarCount(maxBars);
            this.indicators = new WilderDirectionalIndicators(bars, PERIOD);
            for (int period : IndicatorKeys.EMA_PERIODS) {
                emas.put(period, new ExponentialMovingAverage(period, new MathContext(PRECISION)));
            }
        }

        private synchronized Optional<IndicatorSnapshot> latest() {
            return Optional.ofNullable(last);
        }

        private synchronized Optional<IndicatorSnapshot> apply(Candle candle) {
            if (last != null && !candle.openTime().isAfter(last.candle().openTime())) {
                return Optional.empty();
            }
            bars.barBuilder()
                    .timePeriod(timeframe.duration())
                    .beginTime(candle.openTime())
                    .endTime(candle.openTime().plus(timeframe.duration()))
                    .openPrice(numbers.numOf(candle.open()))
                    .highPrice(numbers.numOf(candle.high()))
                    .lowPrice(numbers.numOf(candle.low()))
                    .closePrice(numbers.numOf(candle.close()))
                    .volume(numbers.numOf(candle.volume()))
                    .add();
            int index = bars.getEndIndex();
            Map<String, BigDecimal> values = IndicatorSnapshot.adxValues(
                    decimal(indicators.adx().getValue(index)),
                    decimal(indicators.plusDi().getValue(index)),
                    decimal(indicators.minusDi().getValue(index)),
                    decimal(indicators.atr().getValue(index)),
                    last == null ? null : last.adx());
            for (Map.Entry<Integer, ExponentialMovingAverage> ema : emas.entrySet()) {
                values.put(IndicatorKeys.emaPrev(ema.getKey()), last == null ? null : last.ema(ema.getKey()));
                values.put(
                        IndicatorKeys.ema(ema.getKey()), decimal(ema.getValue().add(candle.close())));
            }
            last = new IndicatorSnapshot(symbol, timeframe, candle, values);
            return Optional.of(last);
        }
    }

    private static BigDecimal decimal(BigDecimal value) {
        return value == null ? null : value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal decimal(Num value) {
        return Num.isNaNOrNull(value) ? null : value.bigDecimalValue().setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}
