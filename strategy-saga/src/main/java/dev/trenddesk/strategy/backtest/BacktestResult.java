package dev.trenddesk.strategy.backtest;

import java.util.List;

/** Everything a backtest produced: per-candle rows, trades and the summary. */
public record BacktestResult(List<BacktestCandle> candles, List<BacktestTrade> trades, BacktestSummary summary) {

    public BacktestResult {
        candles = List.copyOf(candles);
        trades = List.copyOf(trades);
    }
}
