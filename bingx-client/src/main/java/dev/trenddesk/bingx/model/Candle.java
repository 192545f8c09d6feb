package dev.trenddesk.bingx.model;

import java.math.BigDecimal;
import java.time.Instant;

/** One kline: {@code openTime} is the candle's open time (BingX's {@code time} / {@code T}). */
public record Candle(
        String symbol,
        String interval,
        Instant openTime,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume) {}
