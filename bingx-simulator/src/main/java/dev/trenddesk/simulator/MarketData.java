package dev.trenddesk.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Public market data derived from a {@link SymbolReplay}: candles of every {@link KlineInterval}, the
 * replay's trades, the 24-hour ticker and an order book around the live price. Everything is a function
 * of the replayed series and the replay's position, so REST and WebSocket agree and a restarted simulator
 * (same series, same position) serves the same data. Called under the exchange's lock.
 *
 * <ul>
 *   <li>Intervals of 5m and more: aggregates of the 5m candles inside the interval (first open, highest
 *       high, lowest low, last close, summed volume); the live one is the aggregate so far. A candle that
 *       starts before the series does holds only the series' candles, as for a newly listed contract.</li>
 *   <li>1m and 3m: slices of the intra-candle price path ({@link SymbolReplay#pathSlice}); the slices of
 *       a 5m candle open at its open, close at its close, reach its high and low, and add up to its volume.</li>
 *   <li>Trades: one per 10-second sub-step of the path, at the price the path reaches at the end of the
 *       sub-step, for the volume traded during it, stamped in the middle of the sub-step.</li>
 * </ul>
 */
final class MarketData {

    static final int TRADES_PER_CANDLE = (int) (SymbolReplay.PERIOD_MILLIS / SymbolReplay.SUB_STEP_MILLIS);
    private static final long DAY_CANDLES = 86_400_000L / SymbolReplay.PERIOD_MILLIS;
    private static final int PERCENT_SCALE = 2;
    private static final int QUOTE_SCALE = 8;

    /** What is worth keeping between calls: aggregates of closed 5m candles, per-candle turnover. */
    static final class Cache {
        private record ClosedPart(long openTime, long liveIndex, Candle closed) {}

        private record Window(
                long liveIndex,
                long first,
                BigDecimal high,
                BigDecimal low,
                BigDecimal volume,
                BigDecimal quoteVolume) {}

        private final Map<KlineInterval, ClosedPart> closedParts = new EnumMap<>(KlineInterval.class);
        private final Map<Long, BigDecimal> turnover = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, BigDecimal> eldest) {
                return size() > 2 * DAY_CANDLES;
            }
        };
        private Window window;
    }

    /** One trade of the replay. */
    record Trade(long id, long time, BigDecimal price, BigDecimal qty, boolean buyerMaker) {
        BigDecimal quoteQty() {
            return price.multiply(qty);
        }
    }

    private MarketData() {}

    // ----------------------------------------------------------------------------------- candles

    /**
     * The candle of {@code interval} opening at {@code openTime} as it stands at the replay's position;
     * empty when none of it has happened yet or it lies wholly before the series.
     */
    static Optional<Candle> candle(SymbolReplay replay, KlineInterval interval, long openTime) {
        long end = openTime + interval.millis();
        long live = replay.liveIndex();
        long first = Math.max(0, replay.indexAt(openTime));
        long last = Math.min(live, replay.indexAt(end - 1));
        if (first > last) {
            return Optional.empty();
        }
        if (interval.belowReplayPeriod()) {
            Candle merged = null;
            for (long index = first; index <= last; index++) {
                long candleOpen = replay.openTime(index);
                long from = Math.max(openTime, candleOpen) - candleOpen;
                long to = Math.min(end, candleOpen + SymbolReplay.PERIOD_MILLIS) - candleOpen;
                if (index == live) {
                    long walked = replay.processedTime() - candleOpen;
                    if (from > walked) {
                        break;
                    }
                    to = Math.min(to, walked);
                }
                merged = merge(merged, replay.pathSlice(index, from, to));
            }
            return Optional.ofNullable(merged).map(c -> at(openTime, c));
        }
        if (interval == KlineInterval.M5) {
            return Optional.of(first == live ? replay.liveCandle() : replay.candle(first));
        }
        Candle closed;
        if (last == live) {
            closed = closedPart(replay, interval, openTime, first, live);
            return Optional.of(at(openTime, merge(closed, replay.liveCandle())));
        }
        closed = null;
        for (long index = first; index <= last; index++) {
            closed = merge(closed, replay.candle(index));
        }
        return Optional.of(at(openTime, closed));
    }

    /** The closed 5m candles {@code first .. live-1} of the live candle of {@code interval}, merged (cached). */
    private static Candle closedPart(
            SymbolReplay replay, KlineInterval interval, long openTime, long first, long live) {
        Cache.ClosedPart cached = replay.derived.closedParts.get(interval);
        if (cached != null && cached.openTime() == openTime && cached.liveIndex() == live) {
            return cached.closed();
        }
        Candle closed = null;
        for (long index = first; index < live; index++) {
            closed = merge(closed, replay.candle(index));
        }
        replay.derived.closedParts.put(interval, new Cache.ClosedPart(openTime, live, closed));
        return closed;
    }

    /**
     * The REST klines of {@code interval}, oldest first, the live candle last: with {@code startTime}
     * the candles opening at or after it, with {@code endTime} those opening at or before it, at most
     * {@code limit} (the newest ones when there is no start).
     */
    static List<Candle> klines(SymbolReplay replay, KlineInterval interval, Long startTime, Long endTime, int limit) {
        long step = interval.millis();
        long firstSlot = Math.floorDiv(replay.openTime(0), step);
        long lastSlot = Math.floorDiv(replay.processedTime(), step);
        if (endTime != null) {
            lastSlot = Math.min(lastSlot, Math.floorDiv(endTime, step));
        }
        long fromSlot;
        if (startTime != null) {
            fromSlot = Math.max(firstSlot, -Math.floorDiv(-startTime, step));
            lastSlot = Math.min(lastSlot, fromSlot + limit - 1);
        } else {
            fromSlot = Math.max(firstSlot, lastSlot - limit + 1);
        }
        List<Candle> rows = new ArrayList<>();
        for (long slot = fromSlot; slot <= lastSlot; slot++) {
            candle(replay, interval, slot * step).ifPresent(rows::add);
        }
        return rows;
    }

    /**
     * What a {@code SYMBOL@kline_<interval>} subscriber is pushed when the replay's live 5m candle
     * changes ({@code closed}: its final state): the candle of the interval at the replay's position, and
     * before it, when a 1m/3m candle has just ended inside the 5m candle, that candle's final state, so a
     * client that closes a candle on the next one's first push holds the same candle as REST.
     */
    static List<Candle> pushes(SymbolReplay replay, KlineInterval interval, Candle fiveMinutes, boolean closed) {
        if (interval == KlineInterval.M5) {
            return List.of(fiveMinutes);
        }
        if (!interval.belowReplayPeriod()) {
            return candle(replay, interval, interval.openOf(fiveMinutes.openTime())).stream()
                    .toList();
        }
        long now = replay.processedTime();
        if (closed) {
            return candle(replay, interval, interval.openOf(now - 1)).stream().toList();
        }
        List<Candle> pushes = new ArrayList<>(2);
        if (now % interval.millis() == 0 && now != fiveMinutes.openTime()) {
            candle(replay, interval, now - interval.millis()).ifPresent(pushes::add);
        }
        candle(replay, interval, interval.openOf(now)).ifPresent(pushes::add);
        return pushes;
    }

    private static Candle merge(Candle merged, Candle next) {
        if (merged == null) {
            return next;
        }
        return new Candle(
                merged.openTime(),
                merged.open(),
                merged.high().max(next.high()),
                merged.low().min(next.low()),
                next.close(),
                merged.volume().add(next.volume()));
    }

    private static Candle at(long openTime, Candle candle) {
        return candle.openTime() == openTime
                ? candle
                : new Candle(openTime, candle.open(), candle.high(), candle.low(), candle.close(), candle.volume());
    }

    // ------------------------------------------------------------------------------------ trades

    /** Trade {@code subStep} (0-based) of 5m candle {@code index}; empty when nothing traded in it. */
    static Optional<Trade> trade(SymbolReplay replay, long index, int subStep) {
        Candle candle = replay.candle(index);
        long from = subStep * SymbolReplay.SUB_STEP_MILLIS;
        long to = from + SymbolReplay.SUB_STEP_MILLIS;
        BigDecimal qty = SymbolReplay.volumeAt(candle, to).subtract(SymbolReplay.volumeAt(candle, from));
        if (qty.signum() == 0) {
            return Optional.empty();
        }
        BigDecimal before = from == 0 ? candle.open() : replay.pathPrice(candle, from);
        BigDecimal price = replay.pathPrice(candle, to);
        int move = price.compareTo(before);
        boolean buyerMaker = move < 0 || move == 0 && subStep % 2 == 1;
        return Optional.of(new Trade(
                index * TRADES_PER_CANDLE + subStep + 1,
                replay.openTime(index) + from + SymbolReplay.SUB_STEP_MILLIS / 2,
                price,
                qty,
                buyerMaker));
    }

    /** The trade the replay has just completed, when its position is at the end of a sub-step. */
    static Optional<Trade> tradeJustCompleted(SymbolReplay replay) {
        long walked = replay.processedTime() - replay.openTime(replay.liveIndex());
        if (walked <= 0 || walked % SymbolReplay.SUB_STEP_MILLIS != 0) {
            return Optional.empty();
        }
        return trade(replay, replay.liveIndex(), (int) (walked / SymbolReplay.SUB_STEP_MILLIS) - 1);
    }

    /** The newest {@code limit} trades of the last 24 hours, oldest first. */
    static List<Trade> recentTrades(SymbolReplay replay, int limit) {
        List<Trade> newestFirst = new ArrayList<>(Math.min(limit, 1024));
        long live = replay.liveIndex();
        int completed = (int) ((replay.processedTime() - replay.openTime(live)) / SymbolReplay.SUB_STEP_MILLIS);
        for (long index = live; index >= 0 && index > live - DAY_CANDLES && newestFirst.size() < limit; index--) {
            int subStep = index == live ? completed - 1 : TRADES_PER_CANDLE - 1;
            for (; subStep >= 0 && newestFirst.size() < limit; subStep--) {
                trade(replay, index, subStep).ifPresent(newestFirst::add);
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static Optional<Trade> lastTrade(SymbolReplay replay) {
        List<Trade> last = recentTrades(replay, 1);
        return last.isEmpty() ? Optional.empty() : Optional.of(last.getFirst());
    }

    /** The turnover (sum of price × quantity of its trades) of closed 5m candle {@code index} (cached). */
    private static BigDecimal turnover(SymbolReplay replay, long index) {
        BigDecimal cached = replay.derived.turnover.get(index);
        if (cached == null) {
            cached = turnover(replay, index, TRADES_PER_CANDLE);
            replay.derived.turnover.put(index, cached);
        }
        return cached;
    }

    private static BigDecimal turnover(SymbolReplay replay, long index, int subSteps) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int subStep = 0; subStep < subSteps; subStep++) {
            sum = trade(replay, index, subStep)
                    .map(Trade::quoteQty)
                    .map(sum::add)
                    .orElse(sum);
        }
        return sum;
    }

    // ------------------------------------------------------------------------------------ ticker

    /** The 24-hour statistics: the 288 5m periods ending with the live candle (fewer at the series' start). */
    static Map<String, Object> ticker(SymbolReplay replay) {
        long live = replay.liveIndex();
        Cache.Window window = replay.derived.window;
        if (window == null || window.liveIndex() != live) {
            long first = Math.max(0, live - DAY_CANDLES + 1);
            BigDecimal high = null;
            BigDecimal low = null;
            BigDecimal volume = BigDecimal.ZERO;
            BigDecimal quote = BigDecimal.ZERO;
            for (long index = first; index < live; index++) {
                Candle candle = replay.candle(index);
                high = high == null ? candle.high() : high.max(candle.high());
                low = low == null ? candle.low() : low.min(candle.low());
                volume = volume.add(candle.volume());
                quote = quote.add(turnover(replay, index));
            }
            window = new Cache.Window(live, first, high, low, volume, quote);
            replay.derived.window = window;
        }
        Candle current = replay.liveCandle();
        int completed = (int) ((replay.processedTime() - replay.openTime(live)) / SymbolReplay.SUB_STEP_MILLIS);
        BigDecimal open = window.first() == live
                ? current.open()
                : replay.candle(window.first()).open();
        BigDecimal high = window.high() == null ? current.high() : window.high().max(current.high());
        BigDecimal low = window.low() == null ? current.low() : window.low().min(current.low());
        BigDecimal volume = window.volume().add(current.volume());
        BigDecimal quote = window.quoteVolume().add(turnover(replay, live, Math.min(completed, TRADES_PER_CANDLE)));
        BigDecimal last = replay.price();
        BigDecimal change = last.subtract(open);
        Map<String, Object> ticker = new LinkedHashMap<>();
        ticker.put("symbol", replay.symbol());
        ticker.put("priceChange", Views.decimal(change));
        ticker.put(
                "priceChangePercent",
                Views.decimal(
                        open.signum() == 0
                                ? BigDecimal.ZERO
                                : change.multiply(BigDecimal.valueOf(100))
                                        .divide(open, PERCENT_SCALE, RoundingMode.HALF_UP)));
        ticker.put("lastPrice", Views.decimal(last));
        ticker.put("lastQty", Views.decimal(lastTrade(replay).map(Trade::qty).orElse(BigDecimal.ZERO)));
        ticker.put("highPrice", Views.decimal(high));
        ticker.put("lowPrice", Views.decimal(low));
        ticker.put("volume", Views.decimal(volume));
        ticker.put("quoteVolume", Views.decimal(quote.setScale(QUOTE_SCALE, RoundingMode.HALF_UP)));
        ticker.put("openPrice", Views.decimal(open));
        ticker.put("openTime", replay.openTime(window.first()));
        ticker.put("closeTime", replay.processedTime());
        Book book = book(replay, 1);
        ticker.put("bidPrice", Views.decimal(book.bids().getFirst()[0]));
        ticker.put("bidQty", Views.decimal(book.bids().getFirst()[1]));
        ticker.put("askPrice", Views.decimal(book.asks().getFirst()[0]));
        ticker.put("askQty", Views.decimal(book.asks().getFirst()[1]));
        return ticker;
    }

    // -------------------------------------------------------------------------------- order book

    /** Levels best first: {@code [price, quantity]}. */
    record Book(long time, List<BigDecimal[]> bids, List<BigDecimal[]> asks) {}

    /**
     * A book of {@code levels} levels a side around the live price: bids one tick below it and down, asks
     * one tick above it and up, one tick apart; quantities drawn from a seed of the symbol and the
     * sub-step, so the same position shows the same book. Fills do not take from it (the simulator fills
     * at the path price).
     */
    static Book book(SymbolReplay replay, int levels) {
        Contract contract = replay.contract();
        BigDecimal tick = BigDecimal.ONE.movePointLeft(contract.pricePrecision());
        BigDecimal price = replay.price();
        long subStep = Math.floorDiv(replay.processedTime(), SymbolReplay.SUB_STEP_MILLIS);
        long seed = replay.symbol().hashCode() * 1_000_003L ^ subStep;
        BigDecimal liveVolume = replay.candle(replay.liveIndex()).volume();
        BigDecimal base = liveVolume
                .divide(
                        BigDecimal.valueOf(TRADES_PER_CANDLE * 10L),
                        contract.quantityPrecision() + 2,
                        RoundingMode.DOWN)
                .max(contract.tradeMinQuantity().multiply(BigDecimal.TEN));
        List<BigDecimal[]> bids = new ArrayList<>(levels);
        List<BigDecimal[]> asks = new ArrayList<>(levels);
        for (int level = 1; level <= levels; level++) {
            BigDecimal distance = tick.multiply(BigDecimal.valueOf(level));
            BigDecimal bid = price.subtract(distance);
            if (bid.signum() > 0) {
                bids.add(new BigDecimal[] {bid, quantity(contract, base, seed, level, 0)});
            }
            asks.add(new BigDecimal[] {price.add(distance), quantity(contract, base, seed, level, 1)});
        }
        return new Book(replay.processedTime(), bids, asks);
    }

    private static BigDecimal quantity(Contract contract, BigDecimal base, long seed, int level, int side) {
        double draw = new SplittableRandom(seed * 31 + level * 2L + side).nextDouble();
        BigDecimal factor = BigDecimal.valueOf(0.2 + 1.8 * draw).multiply(BigDecimal.valueOf(1 + level / 20.0));
        return base.multiply(factor)
                .setScale(contract.quantityPrecision(), RoundingMode.DOWN)
                .max(contract.tradeMinQuantity());
    }
}
