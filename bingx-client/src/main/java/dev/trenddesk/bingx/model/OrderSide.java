package dev.trenddesk.bingx.model;

/** Buy or sell. */
public enum OrderSide {
    BUY,
    SELL
}
