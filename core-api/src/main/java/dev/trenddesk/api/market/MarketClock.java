package dev.trenddesk.api.market;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time every trading timestamp a trader sees is in: the market's. It is the later of the wall clock and
 * the latest time the exchange was seen to be at (a candle's close, an order's or a fill's time). Against
 * BingX the two agree within the time a message takes, so this is the wall clock; against the simulator's
 * accelerated market (the demo runs 120 times faster than the wall clock) it is the simulated market's time,
 * so candles, signals, orders, trades and "today" line up.
 *
 * <p>It only ever moves forward within a process. What it knows is this process's: a node that has seen no
 * candle yet (just started) is on the wall clock until it sees one.
 */
public final class MarketClock {

    /** A time further ahead than this is a misread one (a unit mistaken), never the market's. */
    private static final Duration IMPLAUSIBLE = Duration.ofDays(36_500);

    private final Clock wall;
    private final AtomicLong latest = new AtomicLong(Long.MIN_VALUE);

    public MarketClock(Clock wall) {
        this.wall = Objects.requireNonNull(wall, "wall");
    }

    /** Now in market time. */
    public Instant instant() {
        Instant now = wall.instant();
        long seen = latest.get();
        return seen > now.toEpochMilli() ? Instant.ofEpochMilli(seen) : now;
    }

    /** The start of the current UTC day in market time. */
    public Instant dayStart() {
        return instant().truncatedTo(ChronoUnit.DAYS);
    }

    /**
     * The exchange was at {@code at} (null is ignored); answers now in market time, which is never before
     * {@code at}.
     */
    public Instant observe(Instant at) {
        if (at != null && at.isBefore(wall.instant().plus(IMPLAUSIBLE))) {
            latest.accumulateAndGet(at.toEpochMilli(), Math::max);
        }
        return instant();
    }

    /**
     * The exchange's own time of something when it gave one (and it is noted), else now in market time; the epoch
     * or earlier is a time the exchange left out (a reader's default), not one it gave.
     */
    public Instant exchangeTimeOr(Instant exchangeTime) {
        if (exchangeTime == null || !exchangeTime.isAfter(Instant.EPOCH)) {
            return instant();
        }
        observe(exchangeTime);
        return exchangeTime;
    }
}
