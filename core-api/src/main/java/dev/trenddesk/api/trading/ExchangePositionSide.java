package dev.trenddesk.api.trading;

/** BingX's positionSide of an order: LONG or SHORT in hedge mode, BOTH in one-way mode. */
public enum ExchangePositionSide {
    LONG,
    SHORT,
    BOTH
}
