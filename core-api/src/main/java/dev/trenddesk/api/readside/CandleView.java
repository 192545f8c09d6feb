package dev.trenddesk.api.readside;

import dev.trenddesk.api.common.Timeframe;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A closed candle with its indicators, for the chart (indicators null while undefined): Wilder's ADX, +DI, −DI and
 * ATR (14) and the EMAs of the closes, EMA(9, 21, 50, 100, 200) (docs/strategies.md).
 */
public record CandleView(
        String symbol,
        Timeframe timeframe,
        Instant openTime,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        BigDecimal adx,
        BigDecimal plusDi,
        BigDecimal minusDi,
        BigDecimal atr,
        BigDecimal ema9,
        BigDecimal ema21,
        BigDecimal ema50,
        BigDecimal ema100,
        BigDecimal ema200,
        boolean live) {}
