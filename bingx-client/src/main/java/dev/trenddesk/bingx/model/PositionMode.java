package dev.trenddesk.bingx.model;

/** Hedge mode (separate LONG and SHORT positions, BingX dualSidePosition=true) or one-way mode. */
public enum PositionMode {
    HEDGE,
    ONE_WAY
}
