package dev.trenddesk.api.trading;

/** Buy or sell, as sent to BingX. */
public enum OrderSide {
    BUY,
    SELL
}
