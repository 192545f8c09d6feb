package dev.trenddesk.strategy.backtest;

import dev.trenddesk.strategy.decision.Decision;
import java.math.BigDecimal;

/**
 * One candle of the backtest: the strategy's decision at its close (which carries the candle and its
 * indicator values) and the account after it.
 *
 * @param decision   the strategy's decision at the candle's close
 * @param equity     balance plus unrealised PnL at the candle's close, exact
 * @param inPosition whether a position was open at any moment of the candle
 */
public record BacktestCandle(Decision decision, BigDecimal equity, boolean inPosition) {}
