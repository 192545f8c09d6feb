package dev.trenddesk.strategy.exchange;

import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An exchange's public market data (no key). Errors are {@link ExchangeException}s. */
public interface MarketData {

    /** The most klines one {@link #klines} request returns. */
    int maxKlines();

    /**
     * Klines of a symbol, oldest first; the last one may still be open.
     *
     * @param interval a timeframe code, e.g. "5m"
     * @param from     first open time, null for none
     * @param to       last open time, null for none
     * @param limit    at most this many, null for the exchange's default
     */
    Mono<List<MarketCandle>> klines(String symbol, String interval, Instant from, Instant to, Integer limit);

    /** Each candle once it has closed, live, for as long as subscribed. */
    Flux<MarketCandle> closedCandles(String symbol, String interval);

    /** The exchange's perpetual contracts. */
    Mono<List<ContractSpec>> contracts();
}
