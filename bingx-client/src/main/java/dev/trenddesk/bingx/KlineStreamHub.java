package dev.trenddesk.bingx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.bingx.model.Candle;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;

/**
 * The market-data WebSocket: one connection for every kline subscription of a factory. The
 * connection opens with the first subscriber and closes with the last; each (symbol, interval) is
 * subscribed at BingX once while anyone listens, and re-subscribed after every reconnect.
 */
final class KlineStreamHub implements ReconnectingWebSocket.Handler {

    private static final Logger log = LoggerFactory.getLogger(KlineStreamHub.class);

    private final HttpClient http;
    private final BingxClientConfig config;
    private final BiFunction<String, String, BiFunction<Instant, Instant, Flux<Candle>>> backfills;
    private final Map<String, List<Sinks.Many<CandleCloser.Signal>>> listeners = new HashMap<>();
    private ReconnectingWebSocket.Session session;
    private Disposable connection;

    /**
     * @param backfills for (symbol, interval), reads closed candles with open time in [from, to] from REST
     */
    KlineStreamHub(
            HttpClient http,
            BingxClientConfig config,
            BiFunction<String, String, BiFunction<Instant, Instant, Flux<Candle>>> backfills) {
        this.http = http;
        this.config = config;
        this.backfills = backfills;
    }

    /** Closed candles of (symbol, interval) from now on; subscribing opens the BingX subscription. */
    Flux<Candle> closedCandles(String symbol, String interval) {
        String dataType = symbol + "@kline_" + interval;
        return Flux.defer(() -> {
            Sinks.Many<CandleCloser.Signal> sink = Sinks.many().unicast().onBackpressureBuffer();
            CandleCloser closer = new CandleCloser(interval, backfills.apply(symbol, interval));
            add(dataType, sink);
            return sink.asFlux().concatMap(closer::onSignal).doFinally(signal -> remove(dataType, sink));
        });
    }

    private synchronized void add(String dataType, Sinks.Many<CandleCloser.Signal> sink) {
        List<Sinks.Many<CandleCloser.Signal>> forType =
                listeners.computeIfAbsent(dataType, k -> new CopyOnWriteArrayList<>());
        forType.add(sink);
        if (forType.size() == 1 && session != null) {
            session.send(request("sub", dataType));
        }
        if (connection == null) {
            connection = ReconnectingWebSocket.start(http, Mono.just(config.wsUrl()), config, "market", this);
        }
    }

    private synchronized void remove(String dataType, Sinks.Many<CandleCloser.Signal> sink) {
        List<Sinks.Many<CandleCloser.Signal>> forType = listeners.get(dataType);
        if (forType == null || !forType.remove(sink)) {
            return;
        }
        if (forType.isEmpty()) {
            listeners.remove(dataType);
            if (session != null) {
                session.send(request("unsub", dataType));
            }
        }
        if (listeners.isEmpty() && connection != null) {
            connection.dispose();
            connection = null;
            session = null;
        }
    }

    /** Closes the connection and completes every subscriber. */
    synchronized void close() {
        if (connection != null) {
            connection.dispose();
            connection = null;
            session = null;
        }
        // completing a subscriber runs its remove() on this thread: complete a copy, the map already empty
        List<Sinks.Many<CandleCloser.Signal>> all =
                listeners.values().stream().flatMap(List::stream).toList();
        listeners.clear();
        all.forEach(Sinks.Many::tryEmitComplete);
    }

    @Override
    public synchronized void onOpen(ReconnectingWebSocket.Session opened, boolean reconnect) {
        session = opened;
        listeners.keySet().forEach(dataType -> opened.send(request("sub", dataType)));
        if (reconnect) {
            listeners.values().forEach(list -> list.forEach(s -> s.tryEmitNext(new CandleCloser.Signal.Reconnected())));
        }
    }

    @Override
    public void onText(ReconnectingWebSocket.Session from, String text) {
        JsonNode msg = BingxJson.readTree(text);
        String dataType = BingxJson.str(msg, "dataType");
        if (dataType == null || !msg.has("data")) {
            if (msg.hasNonNull("code") && msg.get("code").asInt() != 0) {
                log.warn("BingX market stream refused a request: {}", text);
            }
            return;
        }
        List<Sinks.Many<CandleCloser.Signal>> forType;
        synchronized (this) {
            forType = listeners.get(dataType);
        }
        int at = dataType.indexOf("@kline_");
        if (forType == null || at < 0) {
            return;
        }
        String symbol = dataType.substring(0, at);
        String interval = dataType.substring(at + "@kline_".length());
        List<Candle> candles = BingxJson.list(msg.get("data"), n -> BingxJson.wsCandle(symbol, interval, n));
        CandleCloser.Signal update = new CandleCloser.Signal.Update(candles);
        forType.forEach(s -> s.tryEmitNext(update));
    }

    private static String request(String reqType, String dataType) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"reqType\":\"" + reqType + "\",\"dataType\":\"" + dataType
                + "\"}";
    }
}
