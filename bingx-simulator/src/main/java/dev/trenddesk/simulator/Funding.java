package dev.trenddesk.simulator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * The simulator's funding rate, a deterministic function of the replayed candles.
 *
 * <p>BingX (like other perpetual exchanges) charges every 8 hours {@code F = P + clamp(I − P, ±0.05 %)},
 * clamped to ±0.3 %, where I is the interest rate (0.01 % per period) and P the premium of the contract
 * over its index. The replay has no index, so P is taken as one twentieth of the premium of the last price
 * over the mean close of the last 8 hours (96 five-minute candles, the last one included): a market 2 %
 * above its 8-hour average pays 0.1 % − 0.05 % = 0.05 %. Rates have 6 decimals. A flat market pays 0.01 %.
 */
final class Funding {

    /** Funding is charged at 00:00, 08:00 and 16:00 UTC of market time. */
    static final long PERIOD_MILLIS = 8 * 3_600_000L;
    /** Candles in the average: one funding period of 5-minute candles. */
    static final int WINDOW = (int) (PERIOD_MILLIS / RecordedCandles.PERIOD_MILLIS);

    static final BigDecimal INTEREST = new BigDecimal("0.0001");
    static final BigDecimal PREMIUM_SHARE = new BigDecimal("0.05");
    static final BigDecimal DAMPER = new BigDecimal("0.0005");
    static final BigDecimal CAP = new BigDecimal("0.003");
    static final int RATE_SCALE = 6;

    private Funding() {}

    /** The premium P of {@code closes} (the last {@link #WINDOW} of them, the last being the current price). */
    static BigDecimal premium(List<BigDecimal> closes) {
        List<BigDecimal> window = closes.subList(Math.max(0, closes.size() - WINDOW), closes.size());
        BigDecimal sum = window.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal mean = sum.divide(BigDecimal.valueOf(window.size()), MathContext.DECIMAL64);
        return closes.getLast()
                .subtract(mean)
                .divide(mean, MathContext.DECIMAL64)
                .multiply(PREMIUM_SHARE);
    }

    /** The funding rate of a period whose last {@link #WINDOW} closes are {@code closes}. */
    static BigDecimal rate(List<BigDecimal> closes) {
        BigDecimal premium = premium(closes);
        BigDecimal damped = INTEREST.subtract(premium).max(DAMPER.negate()).min(DAMPER);
        return premium.add(damped).max(CAP.negate()).min(CAP).setScale(RATE_SCALE, RoundingMode.HALF_UP);
    }

    /** The first funding time strictly after {@code marketTime}. */
    static long nextFundingTime(long marketTime) {
        return Math.floorDiv(marketTime, PERIOD_MILLIS) * PERIOD_MILLIS + PERIOD_MILLIS;
    }

    /** Whether a candle closing at {@code closeTime} closes a funding period. */
    static boolean isFundingTime(long closeTime) {
        return Math.floorMod(closeTime, PERIOD_MILLIS) == 0;
    }
}
