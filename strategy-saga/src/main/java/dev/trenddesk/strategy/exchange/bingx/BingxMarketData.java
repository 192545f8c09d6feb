package dev.trenddesk.strategy.exchange.bingx;

import dev.trenddesk.bingx.BingxPublicClient;
import dev.trenddesk.bingx.model.Candle;
import dev.trenddesk.bingx.model.Contract;
import dev.trenddesk.strategy.exchange.ContractSpec;
import dev.trenddesk.strategy.exchange.MarketCandle;
import dev.trenddesk.strategy.exchange.MarketData;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link MarketData} over BingX's public client. */
public final class BingxMarketData implements MarketData {

    private final BingxPublicClient client;

    public BingxMarketData(BingxPublicClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public int maxKlines() {
        return BingxPublicClient.MAX_KLINES;
    }

    @Override
    public Mono<List<MarketCandle>> klines(String symbol, String interval, Instant from, Instant to, Integer limit) {
        return client.klines(symbol, interval, from, to, limit)
                .map(rows -> rows.stream().map(BingxMarketData::candle).toList())
                .onErrorMap(BingxErrors::translate);
    }

    @Override
    public Flux<MarketCandle> closedCandles(String symbol, String interval) {
        return client.closedCandles(symbol, interval)
                .map(BingxMarketData::candle)
                .onErrorMap(BingxErrors::translate);
    }

    @Override
    public Mono<List<ContractSpec>> contracts() {
        return client.contracts()
                .map(all -> all.stream().map(BingxMarketData::contract).toList())
                .onErrorMap(BingxErrors::translate);
    }

    static MarketCandle candle(Candle c) {
        return new MarketCandle(
                c.symbol(), c.interval(), c.openTime(), c.open(), c.high(), c.low(), c.close(), c.volume());
    }

    static ContractSpec contract(Contract c) {
        return new ContractSpec(
                c.symbol(),
                c.pricePrecision(),
                c.quantityPrecision(),
                c.tradeMinQuantity(),
                c.tradeMinUSDT(),
                c.takerFeeRate());
    }
}
