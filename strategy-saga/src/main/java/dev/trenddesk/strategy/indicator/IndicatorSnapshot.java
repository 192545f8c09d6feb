package dev.trenddesk.strategy.indicator;

import dev.trenddesk.api.common.Timeframe;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A closed candle with the indicator values after it. Indicator values carry
 * {@value IndicatorEngine#SCALE} decimals (rounded half-even) and are {@code null} until defined:
 * ATR, +DI and −DI from the 15th candle of a series (index 14), ADX from the 28th (index 27),
 * {@code previousAdx} from the 29th.
 *
 * @param symbol      perpetual symbol, e.g. {@code ETH-USDT}
 * @param timeframe   candle timeframe
 * @param candle      the closed candle
 * @param adx         ADX(14) after this candle
 * @param plusDi      +DI(14) after this candle
 * @param minusDi     −DI(14) after this candle
 * @param atr         ATR(14) after this candle
 * @param previousAdx ADX(14) after the previous candle (to tell whether ADX rose)
 */
public record IndicatorSnapshot(String symbol, Timeframe timeframe, Candle candle, BigDecimal adx,
        BigDecimal plusDi, BigDecimal minusDi, BigDecimal atr, BigDecimal previousAdx) {

    public IndicatorSnapshot {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
        Objects.requireNonNull(candle, "candle");
    }

    /** True when ADX, both DIs and ATR are defined (the previous ADX may still be absent). */
    public boolean ready() {
        return adx != null && plusDi != null && minusDi != null && atr != null;
    }
}
