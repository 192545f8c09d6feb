package dev.trenddesk.strategy.indicator;

import java.util.Arrays;
import java.util.List;

/**
 * TA-Lib's ADX, PLUS_DI, MINUS_DI and ATR, re-implemented in plain {@code double} loops to check the engine
 * against; independent of ta4j and of the production code. Undefined values are {@code NaN}.
 *
 * <p>Follows the algorithms of TA-Lib's {@code src/ta_func/ta_ADX.c}, {@code ta_PLUS_DI.c},
 * {@code ta_MINUS_DI.c} and {@code ta_ATR.c} (github.com/TA-Lib/ta-lib), called on the whole series
 * ({@code startIdx} 0, {@code endIdx} last) with TA-Lib's default unstable period 0 for every function. Each
 * function is computed on its own, as TA-Lib does, so that the four outputs do not share state. Period
 * {@code n} (14), bar {@code i} 0-based; TR, +DM1 and −DM1 need the previous bar, so they start at bar 1:
 * <ul>
 *   <li>+DM1 = up move when it is positive and larger than the down move; −DM1 = down move when it is
 *       positive and larger than the up move; else 0 (equal moves give 0 to both).</li>
 *   <li>Seed: the plain sums of TR, +DM1, −DM1 over bars 1 .. n−1 (n−1 values, "13 values because there is
 *       no DM for the first day"). From bar n on, every bar smooths: S = S − S/n + X. So the first smoothed
 *       sums, at bar n, are (n−1)/n of the (n−1)-bar sum plus bar n's value, not the n-bar sum.</li>
 *   <li>+DI = 100·(+DMn/TRn), −DI = 100·(−DMn/TRn); 0 when TRn is zero (TA_IS_ZERO). Both first defined at
 *       bar n (lookback n).</li>
 *   <li>DX = 100·(|−DI − +DI|/(−DI + +DI)). The first ADX, at bar 2n−1 (lookback 2n−1), is the sum of the
 *       n DX of bars n .. 2n−1 divided by n, where a bar whose TRn or DI sum is zero adds nothing (but still
 *       counts in the divisor). Then ADX = (ADX·(n−1) + DX)/n, and a bar whose TRn or DI sum is zero leaves
 *       ADX unchanged.</li>
 *   <li>ATR: at bar n the plain average of the TR of bars 1 .. n, then ATR = (ATR·(n−1) + TR)/n.</li>
 * </ul>
 */
public final class TaLibReference {

    /** TA-Lib's {@code TA_IS_ZERO} bound as in its releases 0.4 to 0.6 ({@code ta_utility.h}). */
    private static final double ZERO = 0.00000001;

    public final int period;
    public final double[] plusDi;
    public final double[] minusDi;
    public final double[] adx;
    public final double[] atr;

    public TaLibReference(List<Candle> candles) {
        this(candles, 14);
    }

    public TaLibReference(List<Candle> candles, int period) {
        if (period < 2) {
            throw new IllegalArgumentException("the port covers periods of at least 2");
        }
        this.period = period;
        int size = candles.size();
        double[] high = new double[size];
        double[] low = new double[size];
        double[] close = new double[size];
        for (int i = 0; i < size; i++) {
            high[i] = candles.get(i).high().doubleValue();
            low[i] = candles.get(i).low().doubleValue();
            close[i] = candles.get(i).close().doubleValue();
        }
        plusDi = directional(high, low, close, period, true);
        minusDi = directional(high, low, close, period, false);
        adx = adx(high, low, close, period);
        atr = atr(high, low, close, period);
    }

    /** ADX lookback: the first defined bar. */
    public int adxFirst() {
        return 2 * period - 1;
    }

    /** +DI, −DI and ATR lookback: the first defined bar. */
    public int diFirst() {
        return period;
    }

    private static boolean isZero(double v) {
        return -ZERO < v && v < ZERO;
    }

    private static double trueRange(double high, double low, double prevClose) {
        double range = high - low;
        range = Math.max(range, Math.abs(high - prevClose));
        return Math.max(range, Math.abs(low - prevClose));
    }

    /** +DM1 of bar i (0 unless the up move wins). */
    private static double plusDm(double[] high, double[] low, int i) {
        double up = high[i] - high[i - 1];
        double down = low[i - 1] - low[i];
        return up > 0 && up > down ? up : 0;
    }

    /** −DM1 of bar i (0 unless the down move wins). */
    private static double minusDm(double[] high, double[] low, int i) {
        double up = high[i] - high[i - 1];
        double down = low[i - 1] - low[i];
        return down > 0 && up < down ? down : 0;
    }

    /** PLUS_DI ({@code plus}) or MINUS_DI. */
    private static double[] directional(double[] high, double[] low, double[] close, int n, boolean plus) {
        double[] out = nans(high.length);
        if (high.length <= n) {
            return out;
        }
        double dm = 0;
        double tr = 0;
        for (int i = 1; i < n; i++) {
            dm += plus ? plusDm(high, low, i) : minusDm(high, low, i);
            tr += trueRange(high[i], low[i], close[i - 1]);
        }
        for (int i = n; i < high.length; i++) {
            dm = dm - dm / n + (plus ? plusDm(high, low, i) : minusDm(high, low, i));
            tr = tr - tr / n + trueRange(high[i], low[i], close[i - 1]);
            out[i] = isZero(tr) ? 0.0 : 100.0 * (dm / tr);
        }
        return out;
    }

    private static double[] adx(double[] high, double[] low, double[] close, int n) {
        double[] out = nans(high.length);
        if (high.length <= 2 * n - 1) {
            return out;
        }
        double plus = 0;
        double minus = 0;
        double tr = 0;
        for (int i = 1; i < n; i++) {
            plus += plusDm(high, low, i);
            minus += minusDm(high, low, i);
            tr += trueRange(high[i], low[i], close[i - 1]);
        }
        double sumDx = 0;
        double adx = Double.NaN;
        for (int i = n; i < high.length; i++) {
            plus = plus - plus / n + plusDm(high, low, i);
            minus = minus - minus / n + minusDm(high, low, i);
            tr = tr - tr / n + trueRange(high[i], low[i], close[i - 1]);
            double dx = Double.NaN;
            if (!isZero(tr)) {
                double minusDi = 100.0 * (minus / tr);
                double plusDi = 100.0 * (plus / tr);
                double sum = minusDi + plusDi;
                if (!isZero(sum)) {
                    dx = 100.0 * (Math.abs(minusDi - plusDi) / sum);
                }
            }
            if (i < 2 * n - 1) {
                sumDx += Double.isNaN(dx) ? 0 : dx;
                continue;
            }
            if (i == 2 * n - 1) {
                adx = (sumDx + (Double.isNaN(dx) ? 0 : dx)) / n;
            } else if (!Double.isNaN(dx)) {
                adx = (adx * (n - 1) + dx) / n;
            }
            out[i] = adx;
        }
        return out;
    }

    private static double[] atr(double[] high, double[] low, double[] close, int n) {
        double[] out = nans(high.length);
        if (high.length <= n) {
            return out;
        }
        double total = 0;
        for (int i = 1; i <= n; i++) {
            total += trueRange(high[i], low[i], close[i - 1]);
        }
        double atr = total / n;
        out[n] = atr;
        for (int i = n + 1; i < high.length; i++) {
            atr *= n - 1;
            atr += trueRange(high[i], low[i], close[i - 1]);
            atr /= n;
            out[i] = atr;
        }
        return out;
    }

    private static double[] nans(int size) {
        double[] values = new double[size];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
