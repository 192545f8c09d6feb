package dev.trenddesk.strategy.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Notices a stream that delivers no candle for {@value #PERIODS} of its periods, and its return, in
 * <em>market</em> time (the exchange's clock: the simulator runs far ahead of the wall clock). A stream
 * is measured from the close of its last candle, or, before it delivered any, from the moment it was
 * first watched. Pure bookkeeping: the caller supplies the market time and the candles, and raises the
 * alerts for the changes it gets back (one change per silence and one per return).
 */
final class SilenceWatch {

    static final int PERIODS = 3;

    /**
     * A stream fell silent or came back.
     *
     * @param since close time of the last candle before the silence, or when watching began if none came
     */
    record Change(StreamKey key, boolean silent, Instant since, Instant marketNow) {}

    private static final class Watched {
        Instant since;
        Instant lastOpen;
        boolean silent;
        Instant silentSince;

        Watched(Instant since) {
            this.since = since;
        }
    }

    private final Map<StreamKey, Watched> streams = new HashMap<>();

    /**
     * One look at the streams published now, each with the open time of its newest candle (null before
     * the first). Streams no longer listed are forgotten.
     */
    synchronized List<Change> check(Map<StreamKey, Instant> newestCandle, Instant marketNow) {
        Objects.requireNonNull(marketNow, "marketNow");
        streams.keySet().retainAll(newestCandle.keySet());
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<StreamKey, Instant> entry : newestCandle.entrySet()) {
            StreamKey key = entry.getKey();
            Duration period = key.timeframe().duration();
            Watched watched = streams.computeIfAbsent(key, k -> new Watched(marketNow));
            Instant newest = entry.getValue();
            if (newest != null && (watched.lastOpen == null || newest.isAfter(watched.lastOpen))) {
                watched.lastOpen = newest;
                watched.since = newest.plus(period);
                if (watched.silent) {
                    watched.silent = false;
                    changes.add(new Change(key, false, watched.silentSince, marketNow));
                }
            }
            if (!watched.silent && marketNow.isAfter(watched.since.plus(period.multipliedBy(PERIODS)))) {
                watched.silent = true;
                watched.silentSince = watched.since;
                changes.add(new Change(key, true, watched.since, marketNow));
            }
        }
        return changes;
    }
}
