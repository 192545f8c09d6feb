package dev.trenddesk.strategy.backtest;

/** A candle file, settings file or argument the backtester cannot use; the message says why. */
public class BacktestInputException extends RuntimeException {

    public BacktestInputException(String message) {
        super(message);
    }

    public BacktestInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
