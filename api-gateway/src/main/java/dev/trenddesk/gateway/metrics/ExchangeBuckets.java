package dev.trenddesk.gateway.metrics;

import java.util.Map;

/**
 * The levels of the BingX client's rate-limit buckets by group ({@code ip:market}, {@code key:ORDER}, ...),
 * as ExchangeConfiguration reads them from the client's RateLimiterRegistry: for each group the emptiest
 * bucket. No API key is ever part of a group's name.
 */
@FunctionalInterface
public interface ExchangeBuckets {

    /**
     * One group's level.
     *
     * @param available free tokens of the group's emptiest bucket
     * @param permits   that bucket's permits per window
     */
    record Level(int available, int permits) {}

    Map<String, Level> levels();
}
