package dev.trenddesk.bingx.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Holds the token buckets by name so every client in the JVM shares them: one bucket per
 * (API key, category) and one per (egress IP, category). The first request for a name decides the
 * bucket's limit.
 */
public final class RateLimiterRegistry {

    private static final RateLimiterRegistry SHARED = new RateLimiterRegistry(Schedulers.parallel());

    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Scheduler scheduler;

    /** A registry whose timers (and clock) come from {@code scheduler}; tests pass a virtual-time one. */
    public RateLimiterRegistry(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** The registry shared by every client of this JVM. */
    public static RateLimiterRegistry shared() {
        return SHARED;
    }

    /** The bucket called {@code name}, created with {@code limit} on first use. */
    public TokenBucket bucket(String name, RateLimit limit) {
        return buckets.computeIfAbsent(name, n -> new TokenBucket(n, limit, scheduler));
    }
}
