package dev.trenddesk.bingx;

import dev.trenddesk.bingx.model.Candle;
import dev.trenddesk.bingx.model.Contract;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * BingX market data, without an API key: server time, contracts, klines over REST, and closed
 * candles over the WebSocket. Counted against the per-IP market-data limit. Get it from
 * {@link BingxClientFactory#publicClient()}.
 */
public final class BingxPublicClient {

    /** BingX's maximum klines per request. */
    public static final int MAX_KLINES = 1440;

    private final RestTransport transport;
    private final KlineStreamHub streams;

    BingxPublicClient(RestTransport transport, HttpClient websockets) {
        this.transport = transport;
        this.streams = new KlineStreamHub(
                websockets,
                transport.config(),
                (symbol, interval) -> (from, to) -> backfill(symbol, interval, from, to));
    }

    /** The exchange's clock. */
    public Mono<Instant> serverTime() {
        return transport.publicGet(
                "/openApi/swap/v2/server/time",
                Map.of(),
                data -> Instant.ofEpochMilli(BingxJson.lng(data, "serverTime")));
    }

    /** Every perpetual contract with its precision, minimums and fees. */
    public Mono<List<Contract>> contracts() {
        return transport.publicGet(
                "/openApi/swap/v2/quote/contracts", Map.of(), data -> BingxJson.list(data, BingxJson::contract));
    }

    /**
     * Klines, oldest first.
     *
     * @param interval  1m, 5m, 1h, ...
     * @param startTime first open time wanted, or null
     * @param endTime   last open time wanted, or null
     * @param limit     at most this many (≤ 1440), or null for the exchange default (500)
     */
    public Mono<List<Candle>> klines(
            String symbol, String interval, Instant startTime, Instant endTime, Integer limit) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol);
        params.put("interval", interval);
        if (startTime != null) {
            params.put("startTime", Long.toString(startTime.toEpochMilli()));
        }
        if (endTime != null) {
            params.put("endTime", Long.toString(endTime.toEpochMilli()));
        }
        if (limit != null) {
            params.put("limit", Integer.toString(Math.min(limit, MAX_KLINES)));
        }
        return transport.publicGet(
                "/openApi/swap/v3/quote/klines",
                params,
                data -> BingxJson.list(data, n -> BingxJson.restCandle(symbol, interval, n)).stream()
                        .sorted(Comparator.comparing(Candle::openTime))
                        .toList());
    }

    /**
     * Closed candles of (symbol, interval), in order, from the moment of subscription: a candle is
     * emitted once the next one has started. Gaps after reconnects are filled from REST klines, so
     * none is missed or doubled. Each subscription opens a BingX subscription; cancelling closes it.
     */
    public Flux<Candle> closedCandles(String symbol, String interval) {
        return streams.closedCandles(symbol, interval);
    }

    /** Closes the market-data WebSocket. */
    void close() {
        streams.close();
    }

    /** Closed candles with open time in [from, to], for filling stream gaps. */
    Flux<Candle> backfill(String symbol, String interval, Instant from, Instant to) {
        return klines(symbol, interval, from, to, MAX_KLINES).flatMapMany(Flux::fromIterable);
    }
}
