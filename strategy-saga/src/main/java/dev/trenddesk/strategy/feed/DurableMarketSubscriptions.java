package dev.trenddesk.strategy.feed;

import dev.trenddesk.api.common.Timeframe;
import java.util.Objects;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link MarketSubscriptions} on the durable holder table: acquire and release only write the holder
 * row (idempotently, inside the caller's transaction when there is one); the {@link MarketFeed}'s
 * watcher opens or closes the stream. The local watcher is woken once the change is committed, other
 * nodes see it at their next tick.
 */
public class DurableMarketSubscriptions implements MarketSubscriptions {

    private final SubscriptionHolders holders;
    private final MarketFeed feed;

    public DurableMarketSubscriptions(SubscriptionHolders holders, MarketFeed feed) {
        this.holders = Objects.requireNonNull(holders, "holders");
        this.feed = Objects.requireNonNull(feed, "feed");
    }

    @Override
    public void acquire(String holder, String symbol, Timeframe timeframe) {
        if (holders.add(holder, new StreamKey(symbol, timeframe))) {
            wakeAfterCommit();
        }
    }

    @Override
    public void release(String holder, String symbol, Timeframe timeframe) {
        if (holders.remove(holder, new StreamKey(symbol, timeframe))) {
            wakeAfterCommit();
        }
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    feed.wake();
                }
            });
        } else {
            feed.wake();
        }
    }
}
