package dev.trenddesk.strategy.backtest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trenddesk.api.market.IndicatorKeys;
import dev.trenddesk.strategy.decision.Decision;
import dev.trenddesk.strategy.decision.DecisionKind;
import dev.trenddesk.strategy.indicator.Candle;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a backtest's files: {@code candles.csv}, {@code trades.csv}, {@code summary.txt} and
 * {@code summary.json}. Output is deterministic: fixed number formats (plain decimals, money 4 decimals,
 * indicators 8, percentages 2), ISO-8601 UTC times, '\n' line ends, UTF-8, no wall clock.
 */
public final class BacktestReportWriter {

    static final String CANDLES_HEADER = "time,open,high,low,close,volume,adx,plus_di,minus_di,atr,confidence,signal,"
            + "action,skip_reason,equity,ema9,ema21,ema50,ema100,ema200";
    static final String TRADES_HEADER = "trade,side,entry_time,entry_price,exit_time,exit_price,quantity,stop_loss,"
            + "take_profit,gross_pnl,fees,net_pnl,exit_reason,funding";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private BacktestReportWriter() {}

    /** Writes the four files into {@code dir} (created when missing), replacing earlier ones. */
    public static void write(BacktestResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("candles.csv"), candlesCsv(result), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("trades.csv"), tradesCsv(result), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("summary.txt"), summaryText(result.summary()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("summary.json"), summaryJson(result.summary()), StandardCharsets.UTF_8);
    }

    static String candlesCsv(BacktestResult result) {
        StringBuilder out = new StringBuilder(CANDLES_HEADER).append('\n');
        for (BacktestCandle row : result.candles()) {
            Decision decision = row.decision();
            Candle candle = decision.indicators().candle();
            out.append(candle.openTime())
                    .append(',')
                    .append(candle.open().toPlainString())
                    .append(',')
                    .append(candle.high().toPlainString())
                    .append(',')
                    .append(candle.low().toPlainString())
                    .append(',')
                    .append(candle.close().toPlainString())
                    .append(',')
                    .append(candle.volume().toPlainString())
                    .append(',')
                    .append(plain(decision.indicators().adx()))
                    .append(',')
                    .append(plain(decision.indicators().plusDi()))
                    .append(',')
                    .append(plain(decision.indicators().minusDi()))
                    .append(',')
                    .append(plain(decision.indicators().atr()))
                    .append(',')
                    .append(plain(decision.confidence()))
                    .append(',')
                    .append(decision.signal() == null ? "" : decision.signal().name())
                    .append(',')
                    .append(decision.kind().name())
                    .append(',')
                    .append(
                            decision.kind() == DecisionKind.SKIP
                                    ? decision.reasonCode().name()
                                    : "")
                    .append(',')
                    .append(money(row.equity()));
            for (int period : IndicatorKeys.EMA_PERIODS) {
                out.append(',').append(plain(decision.indicators().ema(period)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String tradesCsv(BacktestResult result) {
        StringBuilder out = new StringBuilder(TRADES_HEADER).append('\n');
        for (BacktestTrade trade : result.trades()) {
            out.append(trade.number())
                    .append(',')
                    .append(trade.side().name())
                    .append(',')
                    .append(trade.entryTime())
                    .append(',')
                    .append(trade.entryPrice().toPlainString())
                    .append(',')
                    .append(trade.exitTime())
                    .append(',')
                    .append(trade.exitPrice().toPlainString())
                    .append(',')
                    .append(trade.quantity().toPlainString())
                    .append(',')
                    .append(trade.stopLoss().toPlainString())
                    .append(',')
                    .append(trade.takeProfit().toPlainString())
                    .append(',')
                    .append(money(trade.grossPnl()))
                    .append(',')
                    .append(money(trade.fees()))
                    .append(',')
                    .append(money(trade.netPnl()))
                    .append(',')
                    .append(trade.exitReason())
                    .append(',')
                    .append(money(trade.funding()))
                    .append('\n');
        }
        return out.toString();
    }

    /** The summary as "name: value" lines, also what the command line prints. */
    public static String summaryText(BacktestSummary summary) {
        StringBuilder out = new StringBuilder();
        summaryFields(summary).forEach((name, value) -> out.append(name)
                .append(": ")
                .append(value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value))
                .append('\n'));
        return out.toString();
    }

    static String summaryJson(BacktestSummary summary) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return JSON.writer(printer).writeValueAsString(summaryFields(summary)) + "\n";
    }

    private static Map<String, Object> summaryFields(BacktestSummary summary) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("candles", summary.candles());
        fields.put("signals", summary.signals());
        fields.put("trades", summary.trades());
        fields.put("wins", summary.wins());
        fields.put("losses", summary.losses());
        fields.put("winRatePct", summary.winRatePct());
        fields.put("totalPnl", summary.totalPnl());
        fields.put("fees", summary.fees());
        fields.put("initialEquity", summary.initialEquity());
        fields.put("finalEquity", summary.finalEquity());
        fields.put("maxDrawdownPct", summary.maxDrawdownPct());
        fields.put("exposurePct", summary.exposurePct());
        fields.put(
                "stoppedAt",
                summary.stoppedAt() == null ? null : summary.stoppedAt().toString());
        fields.put("funding", summary.funding());
        fields.put("liquidations", summary.liquidations());
        return fields;
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String money(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }
}
