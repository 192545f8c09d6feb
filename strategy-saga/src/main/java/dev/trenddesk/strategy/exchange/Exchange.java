package dev.trenddesk.strategy.exchange;

/**
 * One exchange the platform trades on: its market data and connections with traders' keys. The only place the
 * trading path meets an exchange; each exchange is a client module plus an adapter implementing this (see
 * docs/exchanges.md).
 */
public interface Exchange {

    /**
     * The exchange's name as credentials and sessions record it: the wire value of an {@code ExchangeName}, e.g.
     * "BINGX". {@link Exchanges} finds the adapter by it.
     */
    String name();

    /** The exchange's name for people (messages, alerts), e.g. "BingX". */
    String displayName();

    /** Public market data, shared by the whole process. */
    MarketData marketData();

    /** A connection that signs with this key (cheap: the adapter shares its transport). */
    TradingConnection connect(ExchangeKey key);
}
