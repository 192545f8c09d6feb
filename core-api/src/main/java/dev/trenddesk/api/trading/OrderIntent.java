package dev.trenddesk.api.trading;

/** What an order is for. */
public enum OrderIntent {
    /** Opens a position (entry, with stop-loss and take-profit attached). */
    OPEN,
    /** Closes a position (strategy exit, risk, manual flatten). */
    CLOSE
}
