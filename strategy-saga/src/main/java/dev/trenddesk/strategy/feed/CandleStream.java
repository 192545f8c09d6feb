package dev.trenddesk.strategy.feed;

import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.strategy.exchange.MarketCandle;
import dev.trenddesk.strategy.exchange.MarketData;
import dev.trenddesk.strategy.indicator.Candle;
import dev.trenddesk.strategy.indicator.IndicatorEngine;
import dev.trenddesk.strategy.indicator.IndicatorSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * This node's publication of one stream, while it holds the stream's publisher lock.
 *
 * <ol>
 *   <li>Warm-up: reads the newest {@code warmupCandles} closed candles over REST (the newest row of an
 *       unbounded klines request is the candle still open, so it is dropped), feeds them to a fresh
 *       {@link IndicatorEngine} and publishes those newer than the last candle any node published as
 *       {@code CandleClosed(live=false)} (history for charts), all in one transaction. When the stream
 *       was published before and at most {@link #RESUME_LIVE_CANDLES} candles closed since (a takeover
 *       after the publishing node died, a quick restart), those are published {@code live=true}: the
 *       bots decide on them, so a takeover costs no candle. After a longer outage they stay history.</li>
 *   <li>Live: subscribes to the exchange's closed candles (the client closes a candle when the next
 *       one starts and backfills its own reconnect gaps) and publishes each as {@code live=true}. A
 *       candle not newer than the last one applied is dropped; a jump of more than one period (candles
 *       that closed between the warm-up and the first push, or lost anyhow) is filled from REST first.
 *       So no candle is missed and none is applied twice; {@link CandlePublisher} makes a second
 *       publication of a candle impossible anyway.</li>
 *   <li>Failure (REST, WebSocket or database): everything starts again after a backoff with a new
 *       engine, from the last candle published.</li>
 * </ol>
 * Indicator state is this object's engine: one series per stream, never in a saga.
 */
final class CandleStream {

    private static final Logger log = LoggerFactory.getLogger(CandleStream.class);

    /**
     * Most candles missed since the last publication (by any node) that a warm-up still publishes live:
     * enough for a takeover (the dead holder's lock is free at once, the next watch takes it) even when a
     * candle closes every few seconds, few enough that bots never decide on a stale market.
     */
    static final int RESUME_LIVE_CANDLES = 3;

    private final StreamKey key;
    private final MarketData exchange;
    private final CandlePublisher publisher;
    private final FeedSettings settings;
    private final Duration period;
    private final Scheduler worker;
    private final AtomicReference<Instant> lastApplied = new AtomicReference<>();
    /** Open time of the newest candle any node published when this attempt started; null for none. */
    private final AtomicReference<Instant> publishedBefore = new AtomicReference<>();

    private final AtomicLong published = new AtomicLong();
    private volatile boolean ready;
    private Disposable subscription;

    CandleStream(StreamKey key, MarketData exchange, CandlePublisher publisher, FeedSettings settings) {
        this.key = Objects.requireNonNull(key, "key");
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.period = key.timeframe().duration();
        this.worker = Schedulers.newSingle("market-feed-" + key, true);
    }

    StreamKey key() {
        return key;
    }

    /** True once the warm-up is published and live candles are being followed. */
    boolean ready() {
        return ready;
    }

    /** Open time of the newest candle this attempt applied (warm-up or live); null before the first. */
    Instant newestCandle() {
        return lastApplied.get();
    }

    /** Candles this stream published (not counting those another node had published already). */
    long published() {
        return published.get();
    }

