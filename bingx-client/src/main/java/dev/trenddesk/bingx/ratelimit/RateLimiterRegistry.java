package dev.trenddesk.bingx.ratelimit;

import java.util.Map;
import java.util.TreeMap;
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

    /**
     * The level of each group of buckets: for a group, the bucket with the fewest free tokens. A
     * bucket's group is its name without the identity part, so per-key buckets of every API key form
     * one group and no key leaves this class: {@code key:<apiKey>:ORDER} is in group {@code key:ORDER},
     * {@code ip:<baseUrl>:market} in {@code ip:market}.
     */
    public Map<String, Level> levels() {
        Map<String, Level> out = new TreeMap<>();
        buckets.forEach((name, bucket) -> {
            Level level = new Level(bucket.available(), bucket.limit().permits(), 1);
            out.merge(group(name), level, Level::lowest);
        });
        return out;
    }

    /** The group of a bucket name {@code scope:identity:category}: {@code scope:category}. */
    static String group(String name) {
        int first = name.indexOf(':');
        int last = name.lastIndexOf(':');
        return first < 0 || first == last ? name : name.substring(0, first) + name.substring(last);
    }

    /**
     * A group's level.
     *
     * @param available free tokens of the group's emptiest bucket
     * @param permits   that bucket's permits per window
     * @param buckets   buckets in the group
     */
    public record Level(int available, int permits, int buckets) {

        /** Free tokens as a share of the permits, 0..1. */
        public double headroom() {
            return (double) available / permits;
        }

        Level lowest(Level other) {
            Level low = other.headroom() < headroom() ? other : this;
            return new Level(low.available, low.permits, buckets + other.buckets);
        }
    }

    /** The bucket called {@code name}, created with {@code limit} on first use. */
    public TokenBucket bucket(String name, RateLimit limit) {
        return buckets.computeIfAbsent(name, n -> new TokenBucket(n, limit, scheduler));
    }
}
