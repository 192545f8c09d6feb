package dev.trenddesk.strategy.exchange.bingx;

import dev.trenddesk.bingx.ApiCredentials;
import dev.trenddesk.bingx.BingxClientFactory;
import dev.trenddesk.strategy.exchange.Exchange;
import dev.trenddesk.strategy.exchange.ExchangeKey;
import dev.trenddesk.strategy.exchange.MarketData;
import dev.trenddesk.strategy.exchange.TradingConnection;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** BingX USDT-M perpetual futures as the platform's {@link Exchange}, over the process's one client factory. */
@Component
public class BingxExchange implements Exchange {

    public static final String NAME = "BINGX";

    private final BingxClientFactory factory;

    public BingxExchange(BingxClientFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "BingX";
    }

    @Override
    public MarketData marketData() {
        return new BingxMarketData(factory.publicClient());
    }

    @Override
    public TradingConnection connect(ExchangeKey key) {
        return new BingxConnection(factory.client(new ApiCredentials(key.apiKey(), key.secretKey())));
    }
}
