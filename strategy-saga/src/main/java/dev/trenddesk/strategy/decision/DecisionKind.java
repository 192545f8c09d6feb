package dev.trenddesk.strategy.decision;

/** What the strategy wants done after a closed candle. */
public enum DecisionKind {
    /** Open a long position with the decision's quantity, stop-loss and take-profit. */
    ENTER_LONG,
    /** Open a short position with the decision's quantity, stop-loss and take-profit. */
    ENTER_SHORT,
    /** Close the position held on the symbol. */
    EXIT,
    /** Keep the position held on the symbol. */
    HOLD,
    /** Open nothing; the reasons say why (with a signal side when a signal was refused). */
    SKIP,
    /** Close every position and stop the bot: the drawdown limit is reached. */
    CLOSE_ALL_AND_STOP
}
