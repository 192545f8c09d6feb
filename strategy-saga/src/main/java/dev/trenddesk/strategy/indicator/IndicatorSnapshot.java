package dev.trenddesk.strategy.indicator;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.market.IndicatorKeys;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A closed candle with the indicator values after it, by {@link IndicatorKeys} name. Values carry
 * {@value IndicatorEngine#SCALE} decimals (rounded half-even); a value not defined yet is absent (its accessor
 * answers {@code null}): ATR, +DI and −DI from the 15th candle of a series (index 14), ADX from the 28th
 * (index 27), {@code adxPrev} from the 29th, EMA(N) from the Nth and its {@code Prev} from the N+1th.
 *
 * @param symbol    perpetual symbol, e.g. {@code ETH-USDT}
 * @param timeframe candle timeframe
 * @param candle    the closed candle
 * @param values    the defined indicator values by name, sorted by name (nulls given are left out)
 */
public record IndicatorSnapshot(String symbol, Timeframe timeframe, Candle candle, Map<String, BigDecimal> values) {

    public IndicatorSnapshot {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
        Objects.requireNonNull(candle, "candle");
        values = IndicatorKeys.defined(values);
    }

    /** A snapshot with the ADX strategy's values only (ADX, DIs, ATR, previous ADX), any of them null. */
    public IndicatorSnapshot(
            String symbol,
            Timeframe timeframe,
            Candle candle,
            BigDecimal adx,
            BigDecimal plusDi,
            BigDecimal minusDi,
            BigDecimal atr,
            BigDecimal previousAdx) {
        this(symbol, timeframe, candle, adxValues(adx, plusDi, minusDi, atr, previousAdx));
    }

    /** The value of {@code key}, null when not defined. */
    public BigDecimal value(String key) {
        return values.get(key);
    }

    /** ADX(14), or null. */
    public BigDecimal adx() {
        return value(IndicatorKeys.ADX);
    }

    /** +DI(14), or null. */
    public BigDecimal plusDi() {
        return value(IndicatorKeys.PLUS_DI);
    }

    /** −DI(14), or null. */
    public BigDecimal minusDi() {
        return value(IndicatorKeys.MINUS_DI);
    }

    /** ATR(14), or null. */
    public BigDecimal atr() {
        return value(IndicatorKeys.ATR);
    }

    /** ADX(14) after the previous candle (to tell whether ADX rose), or null. */
    public BigDecimal previousAdx() {
        return value(IndicatorKeys.ADX_PREV);
    }

    /** EMA(period) after this candle, or null. */
    public BigDecimal ema(int period) {
        return value(IndicatorKeys.ema(period));
    }

    /** EMA(period) after the previous candle, or null. */
    public BigDecimal emaPrev(int period) {
        return value(IndicatorKeys.emaPrev(period));
    }

    /** True when ADX, both DIs and ATR are defined (the previous ADX may still be absent). */
    public boolean ready() {
        return adx() != null && plusDi() != null && minusDi() != null && atr() != null;
    }

    /** The ADX strategy's values as a map with nulls (left out by the constructor). */
    public static Map<String, BigDecimal> adxValues(
            BigDecimal adx, BigDecimal plusDi, BigDecimal minusDi, BigDecimal atr, BigDecimal previousAdx) {
        Map<String, BigDecimal> values = new TreeMap<>();
        values.put(IndicatorKeys.ADX, adx);
        values.put(IndicatorKeys.PLUS_DI, plusDi);
        values.put(IndicatorKeys.MINUS_DI, minusDi);
        values.put(IndicatorKeys.ATR, atr);
        values.put(IndicatorKeys.ADX_PREV, previousAdx);
        return values;
    }
}
