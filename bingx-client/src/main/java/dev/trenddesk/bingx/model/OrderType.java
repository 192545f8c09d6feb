package dev.trenddesk.bingx.model;

/** The order types the client places. */
public enum OrderType {
    MARKET,
    LIMIT,
    STOP_MARKET,
    TAKE_PROFIT_MARKET
}
