package dev.trenddesk.api.common;

/** BingX position mode: hedge (separate LONG and SHORT positions) or one-way (BOTH). */
public enum PositionMode {
    HEDGE,
    ONE_WAY
}
