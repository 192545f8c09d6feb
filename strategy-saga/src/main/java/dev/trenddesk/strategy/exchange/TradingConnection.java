package dev.trenddesk.strategy.exchange;

/** Everything the platform does with one trader's key at one exchange. */
public interface TradingConnection extends AccountApi, OrderApi, UserStream, KeyVerification {}
