package dev.trenddesk.strategy.indicator;

import java.util.List;

/**
 * Wilder's ADX/DI/ATR written out straightforwardly in plain {@code double} loops, with the smoothed sums
 * seeded as in Wilder's book: the plain sum of the first 14 TR/DM values at bar 14. The engine used this
 * seeding before it followed TA-Lib (see {@link TaLibReference}, which seeds from the first 13 values and
 * smooths once at bar 14); kept to show that the two differ. Undefined values are {@code NaN}.
 */
public final class WilderBookReference {

    public final double[] tr;
    public final double[] plusDi;
    public final double[] minusDi;
    public final double[] dx;
    public final double[] adx;
    public final double[] atr;

    public WilderBookReference(List<Candle> candles) {
        int n = 14;
        int size = candles.size();
        double[] high = new double[size];
        double[] low = new double[size];
        double[] close = new double[size];
        for (int i = 0; i < size; i++) {
            high[i] = candles.get(i).high().doubleValue();
            low[i] = candles.get(i).low().doubleValue();
            close[i] = candles.get(i).close().doubleValue();
        }
        tr = nans(size);
        double[] plusDm = nans(size);
        double[] minusDm = nans(size);
        for (int i = 1; i < size; i++) {
            tr[i] = Math.max(
                    high[i] - low[i], Math.max(Math.abs(high[i] - close[i - 1]), Math.abs(low[i] - close[i - 1])));
            double up = high[i] - high[i - 1];
            double down = low[i - 1] - low[i];
            plusDm[i] = up > down && up > 0 ? up : 0;
            minusDm[i] = down > up && down > 0 ? down : 0;
        }
        double[] tr14 = nans(size);
        double[] plusDm14 = nans(size);
        double[] minusDm14 = nans(size);
        double sumTr = 0;
        double sumPlus = 0;
        double sumMinus = 0;
        for (int i = 1; i <= n; i++) {
            sumTr += tr[i];
            sumPlus += plusDm[i];
            sumMinus += minusDm[i];
        }
        tr14[n] = sumTr;
        plusDm14[n] = sumPlus;
        minusDm14[n] = sumMinus;
        for (int i = n + 1; i < size; i++) {
            tr14[i] = tr14[i - 1] - tr14[i - 1] / n + tr[i];
            plusDm14[i] = plusDm14[i - 1] - plusDm14[i - 1] / n + plusDm[i];
            minusDm14[i] = minusDm14[i - 1] - minusDm14[i - 1] / n + minusDm[i];
        }
        plusDi = nans(size);
        minusDi = nans(size);
        dx = nans(size);
        for (int i = n; i < size; i++) {
            plusDi[i] = 100 * plusDm14[i] / tr14[i];
            minusDi[i] = 100 * minusDm14[i] / tr14[i];
            dx[i] = 100 * Math.abs(plusDi[i] - minusDi[i]) / (plusDi[i] + minusDi[i]);
        }
        adx = nans(size);
        double sumDx = 0;
        for (int i = n; i < 2 * n; i++) {
            sumDx += dx[i];
        }
        adx[2 * n - 1] = sumDx / n;
        for (int i = 2 * n; i < size; i++) {
            adx[i] = (adx[i - 1] * (n - 1) + dx[i]) / n;
        }
        atr = nans(size);
        atr[n] = sumTr / n;
        for (int i = n + 1; i < size; i++) {
            atr[i] = (atr[i - 1] * (n - 1) + tr[i]) / n;
        }
    }

    private static double[] nans(int size) {
        double[] values = new double[size];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }
}
