package dev.trenddesk.api.trading;

/** Direction of a signal or a position. */
public enum Direction {
    LONG,
    SHORT;

    /** +1 for long, −1 for short: the sign of the PnL of a price rise. */
    public int sign() {
        return this == LONG ? 1 : -1;
    }

    public Direction opposite() {
        return this == LONG ? SHORT : LONG;
    }
}
