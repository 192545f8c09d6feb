package dev.trenddesk.strategy.indicator;

import java.util.Arrays;
import java.util.List;

/**
 * TA-Lib's EMA, re-implemented in plain {@code double}s to check the engine against; independent of the
 * production code. A straightforward port of {@code TA_EMA_Private} in TA-Lib's {@code src/ta_func/ta_EMA.c}
 * (github.com/TA-Lib/ta-lib) with the default compatibility ({@code TA_COMPATIBILITY_DEFAULT}) and the default
 * unstable period 0, called on the whole series ({@code startIdx} 0, {@code endIdx} last):
 * <pre>
 *   lookbackTotal = optInTimePeriod - 1;            // TA_EMA_Lookback
 *   startIdx = max(startIdx, lookbackTotal);
 *   today = startIdx - lookbackTotal;
 *   tempReal = 0; i = optInTimePeriod;
 *   while (i-- > 0) tempReal += inReal[today++];    // the seed: the SMA of the first N values
 *   prevMA = tempReal / optInTimePeriod;
 *   while (today <= startIdx) prevMA = (inReal[today++] - prevMA) * optInK_1 + prevMA;
 *   outReal[0] = prevMA;                            // at index startIdx
 *   while (today <= endIdx) { prevMA = (inReal[today++] - prevMA) * optInK_1 + prevMA; outReal[outIdx++] = prevMA; }
 * </pre>
 * with {@code optInK_1 = 2.0 / (optInTimePeriod + 1)}. The output is laid out on the input's indices here:
 * {@code NaN} before {@code outBegIdx}.
 */
public final class TaLibEmaReference {

    private TaLibEmaReference() {}

    /** EMA(period) of the candles' closes, {@code NaN} where TA-Lib gives no value. */
    public static double[] ema(List<Candle> candles, int period) {
        double[] closes = new double[candles.size()];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = candles.get(i).close().doubleValue();
        }
        return ema(closes, period);
    }

    public static double[] ema(double[] inReal, int optInTimePeriod) {
        double[] out = new double[inReal.length];
        Arrays.fill(out, Double.NaN);
        int startIdx = 0;
        int endIdx = inReal.length - 1;
        double optInK1 = 2.0 / (double) (optInTimePeriod + 1);
        int lookbackTotal = optInTimePeriod - 1;
        if (startIdx < lookbackTotal) {
            startIdx = lookbackTotal;
        }
        if (startIdx > endIdx) {
            return out;
        }
        int outBegIdx = startIdx;
        int today = startIdx - lookbackTotal;
        int i = optInTimePeriod;
        double tempReal = 0.0;
        while (i-- > 0) {
            tempReal += inReal[today++];
        }
        double prevMA = tempReal / optInTimePeriod;
        while (today <= startIdx) {
            prevMA = (inReal[today++] - prevMA) * optInK1 + prevMA;
        }
        int outIdx = 0;
        out[outBegIdx + outIdx++] = prevMA;
        while (today <= endIdx) {
            prevMA = (inReal[today++] - prevMA) * optInK1 + prevMA;
            out[outBegIdx + outIdx++] = prevMA;
        }
        return out;
    }
}
