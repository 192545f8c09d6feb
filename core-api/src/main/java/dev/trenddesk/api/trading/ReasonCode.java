package dev.trenddesk.api.trading;

/**
 * Why a candle was decided as it was: the strategy's reasons (a decision carries one or more) and the
 * reasons the trading saga skips a candle before or after the strategy decides. A skipped candle's
 * {@link TradingSessionEvent.SignalSkipped} stores the code by its name, so a name never changes.
 */
public enum ReasonCode {
    /** Entry: the strategy's entry rule holds (ADX: trend, direction and confidence; EMA: a cross). */
    SIGNAL,
    /** Hold: a position is open and no exit condition holds. */
    POSITION_KEPT,
    /** Exit: ADX fell below threshold − 5. */
    TREND_FADED,
    /** Exit: the DIs crossed against the position. */
    DI_CROSS,
    /** Exit (EMA_CROSS): EMA(emaFast) crossed EMA(emaSlow) against the position on this candle. */
    EMA_CROSS,
    /** Skip (EMA_CROSS): EMA(emaFast) did not cross EMA(emaSlow) on this candle. */
    NO_CROSS,
    /** Close all and stop: equity fell maxDrawdown % below its peak. */
    MAX_DRAWDOWN,
    /** Skip: an indicator the strategy needs (ADX, a DI, ATR, an EMA) is not defined yet. */
    INDICATORS_NOT_READY,
    /** Skip: ADX is below the threshold. */
    NO_TREND,
    /** Skip: +DI equals −DI. */
    NO_DIRECTION,
    /** Skip: confidence is below signalConfidence. */
    LOW_CONFIDENCE,
    /** Skip: a position in the signal's direction is already open on the symbol. */
    ALREADY_IN_POSITION,
    /** Skip: maxPositions positions are already open. */
    MAX_POSITIONS,
    /** Skip: the UTC day's loss reached dailyLossLimit %. */
    DAILY_LOSS_LIMIT,
    /** Skip: the stop-loss or take-profit would be at the entry or at a price of zero or below. */
    INVALID_STOP,
    /** Skip: the risk-based quantity rounded down to the step is below the contract minimum. */
    BELOW_MIN_QUANTITY,
    /**
     * Skip: the quantity whose margin and taker fee fit the available balance (after the entries already
     * asked for) is below the contract's minimum quantity or order value.
     */
    INSUFFICIENT_MARGIN,
    /** Skip: quantity × entry price is below the contract's minimum order value. */
    BELOW_MIN_NOTIONAL,
    /** Skip (saga): an order on the candle's symbol is still pending at the exchange. */
    ORDER_PENDING,
    /** Skip (saga): an entry was decided while the bot is paused: no new positions. */
    PAUSED,
    /** Skip (saga): the exchange could not be asked, or the candle could not be settled with it. */
    EXCHANGE_UNAVAILABLE,
    /** Skip (saga): leverage and position mode are not set at the exchange yet. */
    ACCOUNT_NOT_PREPARED,
    /** Skip (saga): the exchange holds a position on the symbol that the bot did not open. */
    EXTERNAL_POSITION,
    /** Skip (saga): the exchange rejected this intent too often in a row; not sent again until resumed. */
    REJECTED_REPEATEDLY,
    /** Skip (saga): the exchange rejected this intent recently; waiting some candles before trying again. */
    REJECTION_BACKOFF,
    /** Skip (saga): the platform is in maintenance mode: no new positions (exits still run). */
    PLATFORM_MAINTENANCE,
    /** Skip (saga): the trader's subscription is past due: no new positions (exits still run, docs/plans.md). */
    SUBSCRIPTION_PAST_DUE
}
