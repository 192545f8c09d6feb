package dev.trenddesk.strategy.backtest;

import dev.trenddesk.api.trading.Direction;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One round trip of the backtest, with exact (unrounded) money values in USDT.
 *
 * @param number     1-based trade number
 * @param side       long or short
 * @param entryTime  open time of the candle whose open filled the entry
 * @param entryPrice fill price of the entry
 * @param quantity   size in coin units
 * @param stopLoss   stop-loss price sent with the entry
 * @param takeProfit take-profit price sent with the entry
 * @param exitTime   open time of the candle in which the position was closed
 * @param exitPrice  fill price of the exit
 * @param exitReason STOP_LOSS, TAKE_PROFIT, END_OF_DATA, MAX_DRAWDOWN or the strategy exit's one reason (DI_CROSS, else TREND_FADED)
 * @param grossPnl   (exit − entry) × quantity, sign-adjusted for shorts
 * @param fees       taker fees of entry and exit (for a LIQUIDATION: the entry fee and the rest of the margin)
 * @param netPnl     gross PnL minus fees plus funding
 * @param funding    funding booked while the position was held, signed (negative when paid)
 */
public record BacktestTrade(
        int number,
        Direction side,
        Instant entryTime,
        BigDecimal entryPrice,
        BigDecimal quantity,
        BigDecimal stopLoss,
        BigDecimal takeProfit,
        Instant exitTime,
        BigDecimal exitPrice,
        String exitReason,
        BigDecimal grossPnl,
        BigDecimal fees,
        BigDecimal netPnl,
        BigDecimal funding) {

    /** A trade without funding. */
    public BacktestTrade(
            int number,
            Direction side,
            Instant entryTime,
            BigDecimal entryPrice,
            BigDecimal quantity,
            BigDecimal stopLoss,
            BigDecimal takeProfit,
            Instant exitTime,
            BigDecimal exitPrice,
            String exitReason,
            BigDecimal grossPnl,
            BigDecimal fees,
            BigDecimal netPnl) {
        this(
                number,
                side,
                entryTime,
                entryPrice,
                quantity,
                stopLoss,
                takeProfit,
                exitTime,
                exitPrice,
                exitReason,
                grossPnl,
                fees,
                netPnl,
                BigDecimal.ZERO);
    }
}
