package dev.trenddesk.api.trading;

/** Why a position was closed. */
public enum ExitReason {
    /** The attached stop-loss triggered at the exchange. */
    STOP_LOSS,
    /** The attached take-profit triggered at the exchange. */
    TAKE_PROFIT,
    /** The strategy exited (trend faded or DIs crossed against the position). */
    STRATEGY_EXIT,
    /** A risk limit (max drawdown) closed it. */
    RISK,
    /** A person closed it (stop with flatten, or outside TrendDesk). */
    MANUAL
}
