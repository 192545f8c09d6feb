package dev.trenddesk.bingx;

import dev.trenddesk.bingx.model.Candle;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * Turns kline pushes of one (symbol, interval) into closed candles. BingX has no "closed" flag: a
 * candle is final when one with a newer open time T arrives. Repeated pushes of the same T update
 * the open candle; older T are ignored. When candles were skipped (a gap of more than one period,
 * or a reconnect in between) the missing ones are read from REST, so no candle is missed and none
 * is emitted twice. Not thread-safe: feed it one signal at a time (concatMap).
 */
final class CandleCloser {

    private static final Logger log = LoggerFactory.getLogger(CandleCloser.class);

    /** What the WebSocket side reports for one subscription. */
    sealed interface Signal {
        /** One push: one or more candles (BingX's data may be an array or an object). */
        record Update(List<Candle> candles) implements Signal {}

        /** The connection was re-established: pushes may have been lost. */
        record Reconnected() implements Signal {}
    }

    private final Duration period;
    private final BiFunction<Instant, Instant, Flux<Candle>> backfill;
    private Candle current;
    private Instant lastClosed;
    private boolean resync;

    /**
     * @param interval the kline interval, e.g. 5m
     * @param backfill reads closed candles with open time in [from, to] from REST
     */
    CandleCloser(String interval, BiFunction<Instant, Instant, Flux<Candle>> backfill) {
        this.period = Intervals.length(interval).orElse(null);
        this.backfill = backfill;
    }

    /** The candles this signal closes, oldest first. */
    Flux<Candle> onSignal(Signal signal) {
        return switch (signal) {
            case Signal.Reconnected r -> {
                resync = true;
                yield Flux.empty();
            }
            case Signal.Update u ->
                Flux.fromIterable(u.candles())
                        .sort(Comparator.comparing(Candle::openTime))
                        .concatMap(c -> Flux.defer(() -> onCandle(c)));
        };
    }

    private Flux<Candle> onCandle(Candle candle) {
        Instant t = candle.openTime();
        if (current == null) {
            current = candle;
            resync = false;
            return Flux.empty();
        }
        int cmp = t.compareTo(current.openTime());
        if (cmp < 0) {
            return Flux.empty();
        }
        if (cmp == 0) {
            current = candle;
            resync = false;
            return Flux.empty();
        }
        Candle closing = current;
        current = candle;
        boolean gap = resync || !adjacent(closing.openTime(), t);
        resync = false;
        if (!gap) {
            lastClosed = closing.openTime();
            return Flux.just(closing);
        }
        Instant after = lastClosed != null ? lastClosed : closing.openTime().minusMillis(1);
        return fill(after, t, closing);
    }

    /**
     * Emits the REST candles strictly between {@code after} and {@code before}, plus the last pushed
     * version of {@code closing} if REST does not have it (or REST failed).
     */
    private Flux<Candle> fill(Instant after, Instant before, Candle closing) {
        return backfill.apply(after.plusMillis(1), before.minusMillis(1))
                .onErrorResume(e -> {
                    log.warn("BingX kline backfill ({} .. {}) failed: {}", after, before, e.getMessage());
                    return Flux.empty();
                })
                .concatWith(Flux.just(closing))
                .filter(c -> c.openTime().isAfter(after) && c.openTime().isBefore(before))
                .distinct(Candle::openTime)
                .sort(Comparator.comparing(Candle::openTime))
                .collectList()
                .flatMapMany(candles -> {
                    if (!candles.isEmpty()) {
                        lastClosed = candles.getLast().openTime();
                    }
                    return Flux.fromIterable(candles);
                });
    }

    private boolean adjacent(Instant earlier, Instant later) {
        return period == null || !later.isAfter(earlier.plus(period));
    }
}
