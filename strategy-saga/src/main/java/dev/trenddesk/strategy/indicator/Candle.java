package dev.trenddesk.strategy.indicator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One closed candle as the exchange reports it.
 *
 * @param openTime the candle's open time (UTC); BingX's kline {@code time}/{@code T}
 * @param open     first traded price
 * @param high     highest traded price
 * @param low      lowest traded price
 * @param close    last traded price
 * @param volume   traded volume in coin units
 */
public record Candle(
        Instant openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {

    public Candle {
        Objects.requireNonNull(openTime, "openTime");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
        if (high.compareTo(low) < 0) {
            throw new IllegalArgumentException("candle at " + openTime + " has high " + high + " below low " + low);
        }
    }
}
