package dev.trenddesk.simulator;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One 5-minute candle of market data.
 *
 * @param openTime open time, epoch milliseconds (UTC)
 * @param open     first price of the period
 * @param high     highest price of the period
 * @param low      lowest price of the period
 * @param close    last price of the period
 * @param volume   traded quantity in coin units
 */
public record Candle(
        long openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {

    /** Validates that high and low enclose open and close. */
    public Candle {
        Objects.requireNonNull(open);
        Objects.requireNonNull(high);
        Objects.requireNonNull(low);
        Objects.requireNonNull(close);
        Objects.requireNonNull(volume);
        if (high.compareTo(open.max(close)) < 0 || low.compareTo(open.min(close)) > 0) {
            throw new IllegalArgumentException(
                    "high/low must enclose open and close: " + open + " " + high + " " + low + " " + close);
        }
    }

    /** Convenience factory for hand-written test data; open time is assigned by the replay. */
    public static Candle of(String open, String high, String low, String close) {
        return new Candle(
                0,
                new BigDecimal(open),
                new BigDecimal(high),
                new BigDecimal(low),
                new BigDecimal(close),
                BigDecimal.ONE);
    }
}
