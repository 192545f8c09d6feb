package dev.trenddesk.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * BingX's request-rate limits in fixed windows: per API key (orders 10/s, queries 5/s, leverage and
 * position mode 2/s) and per source IP (market data 500/10 s, account endpoints 2,000/10 s). A request
 * over a limit is answered HTTP 429; {@value #VIOLATIONS_BEFORE_BLOCK} violations within 10 s block
 * the key (or IP) for {@value #BLOCK_MILLIS} ms, answered with code 100410 and the unblock time.
 */
final class RateLimiter {

    static final int VIOLATIONS_BEFORE_BLOCK = 5;
    static final long BLOCK_MILLIS = 5_000;
    private static final long VIOLATION_WINDOW_MILLIS = 10_000;

    /** A limited group of endpoints. */
    enum Limit {
        ORDERS(10, 1_000),
        QUERIES(5, 1_000),
        SETTINGS(2, 1_000),
        MARKET_DATA(500, 10_000),
        ACCOUNT(2_000, 10_000);

        final int permits;
        final long windowMillis;

        Limit(int permits, long windowMillis) {
            this.permits = permits;
            this.windowMillis = windowMillis;
        }
    }

    /** Why a request was refused: over the limit (HTTP 429), or blocked until {@code unblockAt} (100410). */
    record Refusal(boolean blocked, long unblockAt) {}

    private final Map<String, long[]> windows = new HashMap<>();
    private final Map<String, Deque<Long>> violations = new HashMap<>();
    private final Map<String, Long> blockedUntil = new HashMap<>();

    /** Counts one request of {@code subject} (an API key or an IP) against {@code limit}. */
    synchronized Optional<Refusal> acquire(String subject, Limit limit, long now) {
        Optional<Refusal> blocked = blocked(subject, now);
        if (blocked.isPresent()) {
            return blocked;
        }
        long windowStart = now - Math.floorMod(now, limit.windowMillis);
        long[] window = windows.computeIfAbsent(subject + "/" + limit, k -> new long[] {windowStart, 0});
        if (window[0] != windowStart) {
            window[0] = windowStart;
            window[1] = 0;
        }
        if (++window[1] <= limit.permits) {
            return Optional.empty();
        }
        Deque<Long> recent = violations.computeIfAbsent(subject, k -> new ArrayDeque<>());
        recent.addLast(now);
        while (recent.peekFirst() < now - VIOLATION_WINDOW_MILLIS) {
            recent.removeFirst();
        }
        if (recent.size() >= VIOLATIONS_BEFORE_BLOCK) {
            recent.clear();
            block(subject, now + BLOCK_MILLIS);
            return Optional.of(new Refusal(true, now + BLOCK_MILLIS));
        }
        return Optional.of(new Refusal(false, 0));
    }

    /** The block in force for {@code subject}, if any. */
    synchronized Optional<Refusal> blocked(String subject, long now) {
        Long until = blockedUntil.get(subject);
        if (until == null) {
            return Optional.empty();
        }
        if (now >= until) {
            blockedUntil.remove(subject);
            return Optional.empty();
        }
        return Optional.of(new Refusal(true, until));
    }

    synchronized void block(String subject, long until) {
        blockedUntil.merge(subject, until, Math::max);
    }

    synchronized void reset() {
        windows.clear();
        violations.clear();
        blockedUntil.clear();
    }
}
