package dev.trenddesk.api.trading;

/** Why a position was closed. */
public enum ExitReason {
    /** The attached stop-loss triggered at the exchange. */
    STOP_LOSS,
    /** The attached take-profit triggered at the exchange. */
    TAKE_PROFIT,
    /**
     * Deprecated: the strategy exited, without saying why. Written before exits carried the strategy's own
     * reason ({@link #DI_CROSS}, {@link #TREND_FADED}); kept so that stored events stay readable. New
     * closes never use it.
     */
    STRATEGY_EXIT,
    /** The strategy exited because the DIs crossed against the position (also when the trend faded too). */
    DI_CROSS,
    /** The strategy exited because ADX fell below threshold − 5 (the DIs did not cross). */
    TREND_FADED,
    /** The EMA crossover strategy exited because EMA(emaFast) crossed EMA(emaSlow) against the position. */
    EMA_CROSS,
    /** A risk limit (max drawdown) closed it. */
    RISK,
    /** A person closed it (stop with flatten, or outside TrendDesk). */
    MANUAL,
    /**
     * The exchange no longer had it (it refused to close it, or a poll found it gone, with nothing booked
     * that tells how it ended): the platform closed its record to match the exchange.
     */
    EXCHANGE_RECONCILED,
    /**
     * The exchange liquidated it: the price reached its liquidation price (an isolated position's margin fell
     * to the maintenance margin) and the exchange closed it with its own LIQUIDATION order, taking the margin.
     */
    LIQUIDATION
}
