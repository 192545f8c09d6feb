package dev.trenddesk.strategy.feed;

import dev.trenddesk.api.common.Timeframe;

/**
 * Reference-counted market data subscriptions: the first holder of (symbol, timeframe) opens the
 * one BingX kline stream for the whole platform, the last release closes it. Holders are durable
 * (kept in the database), so counts survive restarts and are shared by every node; both calls are
 * idempotent per holder.
 */
public interface MarketSubscriptions {

    /** {@code holder} (e.g. a trading session id) needs closed candles of this symbol and timeframe. */
    void acquire(String holder, String symbol, Timeframe timeframe);

    /** {@code holder} no longer needs them. */
    void release(String holder, String symbol, Timeframe timeframe);
}
