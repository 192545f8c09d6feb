package dev.trenddesk.strategy.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ta4j.core.Bar;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.num.NaN;
import org.ta4j.core.num.Num;
import org.ta4j.core.num.NumFactory;

/**
 * Wilder's directional movement system (ADX, +DI, −DI) and ATR over a ta4j {@link BarSeries}, computed as
 * TA-Lib computes them ({@code TA_ADX}, {@code TA_PLUS_DI}, {@code TA_MINUS_DI}, {@code TA_ATR} with the default
 * unstable period 0), the reference behind most charting tools and libraries. ta4j's own {@code ADXIndicator}
 * seeds its smoothing from the first bar instead, which gives different values for a long time.
 *
 * <p>Definitions, for period {@code n} (14) and bar index {@code i} (0-based; bar 0 has no previous close,
 * so TR and DM start at bar 1):
 * <ul>
 *   <li>TR = max(high − low, |high − prevClose|, |low − prevClose|); +DM = up move when it is positive
 *       and larger than the down move, else 0; −DM likewise.</li>
 *   <li>TRn, +DMn, −DMn: the plain sum of the first n − 1 values (bars 1 .. n − 1), then from bar n on
 *       S<sub>i</sub> = S<sub>i−1</sub> − S<sub>i−1</sub>/n + X<sub>i</sub>. So at bar n the sums are
 *       (n−1)/n of the (n−1)-bar sums plus bar n's value; this is TA-Lib's seed. (Seeding with the plain
 *       n-bar sum at bar n, as in Wilder's book, differs from TA-Lib by 0.145 ADX points at bar 30 of the
 *       ta4j-examples ETH 5m candles, and the difference only fades geometrically.)</li>
 *   <li>+DI = 100·+DMn/TRn, −DI = 100·−DMn/TRn (both 0 when TRn is 0);
 *       DX = 100·|+DI − −DI|/(+DI + −DI), undefined when both DIs are 0.</li>
 *   <li>ADX: at bar 2n−1 the sum of the DX of bars n .. 2n−1 divided by n (an undefined DX adds 0), then
 *       (ADX<sub>i−1</sub>·(n−1) + DX<sub>i</sub>)/n; a bar with undefined DX leaves ADX unchanged.</li>
 *   <li>ATR: at bar n the average of the first n TR values, then (ATR<sub>i−1</sub>·(n−1) + TR<sub>i</sub>)/n.</li>
 * </ul>
 * TA-Lib treats values within 1e-8 of zero as zero ({@code TA_IS_ZERO}); this class tests for exact zero,
 * which only differs for prices so small that a smoothed true range stays below 1e-8.
 * A value that is not yet defined is {@link NaN#NaN}, never a guess.
 *
 * <p>The computation carries its smoothing state forward bar by bar and never looks back further than the
 * previous bar, so a series capped with {@link BarSeries#setMaximumBarCount(int)} keeps producing exactly
 * the values of an uncapped one, provided each bar is evaluated (any {@code getValue}) before the cap
 * drops it. A bar dropped before it was evaluated makes {@code getValue} throw instead of returning a
 * wrong number. Values of bars the series has dropped are released as well.
 *
 * <p>Thread-safe: evaluation is synchronized on this object.
 */
public final class WilderDirectionalIndicators {

    /** The values computed for one bar; undefined ones are {@link NaN#NaN}. */
    private record BarValues(Num plusDi, Num minusDi, Num adx, Num atr) {}

    private final BarSeries series;
    private final int period;
    private final Num periodNum;
    private final Num periodMinusOne;
    private final Num hundred;
    private final Num zero;

    /** Values of bars {@code firstStoredIndex ..}, in order. */
    private final List<BarValues> stored = new ArrayList<>();

    private int firstStoredIndex;
    /** Index of the last bar evaluated, −1 before the first. */
    private int lastEvaluatedIndex = -1;

    // smoothing state carried forward
    private Num prevHigh;
    private Num prevLow;
    private Num prevClose;
    private int trCount;
    private Num smoothedTr;
    private Num smoothedPlusDm;
    private Num smoothedMinusDm;
    private Num trSum;
    private Num atr;
    private int dxCount;
    private Num dxSum;
    private Num adx;

    private final Indicator<Num> plusDiIndicator = new View(BarValues::plusDi, 0);
    private final Indicator<Num> minusDiIndicator = new View(BarValues::minusDi, 0);
    private final Indicator<Num> adxIndicator = new View(BarValues::adx, 1);
    private final Indicator<Num> atrIndicator = new View(BarValues::atr, 0);

    /**
     * @param series the bars, appended in time order
     * @param period the smoothing period (Wilder: 14)
     */
    public WilderDirectionalIndicators(BarSeries series, int period) {
        if (period < 2) {
            throw new IllegalArgumentException("period must be at least 2, was " + period);
        }
        this.series = series;
        this.period = period;
        NumFactory numbers = series.numFactory();
        this.periodNum = numbers.numOf(period);
        this.periodMinusOne = numbers.numOf(period - 1);
        this.hundred = numbers.hundred();
        this.zero = numbers.zero();
        this.dxSum = zero;
        this.trSum = zero;
    }

    /** ADX: first defined at bar 2·period − 1 (27 for 14). */
    public Indicator<Num> adx() {
        return adxIndicator;
    }

    /** +DI: first defined at bar period (14). */
    public Indicator<Num> plusDi() {
        return plusDiIndicator;
    }

