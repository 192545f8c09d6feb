package dev.trenddesk.strategy.backtest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the backtest charges funding: every 8 hours (00:00, 08:00, 16:00 UTC) a held position pays (long,
 * positive rate) or receives {@code quantity × close × rate} (8 decimals), the close being that of the candle
 * in which the funding time falls (its close time, for timeframes that divide 8 hours).
 *
 * <p>{@link #fromCandles()} (the default) applies the rate formula of the built-in BingX simulator to the
 * candles, so a backtest and a bot trading on the simulator pay the same funding: BingX's
 * {@code F = P + clamp(0.01 % − P, ±0.05 %)}, clamped to ±0.3 %, with the premium P one twentieth of the
 * premium of the close over the mean close of the last 8 hours of candles (the current one included), 6
 * decimals. {@link #constant(BigDecimal)} charges one rate every period (zero: no funding).
 */
public final class FundingModel {

    public static final Duration PERIOD = Duration.ofHours(8);
    private static final BigDecimal INTEREST = new BigDecimal("0.0001");
    private static final BigDecimal PREMIUM_SHARE = new BigDecimal("0.05");
    private static final BigDecimal DAMPER = new BigDecimal("0.0005");
    private static final BigDecimal CAP = new BigDecimal("0.003");
    private static final int RATE_SCALE = 6;

    private final BigDecimal constantRate;

    private FundingModel(BigDecimal constantRate) {
        this.constantRate = constantRate;
    }

    /** The simulator's formula applied to the candles. */
    public static FundingModel fromCandles() {
        return new FundingModel(null);
    }

    /** The same rate every period (e.g. 0.0001 = 0.01 %, BingX's usual rate; 0 = no funding). */
    public static FundingModel constant(BigDecimal rate) {
        return new FundingModel(Objects.requireNonNull(rate, "rate"));
    }

    /** Candles of {@code period} in the rate's 8-hour average (at least one). */
    static int window(Duration period) {
        return (int) Math.max(1, PERIOD.toMillis() / Math.max(1, period.toMillis()));
    }

    /** The rate of a period whose last closes are {@code closes} (the last being the close at the funding time). */
    BigDecimal rate(List<BigDecimal> closes, Duration period) {
        if (constantRate != null) {
            return constantRate;
        }
        List<BigDecimal> window = closes.subList(Math.max(0, closes.size() - window(period)), closes.size());
        BigDecimal mean = window.stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(window.size()), MathContext.DECIMAL64);
        BigDecimal premium = closes.getLast()
                .subtract(mean)
                .divide(mean, MathContext.DECIMAL64)
                .multiply(PREMIUM_SHARE);
        BigDecimal damped = INTEREST.subtract(premium).max(DAMPER.negate()).min(DAMPER);
        return premium.add(damped).max(CAP.negate()).min(CAP).setScale(RATE_SCALE, RoundingMode.HALF_UP);
    }

    /** Funding times in {@code (from, to]}, epoch milliseconds. */
    static int fundingTimesIn(long from, long to) {
        long period = PERIOD.toMillis();
        return (int) (Math.floorDiv(to, period) - Math.floorDiv(from, period));
    }

    @Override
    public String toString() {
        return constantRate == null ? "from candles" : "constant " + constantRate.toPlainString();
    }
}
