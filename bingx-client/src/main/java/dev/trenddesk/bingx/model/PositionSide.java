package dev.trenddesk.bingx.model;

/**
 * The position an order applies to. Hedge mode: open long BUY+LONG, close long SELL+LONG, open short
 * SELL+SHORT, close short BUY+SHORT. One-way mode: always BOTH.
 */
public enum PositionSide {
    LONG,
    SHORT,
    BOTH
}
