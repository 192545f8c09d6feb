package dev.trenddesk.api.trading;

/** Why a trading session stopped. */
public enum StopReason {
    /** The trader (or an admin for them) stopped the bot. */
    REQUESTED,
    /** Equity fell maxDrawdown % below its peak: everything was closed. */
    MAX_DRAWDOWN
}
