package dev.trenddesk.api.market;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The names of the indicator values the market feed computes for every (symbol, timeframe) stream and
 * publishes with each closed candle (docs/strategies.md lists them). A stored event keeps them by name, so a
 * name never changes.
 */
public final class IndicatorKeys {

    /** Wilder's ADX(14). */
    public static final String ADX = "adx";
    /** Wilder's +DI(14). */
    public static final String PLUS_DI = "plusDi";
    /** Wilder's −DI(14). */
    public static final String MINUS_DI = "minusDi";
    /** Wilder's ATR(14). */
    public static final String ATR = "atr";
    /** ADX(14) after the previous candle. */
    public static final String ADX_PREV = "adxPrev";
    /** The EMA periods the feed computes, TA-Lib seeded. */
    public static final List<Integer> EMA_PERIODS = dev.trenddesk.api.common.TradingSettings.EMA_PERIODS;

    private IndicatorKeys() {}

    /** EMA(period) of the closes after this candle, e.g. {@code ema21}. */
    public static String ema(int period) {
        return "ema" + period;
    }

    /** EMA(period) after the previous candle, e.g. {@code ema21Prev}. */
    public static String emaPrev(int period) {
        return "ema" + period + "Prev";
    }

    /**
     * The defined values of an indicator map, sorted by name and unmodifiable, as every event that carries one
     * keeps it: entries with a null name or value are left out (a value not defined yet is absent), and a null map
     * is an empty one.
     */
    public static SortedMap<String, BigDecimal> defined(Map<String, BigDecimal> indicators) {
        SortedMap<String, BigDecimal> defined = new TreeMap<>();
        if (indicators != null) {
            indicators.forEach((key, value) -> {
                if (key != null && value != null) {
                    defined.put(key, value);
                }
            });
        }
        return Collections.unmodifiableSortedMap(defined);
    }
}
