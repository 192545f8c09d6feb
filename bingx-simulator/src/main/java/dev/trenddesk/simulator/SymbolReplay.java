package dev.trenddesk.simulator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The endless candle series of one symbol and its live candle.
 *
 * <p>Candle {@code i} (i ≥ 0) replays recorded candle {@code i mod n} of pass {@code i / n}. Each pass
 * is the recording rescaled so that it opens exactly at the previous pass's last close, so the series
 * is price-continuous across loops. Candles before {@link #liveIndex()} are closed history; the live
 * candle's price walks a path open → nearer extreme → other extreme → close, one third of the period
 * per leg, processed in sub-steps of {@link #SUB_STEP_MILLIS}.
 */
final class SymbolReplay {

    static final long PERIOD_MILLIS = RecordedCandles.PERIOD_MILLIS;
    static final long SUB_STEP_MILLIS = PERIOD_MILLIS / 30;
    private static final long LEG_MILLIS = PERIOD_MILLIS / 3;
    private static final int VOLUME_SCALE = 4;

    /** Receives every price point and every candle state the replay passes through. */
    interface Listener {
        /**
         * The price moved from {@code previous} to {@code price}. {@code continuous} is true when it
         * moved along the path (every price in between was traded), false on a jump between candles.
         */
        void onPrice(SymbolReplay replay, BigDecimal previous, BigDecimal price, boolean continuous);

        /** The live candle changed; when {@code closed}, this is the candle's final state. */
        void onKline(SymbolReplay replay, Candle candle, boolean closed);
    }

    private final Contract contract;
    private final List<Candle> recording;
    private final long baseTime;
    private final List<BigDecimal> passFactors = new ArrayList<>();
    private final List<BigDecimal> passOpens = new ArrayList<>();

    /** Derived market data (aggregates, trade turnover) kept between requests; see {@link MarketData}. */
    final MarketData.Cache derived = new MarketData.Cache();

    private long liveIndex;
    private long processedTime;
    private BigDecimal price;
    private BigDecimal high;
    private BigDecimal low;
    private BigDecimal volume;

    SymbolReplay(Contract contract, List<Candle> recording, long liveOpenTime, int historyCandles) {
        this.contract = contract;
        this.recording = List.copyOf(recording);
        this.baseTime = liveOpenTime - historyCandles * PERIOD_MILLIS;
        this.passFactors.add(BigDecimal.ONE);
        this.passOpens.add(recording.getFirst().open());
        this.liveIndex = historyCandles;
        this.processedTime = liveOpenTime;
        startLiveCandle();
    }

    /** The replay as it was saved: the same series (same base time) at the same point of its live candle. */
    SymbolReplay(Contract contract, List<Candle> recording, SavedState.ReplayState saved) {
        this.contract = contract;
        this.recording = List.copyOf(recording);
        this.baseTime = saved.baseTime();
        this.passFactors.add(BigDecimal.ONE);
        this.passOpens.add(recording.getFirst().open());
        this.liveIndex = saved.liveIndex();
        this.processedTime = saved.processedTime();
        this.price = saved.price();
        this.high = saved.high();
        this.low = saved.low();
        this.volume = saved.volume();
    }

    /** What {@link #SymbolReplay(Contract, List, SavedState.ReplayState)} needs to continue the same series. */
    SavedState.ReplayState saved() {
        return new SavedState.ReplayState(
                symbol(), recording.size(), baseTime, liveIndex, processedTime, price, high, low, volume);
    }

    Contract contract() {
        return contract;
    }

    String symbol() {
        return contract.symbol();
    }

    /** The last traded price. */
    BigDecimal price() {
        return price;
    }

    long liveIndex() {
        return liveIndex;
    }

    /** The market time the live candle has been walked to. */
    long processedTime() {
        return processedTime;
    }

    long openTime(long index) {
        return baseTime + index * PERIOD_MILLIS;
    }

    /** Index of the candle whose period contains {@code time}; negative before the first candle. */
    long indexAt(long time) {
        return Math.floorDiv(time - baseTime, PERIOD_MILLIS);
    }

    /** The final state of candle {@code index} (closed or not), rescaled to its pass. */
    Candle candle(long index) {
        int n = recording.size();
        int pass = Math.toIntExact(index / n);
        Candle recorded = recording.get((int) (index % n));
        BigDecimal factor = factor(pass);
        BigDecimal open = index % n == 0 ? passOpens.get(pass) : scale(recorded.open(), factor);
        BigDecimal close = scale(recorded.close(), factor);
        BigDecimal high = scale(recorded.high(), factor).max(open).max(close);
        BigDecimal low = scale(recorded.low(), factor).min(open).min(close);
        return new Candle(openTime(index), open, high, low, close, recorded.volume());
    }

    /** The live candle as it stands now. */
    Candle liveCandle() {
        return new Candle(openTime(liveIndex), candle(liveIndex).open(), high, low, price, volume);
    }

    /** Moves the live price along its path up to market time {@code target}, telling the listener. */
    void advanceTo(long target, Listener listener) {
        while (processedTime < target) {
            long start = openTime(liveIndex);
            long nextSubStep = start + ((processedTime - start) / SUB_STEP_MILLIS + 1) * SUB_STEP_MILLIS;
            processedTime = Math.min(target, nextSubStep);
            long offset = processedTime - start;
            Candle candle = candle(liveIndex);
            BigDecimal previous = price;
            price = pathPrice(candle, offset);
            high = high.max(price);
            low = low.min(price);
            volume = volumeAt(candle, offset);
            listener.onPrice(this, previous, price, true);
            boolean closed = offset == PERIOD_MILLIS;
            listener.onKline(this, liveCandle(), closed);
            if (closed) {
                liveIndex++;
                BigDecimal lastClose = price;
                startLiveCandle();
                listener.onPrice(this, lastClose, price, false);
                listener.onKline(this, liveCandle(), false);
            }
        }
    }

    private void startLiveCandle() {
        Candle candle = candle(liveIndex);
        price = candle.open();
        high = price;
        low = price;
        volume = BigDecimal.ZERO.setScale(VOLUME_SCALE);
    }

    /** The volume candle {@code candle} has traded {@code offset} ms after its open (linear in time). */
    static BigDecimal volumeAt(Candle candle, long offset) {
        return candle.volume()
                .multiply(BigDecimal.valueOf(offset))
                .divide(BigDecimal.valueOf(PERIOD_MILLIS), VOLUME_SCALE, RoundingMode.DOWN);
    }

    /**
     * The price path of candle {@code index} between {@code from} and {@code to} ms after its open
     * (0 ≤ from ≤ to ≤ period) as a candle opening at {@code openTime(index) + from}: the prices at both
     * ends and at every sub-step in between (the path is linear between sub-steps, so these hold its
     * extremes), and the volume traded in between. The same path the live candle walks, so a slice of
     * the live candle up to {@link #processedTime()} is what the replay has traded so far.
     */
    Candle pathSlice(long index, long from, long to) {
        Candle candle = candle(index);
        BigDecimal open = from == 0 ? candle.open() : pathPrice(candle, from);
        BigDecimal close = to == 0 ? candle.open() : pathPrice(candle, to);
        BigDecimal high = open.max(close);
        BigDecimal low = open.min(close);
        for (long offset = (from / SUB_STEP_MILLIS + 1) * SUB_STEP_MILLIS; offset < to; offset += SUB_STEP_MILLIS) {
            BigDecimal price = pathPrice(candle, offset);
            high = high.max(price);
            low = low.min(price);
        }
        return new Candle(
                openTime(index) + from,
                open,
                high,
                low,
                close,
                volumeAt(candle, to).subtract(volumeAt(candle, from)));
    }

    /** The path open → nearer extreme → other extreme → close, linear within each third. */
    BigDecimal pathPrice(Candle candle, long offset) {
        boolean highFirst =
                candle.high().subtract(candle.open()).compareTo(candle.open().subtract(candle.low())) <= 0;
        BigDecimal[] points = highFirst
                ? new BigDecimal[] {candle.open(), candle.high(), candle.low(), candle.close()}
                : new BigDecimal[] {candle.open(), candle.low(), candle.high(), candle.close()};
        int leg = (int) Math.min(2, offset / LEG_MILLIS);
        BigDecimal from = points[leg];
        BigDecimal to = points[leg + 1];
        BigDecimal progress = BigDecimal.valueOf(offset - leg * LEG_MILLIS);
        BigDecimal moved = to.subtract(from)
                .multiply(progress)
                .divide(BigDecimal.valueOf(LEG_MILLIS), contract.pricePrecision() + 6, RoundingMode.HALF_UP);
        return contract.roundPrice(from.add(moved));
    }

    private BigDecimal factor(int pass) {
        while (passFactors.size() <= pass) {
            int previous = passFactors.size() - 1;
            BigDecimal lastClose = scale(recording.getLast().close(), passFactors.get(previous));
            passOpens.add(lastClose);
            passFactors.add(lastClose.divide(recording.getFirst().open(), MathContext.DECIMAL64));
        }
        return passFactors.get(pass);
    }

    private BigDecimal scale(BigDecimal recordedPrice, BigDecimal factor) {
        return contract.roundPrice(recordedPrice.multiply(factor, MathContext.DECIMAL64));
    }
}
