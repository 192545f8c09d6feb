package dev.trenddesk.gateway.web.backtest;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.gateway.web.Dtos.SettingsBody;
import dev.trenddesk.strategy.backtest.BacktestSummary;
import dev.trenddesk.strategy.backtest.BacktestTrade;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of {@code POST /api/me/backtest}; kept apart from the backtester's types. */
final class BacktestDtos {

    private BacktestDtos() {}

    /**
     * What to backtest: exactly one of {@code dataset} and {@code candles}.
     *
     * @param dataset  a shipped real data set: {@code ETH-USDT} (580 5m candles) or {@code BTC-USDT}
     *                 (Bitstamp trades folded into candles of the settings' timeframe)
     * @param candles  the content of a candle file: an OHLCV CSV ({@code time,open,high,low,close,volume}) or any
     *                 other format the backtest command reads; the whole request is limited to 64 KiB
     * @param symbol   label of posted candles (default: the first symbol of the settings); ignored for a data set
     * @param settings the settings to test; absent: your saved trading settings
     * @param equity   starting equity in USDT (default 10000)
     * @param contract contract rules for posted candles (default: price 2 decimals, step 0.01, minimum 0.01,
     *                 no minimum value); a data set uses its own
     */
    public record BacktestRequest(
            Dataset dataset,
            String candles,

            @Pattern(regexp = "^[A-Z0-9]{2,20}-USDT$", message = "must be a USDT perpetual symbol like BTC-USDT")
            String symbol,

            @Valid SettingsBody settings,

            @DecimalMin(value = "1", message = "must be at least 1 USDT")
            @DecimalMax(value = "1000000000", message = "must be at most 1000000000 USDT")
            BigDecimal equity,

            @Valid ContractBody contract) {}

    /** Contract rules of posted candles; absent fields take the defaults. */
    public record ContractBody(
            @Min(0) @Max(12) Integer pricePrecision,

            @DecimalMin(value = "0", inclusive = false, message = "must be positive")
            BigDecimal quantityStep,

            @DecimalMin(value = "0", message = "must not be negative")
            BigDecimal minQuantity,

            @DecimalMin(value = "0", message = "must not be negative")
            BigDecimal minNotional) {}

    /** The outcome: where the candles came from, the summary and every trade. */
    public record BacktestResponse(
            String symbol,
            Timeframe timeframe,
            String source,
            String format,
            Instant firstCandle,
            Instant lastCandle,
            SummaryBody summary,
            List<TradeBody> trades) {}

    /** The summary, money in USDT with 4 decimals, percentages with 2. */
    public record SummaryBody(
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
            int liquidations) {

        static SummaryBody of(BacktestSummary s) {
            return new SummaryBody(
                    s.candles(),
                    s.signals(),
                    s.trades(),
                    s.wins(),
                    s.losses(),
                    s.winRatePct(),
                    s.totalPnl(),
                    s.fees(),
                    s.initialEquity(),
                    s.finalEquity(),
                    s.maxDrawdownPct(),
                    s.exposurePct(),
                    s.stoppedAt(),
                    s.funding(),
                    s.liquidations());
        }
    }

    /** One round trip; times are candle open times (UTC), money in USDT with 4 decimals. */
    public record TradeBody(
            int number,
            Direction side,
            Instant entryTime,
            BigDecimal entryPrice,
            Instant exitTime,
            BigDecimal exitPrice,
            BigDecimal quantity,
            BigDecimal stopLoss,
            BigDecimal takeProfit,
            BigDecimal grossPnl,
            BigDecimal fees,
            BigDecimal netPnl,
            String exitReason,
            BigDecimal funding) {

        static TradeBody of(BacktestTrade t) {
            return new TradeBody(
                    t.number(),
                    t.side(),
                    t.entryTime(),
                    t.entryPrice(),
                    t.exitTime(),
                    t.exitPrice(),
                    t.quantity(),
                    t.stopLoss(),
                    t.takeProfit(),
                    money(t.grossPnl()),
                    money(t.fees()),
                    money(t.netPnl()),
                    t.exitReason(),
                    money(t.funding()));
        }

        private static BigDecimal money(BigDecimal value) {
            return value.setScale(4, RoundingMode.HALF_EVEN);
        }
    }
}
