package dev.trenddesk.api.readside;

import dev.trenddesk.api.common.Timeframe;
import java.math.BigDecimal;
import java.time.Instant;

/** A closed candle with its indicators, for the chart (indicators null while undefined). */
public record CandleView(String symbol, Timeframe timeframe, Instant openTime, BigDecimal open, BigDecimal high,
                         BigDecimal low, BigDecimal close, BigDecimal volume, BigDecimal adx, BigDecimal plusDi,
                         BigDecimal minusDi, BigDecimal atr, boolean live) {
}
