package dev.trenddesk.strategy.indicator;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * EMA(N) of the closes, updated one close at a time, seeded as TA-Lib seeds it ({@code ta_EMA.c}, default
 * compatibility): the first value, at the Nth close (index N − 1), is the simple average of the first N closes;
 * after it EMA = EMA' + α × (close − EMA') with α = 2 / (N + 1). Keeps only a running sum before the seed and the
 * last value after it, so it needs no bar history (EMA(200) is exact with a series capped at 200 bars).
 * Not thread-safe: the engine applies one stream's candles one at a time.
 */
final class ExponentialMovingAverage {

    private final int period;
    private final BigDecimal alpha;
    private final MathContext math;
    private int count;
    private BigDecimal sum = BigDecimal.ZERO;
    private BigDecimal value;

    ExponentialMovingAverage(int period, MathContext math) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be at least 1, was " + period);
        }
        this.period = period;
        this.math = math;
        this.alpha = BigDecimal.valueOf(2).divide(BigDecimal.valueOf(period + 1L), math);
    }

    /** Applies the next close; returns the EMA after it, null before the Nth close. */
    BigDecimal add(BigDecimal close) {
        count++;
        if (value == null) {
            sum = sum.add(close, math);
            if (count == period) {
                value = sum.divide(BigDecimal.valueOf(period), math);
            }
        } else {
            value = value.add(alpha.multiply(close.subtract(value, math), math), math);
        }
        return value;
    }

    /** The EMA after the last close, null before the Nth. */
    BigDecimal value() {
        return value;
    }
}
