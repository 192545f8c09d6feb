package dev.trenddesk.api.market;

import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.Timeframe;
import java.util.List;

/** Questions about the exchange's market data, answered by the saga role (which talks to the exchange). */
public final class MarketQueries {

    private MarketQueries() {}

    /**
     * Does the exchange serve klines of each symbol in this timeframe? Answered with a
     * {@link MarketDataCheck}; an exchange that cannot be asked counts as serving (never blocks a start).
     */
    public record CheckMarketData(List<String> symbols, Timeframe timeframe) {
        public CheckMarketData {
            symbols = List.copyOf(symbols);
        }
    }

    /**
     * The outcome of {@link CheckMarketData}.
     *
     * @param refused one entry per (symbol, timeframe) the exchange refused, naming the settings field at fault:
     *                {@code symbols} when the exchange has no such contract, {@code timeframe} otherwise; empty when
     *                every pair is served
     */
    public record MarketDataCheck(List<FieldViolation> refused) {
        public MarketDataCheck {
            refused = refused == null ? List.of() : List.copyOf(refused);
        }
    }
}
