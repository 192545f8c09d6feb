package dev.trenddesk.strategy.backtest;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The figures of a backtest. Money in USDT with 4 decimals, percentages with 2 (both half-even).
 *
 * @param candles        candles simulated
 * @param signals        candles on which an entry signal was generated (acted on or skipped)
 * @param trades         closed trades
 * @param wins           trades with a positive net PnL
 * @param losses         trades with a zero or negative net PnL
 * @param winRatePct     wins / trades × 100 (0 without trades)
 * @param totalPnl       sum of the trades' net PnL (after fees)
 * @param fees           sum of the fees paid
 * @param initialEquity  equity at the start
 * @param finalEquity    equity at the end
 * @param maxDrawdownPct largest fall of the close-to-close equity below its running peak, percent
 * @param exposurePct    share of candles with a position open, percent
 * @param stoppedAt      open time of the candle at whose close the drawdown limit stopped the bot, or null
 * @param funding        sum of the funding booked on the trades, signed (negative: paid); included in totalPnl
 * @param liquidations   trades closed by liquidation
 */
public record BacktestSummary(
        int candles,
        int signals,
        int trades,
        int wins,
        int losses,
        BigDecimal winRatePct,
        BigDecimal totalPnl,
        BigDecimal fees,
        BigDecimal initialEquity,
        BigDecimal finalEquity,
        BigDecimal maxDrawdownPct,
        BigDecimal exposurePct,
        Instant stoppedAt,
        BigDecimal funding,
        int liquidations) {}