    /** −DI: first defined at bar period (14). */
    public Indicator<Num> minusDi() {
        return minusDiIndicator;
    }

    /** ATR: first defined at bar period (14). */
    public Indicator<Num> atr() {
        return atrIndicator;
    }

    private synchronized BarValues valuesAt(int index) {
        if (index > series.getEndIndex()) {
            throw new IndexOutOfBoundsException("bar " + index + " is beyond the series end " + series.getEndIndex());
        }
        while (lastEvaluatedIndex < index) {
            int next = lastEvaluatedIndex + 1;
            if (next < series.getRemovedBarsCount()) {
                throw new IllegalStateException("bar " + next + " was dropped from the capped series before it was"
                        + " evaluated; evaluate the indicators after every added bar");
            }
            stored.add(evaluate(series.getBar(next), next));
            lastEvaluatedIndex = next;
        }
        releaseDroppedBars();
        if (index < firstStoredIndex) {
            throw new IllegalArgumentException("bar " + index + " has been dropped from the series");
        }
        return stored.get(index - firstStoredIndex);
    }

    private void releaseDroppedBars() {
        int drop = series.getRemovedBarsCount() - firstStoredIndex;
        // release in chunks so that trimming stays amortised O(1) per bar
        if (drop > 0 && drop >= stored.size() / 2) {
            stored.subList(0, drop).clear();
            firstStoredIndex += drop;
        }
    }

    private BarValues evaluate(Bar bar, int index) {
        Num high = bar.getHighPrice();
        Num low = bar.getLowPrice();
        Num close = bar.getClosePrice();
        BarValues values = new BarValues(NaN.NaN, NaN.NaN, NaN.NaN, NaN.NaN);
        if (index > 0) {
            values = step(high, low);
        }
        prevHigh = high;
        prevLow = low;
        prevClose = close;
        return values;
    }

    private BarValues step(Num high, Num low) {
        Num tr = high.minus(low)
                .max(high.minus(prevClose).abs())
                .max(low.minus(prevClose).abs());
        Num upMove = high.minus(prevHigh);
        Num downMove = prevLow.minus(low);
        Num plusDm = upMove.isGreaterThan(downMove) && upMove.isPositive() ? upMove : zero;
        Num minusDm = downMove.isGreaterThan(upMove) && downMove.isPositive() ? downMove : zero;
        trCount++;
        if (trCount == 1) {
            smoothedTr = tr;
            smoothedPlusDm = plusDm;
            smoothedMinusDm = minusDm;
        } else if (trCount < period) {
            smoothedTr = smoothedTr.plus(tr);
            smoothedPlusDm = smoothedPlusDm.plus(plusDm);
            smoothedMinusDm = smoothedMinusDm.plus(minusDm);
        } else {
            // from bar n on, including bar n itself: the (n−1)-bar sums are smoothed once before their first use
            smoothedTr = smoothedTr.minus(smoothedTr.dividedBy(periodNum)).plus(tr);
            smoothedPlusDm =
                    smoothedPlusDm.minus(smoothedPlusDm.dividedBy(periodNum)).plus(plusDm);
            smoothedMinusDm =
                    smoothedMinusDm.minus(smoothedMinusDm.dividedBy(periodNum)).plus(minusDm);
        }
        if (trCount <= period) {
            // ATR's seed is the plain average of the first n true ranges, so it keeps its own sum
            trSum = trSum.plus(tr);
        }
        if (trCount < period) {
            return new BarValues(NaN.NaN, NaN.NaN, NaN.NaN, NaN.NaN);
        }
        atr = trCount == period
                ? trSum.dividedBy(periodNum)
                : atr.multipliedBy(periodMinusOne).plus(tr).dividedBy(periodNum);
        Num plusDi = smoothedTr.isZero()
                ? zero
                : hundred.multipliedBy(smoothedPlusDm).dividedBy(smoothedTr);
        Num minusDi = smoothedTr.isZero()
                ? zero
                : hundred.multipliedBy(smoothedMinusDm).dividedBy(smoothedTr);
        Num diSum = plusDi.plus(minusDi);
        // null: DX undefined (no directional movement in the smoothed sums)
        Num dx = diSum.isZero()
                ? null
                : hundred.multipliedBy(plusDi.minus(minusDi).abs()).dividedBy(diSum);
        dxCount++;
        if (dxCount < period) {
            dxSum = dx == null ? dxSum : dxSum.plus(dx);
        } else if (dxCount == period) {
            adx = (dx == null ? dxSum : dxSum.plus(dx)).dividedBy(periodNum);
        } else if (dx != null) {
            adx = adx.multipliedBy(periodMinusOne).plus(dx).dividedBy(periodNum);
        }
        return new BarValues(plusDi, minusDi, dxCount >= period ? adx : NaN.NaN, atr);
    }

    /** One of the four outputs, as a ta4j indicator. */
    private final class View implements Indicator<Num> {
        private final Function<BarValues, Num> pick;
        private final int extraUnstableBars;

        private View(Function<BarValues, Num> pick, int extraUnstableBars) {
            this.pick = pick;
            this.extraUnstableBars = extraUnstableBars;
        }

        @Override
        public Num getValue(int index) {
            return pick.apply(valuesAt(index));
        }

        @Override
        public int getCountOfUnstableBars() {
            return period + extraUnstableBars * (period - 1);
        }

        @Override
        public BarSeries getBarSeries() {
            return series;
        }
    }
}
