package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.api.trading.TradingQueries.ReadExchangeBalance;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers questions that need the trader's BingX account (the gateway has no credentials). */
@Component
public class TradingQueryHandlers {

    private final ExchangeAccess exchange;

    public TradingQueryHandlers(ExchangeAccess exchange) {
        this.exchange = exchange;
    }

    /** The balance, or null when the user has no verified credentials; other failures propagate (→ 409 upstream). */
    @QueryHandler
    public ExchangeBalance handle(ReadExchangeBalance query) {
        try {
            return exchange.readBalance(query.userId());
        } catch (ExchangeAccess.ExchangeUnavailable e) {
            if (e.isNoCredentials()) {
                return null;
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
