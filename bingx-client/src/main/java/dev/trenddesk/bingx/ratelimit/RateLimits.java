package dev.trenddesk.bingx.ratelimit;

import java.time.Duration;

/**
 * The limits the client keeps to. Per API key: order placement, queries (cancel, query, open orders,
 * account reads) and leverage / margin type / position mode changes. Per egress IP, shared by every
 * user of this JVM: market data and account endpoints.
 */
public record RateLimits(
        RateLimit orders, RateLimit queries, RateLimit leverage, RateLimit marketDataPerIp, RateLimit accountPerIp) {

    /** BingX's documented limits: 10/s, 5/s, 2/s per key; 500/10 s and 2,000/10 s per IP. */
    public static RateLimits bingxDefaults() {
        return new RateLimits(
                RateLimit.perSecond(10),
                RateLimit.perSecond(5),
                RateLimit.perSecond(2),
                new RateLimit(500, Duration.ofSeconds(10)),
                new RateLimit(2_000, Duration.ofSeconds(10)));
    }
}
