package dev.trenddesk.strategy.exchange;

import java.math.BigDecimal;
import java.time.Instant;

/** One candle of a symbol's market data as an exchange serves it (interval as a timeframe code, e.g. "5m"). */
public record MarketCandle(
        String symbol,
        String interval,
        Instant openTime,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume) {}
