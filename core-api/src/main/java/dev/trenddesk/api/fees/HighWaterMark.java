package dev.trenddesk.api.fees;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The performance fee's high-water mark arithmetic, pure and exact (docs/fees.md).
 *
 * <p>The profit counted is the trader's cumulative net trading profit {@code C}: the sum of every closed trade's
 * realised P&amp;L net of trading fees and funding. Deposits and withdrawals never count: they are not trades, so
 * they are not in the stream {@code C} is summed from (equity, which they do move, is shown but never used).
 *
 * <p>At a settlement: {@code fee = rate × max(0, C − HWM)} and {@code HWM after = max(HWM, C)}. A trader therefore
 * pays once for a gain (the mark moves up to it), and after a loss pays nothing until {@code C} is above the mark
 * again. Running sums ({@code C}, the mark) are never rounded: BigDecimal additions are exact. Only the fee is
 * rounded, to {@value #FEE_SCALE} decimals, {@link RoundingMode#HALF_UP}.
 */
public final class HighWaterMark {

    /** Decimals of a fee (USDT): the exchange's own precision for amounts. */
    public static final int FEE_SCALE = 8;

    /** Decimals a fee rate may have (0.2, 0.125, 0.0001). */
    public static final int RATE_SCALE = 4;

    /** The rounding of a fee, the only rounding there is. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private HighWaterMark() {}

    /**
     * The figures of one settlement.
     *
     * @param highWaterMarkBefore the mark before it
     * @param highWaterMarkAfter  {@code max(before, cumulativeProfit)}
     * @param cumulativeProfit    {@code C} at the settlement
     * @param rate                the fee rate applied
     * @param fee                 {@code rate × max(0, C − before)}, {@value #FEE_SCALE} decimals, half up
     */
    public record Settlement(
            BigDecimal highWaterMarkBefore,
            BigDecimal highWaterMarkAfter,
            BigDecimal cumulativeProfit,
            BigDecimal rate,
            BigDecimal fee) {}

    /** Settles at cumulative profit {@code cumulative} against the mark {@code mark} at {@code rate}. */
    public static Settlement settle(BigDecimal mark, BigDecimal cumulative, BigDecimal rate) {
        Objects.requireNonNull(mark, "mark");
        Objects.requireNonNull(cumulative, "cumulative");
        requireRate(rate);
        return new Settlement(mark, mark.max(cumulative), cumulative, rate, fee(mark, cumulative, rate));
    }

    /** What a settlement now would charge: the fee accrued since the last one ({@code rate × max(0, C − HWM)}). */
    public static BigDecimal accrued(BigDecimal mark, BigDecimal cumulative, BigDecimal rate) {
        return fee(mark, cumulative, rate);
    }

    private static BigDecimal fee(BigDecimal mark, BigDecimal cumulative, BigDecimal rate) {
        BigDecimal gain = cumulative.subtract(mark);
        if (gain.signum() <= 0) {
            return BigDecimal.ZERO.setScale(FEE_SCALE);
        }
        return rate.multiply(gain).setScale(FEE_SCALE, ROUNDING);
    }

    /** A fee rate: {@code 0 ≤ rate < 1}, at most {@value #RATE_SCALE} decimals; IllegalArgumentException else. */
    public static BigDecimal requireRate(BigDecimal rate) {
        if (rate == null) {
            throw new IllegalArgumentException("is required");
        }
        if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("must be at least 0 and less than 1 (0.2 is 20 %)");
        }
        if (rate.stripTrailingZeros().scale() > RATE_SCALE) {
            throw new IllegalArgumentException("must have at most " + RATE_SCALE + " decimals");
        }
        return rate;
    }
}