    synchronized void start() {
        if (subscription != null) {
            return;
        }
        subscription = Flux.defer(this::run)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, settings.retryBackoff())
                        .maxBackoff(settings.retryBackoff().multipliedBy(30))
                        .transientErrors(true)
                        .doBeforeRetry(signal -> {
                            ready = false;
                            log.warn(
                                    "Market stream {} failed ({}); starting again",
                                    key,
                                    signal.failure().toString());
                        }))
                .subscribe(candle -> {}, error -> log.error("Market stream {} stopped", key, error));
        log.info("Publishing market stream {}", key);
    }

    synchronized void stop() {
        ready = false;
        if (subscription != null) {
            subscription.dispose();
            subscription = null;
            log.info("Stopped publishing market stream {}", key);
        }
        worker.disposeGracefully()
                .subscribe(done -> {}, error -> log.debug("worker of {} did not stop cleanly", key, error));
    }

    /** One attempt: warm-up, then live candles until an error or cancellation. */
    private Flux<CandleClosed> run() {
        ready = false;
        IndicatorEngine engine = new IndicatorEngine();
        lastApplied.set(null);
        publishedBefore.set(null);
        return Mono.fromCallable(() -> publisher.lastPublished(key))
                .subscribeOn(worker)
                .doOnNext(resumeAfter -> publishedBefore.set(resumeAfter.orElse(null)))
                .flatMapMany(resumeAfter -> warmUp(engine, resumeAfter.orElse(null)))
                .concatWith(Flux.defer(() -> {
                    ready = true;
                    log.info("Market stream {} warmed up to {}; following live candles", key, lastApplied.get());
                    return exchange.closedCandles(key.symbol(), key.timeframe().code())
                            .concatMap(candle -> withGapFilled(candle)
                                    .publishOn(worker)
                                    .concatMap(c -> Mono.justOrEmpty(apply(engine, c, true))));
                }));
    }

    private Flux<CandleClosed> warmUp(IndicatorEngine engine, Instant resumeAfter) {
        return exchange.klines(key.symbol(), key.timeframe().code(), null, null, settings.warmupCandles() + 1)
                .publishOn(worker)
                .flatMapMany(rows -> {
                    List<MarketCandle> closed = rows.isEmpty() ? rows : rows.subList(0, rows.size() - 1);
                    if (closed.size() < settings.warmupCandles()) {
                        log.warn(
                                "Market stream {}: the exchange has only {} closed candles (wanted {})",
                                key,
                                closed.size(),
                                settings.warmupCandles());
                    }
                    if (resumeAfter != null
                            && !closed.isEmpty()
                            && closed.getLast().openTime().isBefore(resumeAfter)) {
                        log.warn(
                                "Market stream {}: the exchange's newest closed candle ({}) is older than the last one "
                                        + "published ({}), e.g. a restarted simulator; publishing resumes after {}",
                                key,
                                closed.getLast().openTime(),
                                resumeAfter,
                                resumeAfter);
                    }
                    // only candles newer than resumeAfter are published (next), so resuming live covers exactly
                    // the ones missed since the last publication
                    boolean resumeLive = resumeAfter != null
                            && !closed.isEmpty()
                            && !closed.getLast()
                                    .openTime()
                                    .isAfter(resumeAfter.plus(period.multipliedBy(RESUME_LIVE_CANDLES)));
                    List<CandleClosed> history = new ArrayList<>(closed.size());
                    for (MarketCandle row : closed) {
                        CandleClosed event = next(engine, row, resumeLive);
                        if (event != null) {
                            history.add(event);
                        }
                    }
                    List<CandleClosed> stored = publisher.publishAll(history);
                    published.addAndGet(stored.size());
                    return Flux.fromIterable(stored);
                });
    }

    /** The candle, preceded by any candles missing between the last one applied and it, from REST. */
    private Flux<MarketCandle> withGapFilled(MarketCandle candle) {
        Instant last = lastApplied.get();
        if (last == null || !candle.openTime().isAfter(last.plus(period))) {
            return Flux.just(candle);
        }
        Instant from = last.plus(period);
        Instant to = candle.openTime().minusMillis(1);
        log.info("Market stream {}: filling the gap {} .. {} from REST", key, from, to);
        return exchange.klines(key.symbol(), key.timeframe().code(), from, to, exchange.maxKlines())
                .flatMapMany(Flux::fromIterable)
                .filter(c -> c.openTime().isAfter(last) && c.openTime().isBefore(candle.openTime()))
                .concatWith(Mono.just(candle));
    }

    /**
     * Applies one closed candle to the engine and publishes it; returns the event when this call
     * published it.
     */
    private CandleClosed apply(IndicatorEngine engine, MarketCandle row, boolean live) {
        CandleClosed event = next(engine, row, live);
        if (event == null || !publisher.publish(event)) {
            return null;
        }
        published.incrementAndGet();
        return event;
    }

    /**
     * Applies one closed candle to the engine; returns the event to publish, or null when there is
     * none: candles not newer than the last one applied are dropped, and candles up to the last one
     * published before this attempt feed the engine but are not published again.
     */
    private CandleClosed next(IndicatorEngine engine, MarketCandle row, boolean live) {
        Instant last = lastApplied.get();
        if (last != null && !row.openTime().isAfter(last)) {
            return null;
        }
        Candle candle;
        try {
            candle = new Candle(row.openTime(), row.open(), row.high(), row.low(), row.close(), row.volume());
        } catch (IllegalArgumentException | NullPointerException malformed) {
            log.warn("Market stream {}: dropping a malformed candle {}: {}", key, row, malformed.getMessage());
            return null;
        }
        IndicatorSnapshot snapshot =
                engine.onClosedCandle(key.symbol(), key.timeframe(), candle).orElse(null);
        lastApplied.set(row.openTime());
        Instant skipUpTo = publishedBefore.get();
        if (snapshot == null || skipUpTo != null && !row.openTime().isAfter(skipUpTo)) {
            return null;
        }
        return new CandleClosed(
                key.symbol(),
                key.timeframe(),
                candle.openTime(),
                candle.open(),
                candle.high(),
                candle.low(),
                candle.close(),
                candle.volume(),
                snapshot.values(),
                live);
    }
}
