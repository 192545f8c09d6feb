package dev.trenddesk.bingx.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A non-blocking, first-come-first-served token bucket of {@code permits} tokens where each spent
 * token comes back exactly one window after it was spent. That makes the guarantee exact for any
 * sliding window: never more than {@code permits} grants within any {@code window}, so a limit
 * counted by the exchange over a fixed or sliding window is never exceeded.
 *
 * <p>{@link #acquire()} reserves the earliest free slot at subscription time and completes at that
 * instant through a timer of the given {@link Scheduler}: no thread is parked, and callers are
 * served in the order they subscribed. A caller that cancels while waiting forfeits its slot
 * (the bucket stays on the safe side). Time comes from the scheduler, so a virtual-time scheduler
 * makes the behaviour exactly testable.
 */
public final class TokenBucket {

    private final String name;
    private final RateLimit limit;
    private final Scheduler scheduler;
    private final long windowMillis;
    private final long[] grants;
    private int oldest;
    private int count;
    private long lastGrant = Long.MIN_VALUE;

    public TokenBucket(String name, RateLimit limit, Scheduler scheduler) {
        this.name = name;
        this.limit = limit;
        this.scheduler = scheduler;
        this.windowMillis = limit.window().toMillis();
        this.grants = new long[limit.permits()];
    }

    /** A Mono that completes when this caller may send its request. */
    public Mono<Void> acquire() {
        return Mono.defer(() -> {
            long now = scheduler.now(TimeUnit.MILLISECONDS);
            long wait = reserve(now) - now;
            return wait <= 0
                    ? Mono.<Void>empty()
                    : Mono.delay(Duration.ofMillis(wait), scheduler).then();
        });
    }

    private synchronized long reserve(long now) {
        long at = Math.max(now, lastGrant);
        if (count == grants.length) {
            at = Math.max(at, grants[oldest] + windowMillis);
            grants[oldest] = at;
            oldest = (oldest + 1) % grants.length;
        } else {
            grants[(oldest + count) % grants.length] = at;
            count++;
        }
        lastGrant = at;
        return at;
    }

    /**
     * Tokens free right now: the permits minus the grants of the last window, counting slots already
     * reserved for waiting callers. 0 while callers queue; {@code limit().permits()} when idle.
     */
    public synchronized int available() {
        long now = scheduler.now(TimeUnit.MILLISECONDS);
        int inUse = 0;
        for (int i = 0; i < count; i++) {
            if (grants[(oldest + i) % grants.length] + windowMillis > now) {
                inUse++;
            }
        }
        return grants.length - inUse;
    }

    /** The bucket's name (for logs). */
    public String name() {
        return name;
    }

    /** The limit this bucket enforces. */
    public RateLimit limit() {
        return limit;
    }
}
