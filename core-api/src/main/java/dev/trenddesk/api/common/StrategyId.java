package dev.trenddesk.api.common;

/**
 * Which strategy a bot trades with (docs/strategies.md). Stored by its name in settings and events, so a
 * name never changes; adding a constant needs no event revision.
 */
public enum StrategyId {
    /** The ADX trend strategy: Wilder's ADX(14) and DI(14) give trend and direction (the default). */
    ADX_TREND,
    /** The EMA crossover: enter on the cross of EMA(emaFast) over EMA(emaSlow), stop at stopAtr × ATR(14). */
    EMA_CROSS
}
