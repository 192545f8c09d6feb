package dev.trenddesk.strategy.exchange;

/** Where an order stands at the exchange. */
public enum OrderState {
    /** Accepted, not (completely) filled yet; also an acknowledgement that says nothing more. */
    NEW,
    PARTIALLY_FILLED,
    FILLED,
    CANCELED,
    EXPIRED,
    OTHER
}
