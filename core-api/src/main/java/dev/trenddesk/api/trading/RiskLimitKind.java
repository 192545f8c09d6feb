package dev.trenddesk.api.trading;

/** The account-level risk limits of a session. */
public enum RiskLimitKind {
    /** The UTC day's loss reached dailyLossLimit %: no new position until the next UTC day. */
    DAILY_LOSS,
    /** Equity fell maxDrawdown % below its peak: close everything and stop. */
    MAX_DRAWDOWN
}
