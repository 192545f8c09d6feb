package dev.trenddesk.strategy.feed;

import dev.trenddesk.strategy.exchange.MarketData;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The market feed of one node: a watcher that keeps the streams this node publishes equal to the
 * streams that are wanted (every (symbol, timeframe) with a durable holder, plus the configured
 * always-on streams) and that this node holds the publisher lock of. Every {@code watchInterval},
 * and at once after a local acquire or release, it
 * <ul>
 *   <li>stops the streams nobody holds any more and gives their locks back (the last release closes);</li>
 *   <li>tries the lock of every wanted stream it does not publish, and starts it when it gets the lock
 *       (the first acquire opens; a dead node's streams are taken over on the next try);</li>
 *   <li>stops everything when its lock connection is lost (another node may be publishing now).</li>
 * </ul>
 * Only one node publishes a stream at a time; {@link CandlePublisher} ignores a candle published
 * twice anyway (e.g. in the moment a lost lock is noticed).
 *
 * <p>Every {@code watchInterval} it also hands each stream it publishes, with its newest candle, to a
 * {@link SilenceWatch}: a stream without a candle for three of its periods of market time (measured by
 * the newest candle of any stream here), and its return, go to the silence listener (alerts for the bots
 * that hold it).
 */
public class MarketFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MarketFeed.class);

    private final SubscriptionHolders holders;
    private final PublisherLocks locks;
    private final CandlePublisher publisher;
    private final Supplier<MarketData> exchange;
    private final FeedSettings settings;
    private final Map<StreamKey, CandleStream> streams = new TreeMap<>();
    private final SilenceWatch silence = new SilenceWatch();
    private final Consumer<SilenceWatch.Change> silenceListener;
    private ScheduledExecutorService watcher;

    /**
     * @param exchange market data of the process's exchange
     */
    public MarketFeed(
            SubscriptionHolders holders,
            PublisherLocks locks,
            CandlePublisher publisher,
            Supplier<MarketData> exchange,
            FeedSettings settings) {
        this(holders, locks, publisher, exchange, settings, change -> {});
    }

    /**
     * @param silenceListener told when a published stream falls silent or comes back (on the watcher thread)
     */
    MarketFeed(
            SubscriptionHolders holders,
            PublisherLocks locks,
            CandlePublisher publisher,
            Supplier<MarketData> exchange,
            FeedSettings settings,
            Consumer<SilenceWatch.Change> silenceListener) {
        this.silenceListener = Objects.requireNonNull(silenceListener, "silenceListener");
        this.holders = Objects.requireNonNull(holders, "holders");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public synchronized void start() {
        if (watcher != null) {
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "market-feed-watcher");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.watchInterval().toMillis();
        watcher.scheduleWithFixedDelay(this::reconcileQuietly, 0, every, TimeUnit.MILLISECONDS);
        watcher.scheduleWithFixedDelay(this::checkSilenceQuietly, every, every, TimeUnit.MILLISECONDS);
        log.info(
                "Market feed started: always-on {}, warm-up {} candles, watching every {}",
                settings.alwaysOn(),
                settings.warmupCandles(),
                settings.watchInterval());
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = watcher;
            watcher = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdownNow();
        try {
            stopping.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (streams) {
            streams.values().forEach(CandleStream::stop);
            streams.clear();
            locks.close();
        }
        log.info("Market feed stopped");
    }

    @Override
    public synchronized boolean isRunning() {
        return watcher != null;
    }

    /** Runs the watcher now (after a local acquire or release) instead of at its next tick. */
    public void wake() {
        ScheduledExecutorService current;
        synchronized (this) {
            current = watcher;
        }
        if (current != null) {
            try {
                current.execute(this::reconcileQuietly);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                log.debug("market feed is stopping; wake ignored");
            }
        }
    }

    /** The streams this node publishes now. */
    public Set<StreamKey> publishing() {
        synchronized (streams) {
            return new TreeSet<>(streams.keySet());
        }
    }

    /** Whether this node publishes the stream and its warm-up is done (it follows live candles). */
    public boolean ready(StreamKey key) {
        synchronized (streams) {
            CandleStream stream = streams.get(key);
            return stream != null && stream.ready();
        }
    }

    /** The streams wanted now: held by anyone, or always on. */
    public Set<StreamKey> wanted() {
        Set<StreamKey> wanted = new TreeSet<>(settings.alwaysOn());
        wanted.addAll(holders.wanted());
        return wanted;
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException | java.sql.SQLException e) {
            log.warn("Market feed watcher failed, retrying at the next tick: {}", e.toString());
            synchronized (streams) {
                if (!locks.healthy()) {
                    stopAll();
                }
            }
        }
    }

    /** One pass of the watcher. */
    void reconcile() throws java.sql.SQLException {
        synchronized (streams) {
            if (!locks.healthy()) {
                stopAll();
            }
            Set<StreamKey> wanted = wanted();
            for (StreamKey key : Set.copyOf(streams.keySet())) {
                if (!wanted.contains(key)) {
                    streams.remove(key).stop();
                    locks.unlock(key);
                    log.info("Market stream {} has no holder any more: closed", key);
                }
            }
            for (StreamKey key : wanted) {
                if (!streams.containsKey(key) && locks.tryLock(key)) {
                    CandleStream stream = new CandleStream(key, exchange.get(), publisher, settings);
                    streams.put(key, stream);
                    stream.start();
                }
            }
        }
    }

    private void checkSilenceQuietly() {
        try {
            checkSilence();
        } catch (RuntimeException e) {
            log.warn(
                    "Market feed could not check its streams for silence, retrying at the next tick: {}", e.toString());
        }
    }

    /**
     * One look for silent streams. Market time is the close of the newest candle any stream of this node
     * applied: the exchange's own clock is no measure (the simulator's server time is the wall clock while
     * its market runs ahead, or stands still between steps), candles are. Skipped until some stream has a
     * candle.
     */
    void checkSilence() {
        Map<StreamKey, Instant> newest = new HashMap<>();
        Instant marketNow = null;
        synchronized (streams) {
            for (Map.Entry<StreamKey, CandleStream> entry : streams.entrySet()) {
                Instant open = entry.getValue().newestCandle();
                newest.put(entry.getKey(), open);
                if (open != null) {
                    Instant close = open.plus(entry.getKey().timeframe().duration());
                    marketNow = marketNow == null || close.isAfter(marketNow) ? close : marketNow;
                }
            }
        }
        if (marketNow == null) {
            return;
        }
        for (SilenceWatch.Change change : silence.check(newest, marketNow)) {
            if (change.silent()) {
                log.warn(
                        "Market stream {} delivered no candle for {} periods (since {}, market time {})",
                        change.key(),
                        SilenceWatch.PERIODS,
                        change.since(),
                        change.marketNow());
            } else {
                log.info("Market stream {} delivers candles again (silent since {})", change.key(), change.since());
            }
            try {
                silenceListener.accept(change);
            } catch (RuntimeException e) {
                log.warn("Market stream {}: the silence alert could not be raised: {}", change.key(), e.toString());
            }
        }
    }

    private void stopAll() {
        if (!streams.isEmpty()) {
            log.warn("Market feed lost its publisher locks; stopping {} stream(s)", streams.size());
        }
        streams.values().forEach(CandleStream::stop);
        streams.clear();
    }
}
