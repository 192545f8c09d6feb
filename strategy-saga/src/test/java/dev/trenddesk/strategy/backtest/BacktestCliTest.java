package dev.trenddesk.strategy.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.strategy.indicator.RealCandles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCliTest {

    private static final List<String> FILES = List.of("candles.csv", "trades.csv", "summary.txt", "summary.json");

    @TempDir
    Path dir;

    private Path candles;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeCandles() throws IOException {
        candles = dir.resolve("eth.json");
        Files.writeString(candles, RealCandles.text(RealCandles.ETH_5M));
    }

    private int run(String... args) {
        return BacktestCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheFourFilesAndPrintsTheSummaryAndLineCount() throws IOException {
        Path target = dir.resolve("out");

        int code = run("backtest", "--candles", candles.toString(), "--out", target.toString(), "--symbol", "ETH-USDT");

        assertThat(code).isZero();
        assertThat(err()).isEmpty();
        assertThat(out())
                .contains(
                        "backtest ETH-USDT 5m: 580 candles read (TA4J_JSON)",
                        "trades: ",
                        "winRatePct: ",
                        "maxDrawdownPct: ",
                        "candles.csv: 580 candle lines");
        for (String file : FILES) {
            assertThat(target.resolve(file)).isRegularFile();
        }
        List<String> candleLines = Files.readAllLines(target.resolve("candles.csv"));
        assertThat(candleLines).hasSize(581);
        assertThat(candleLines.get(0)).isEqualTo(BacktestReportWriter.CANDLES_HEADER);
        assertThat(candleLines.get(204))
                .startsWith("2023-03-14T10:55:00Z,1684.65,1691.65,1683.78,1689.6,519.511,"
                        + "26.71148579,32.89441290,9.35159354,3.80060364,62.74,LONG,ENTER_LONG,,10000.0000,");
        // the EMA columns, last: TA-Lib's EMA(9, 21, 50, 100, 200) at that candle, with 8 decimals
        String[] cells = candleLines.get(204).split(",", -1);
        assertThat(cells).hasSize(20);
        List<dev.trenddesk.strategy.indicator.Candle> eth = RealCandles.eth5m();
        int[] periods = {9, 21, 50, 100, 200};
        for (int p = 0; p < periods.length; p++) {
            double reference = dev.trenddesk.strategy.indicator.TaLibEmaReference.ema(eth, periods[p])[203];
            assertThat(Double.parseDouble(cells[15 + p]))
                    .as("EMA(%d)", periods[p])
                    .isCloseTo(reference, org.assertj.core.data.Offset.offset(1e-8));
        }
        assertThat(candleLines.get(1).split(",", -1))
                .as("no EMA defined on the first candle")
                .endsWith("", "", "", "", "");
        List<String> tradeLines = Files.readAllLines(target.resolve("trades.csv"));
        assertThat(tradeLines.get(0)).isEqualTo(BacktestReportWriter.TRADES_HEADER);
        assertThat(tradeLines.get(1))
                .isEqualTo("1,LONG,2023-03-14T11:00:00Z,1689.64,2023-03-14T12:30:00Z,1681.99,26.28,"
                        + "1681.99,1704.82,-201.0420,44.3032,-245.3452,STOP_LOSS,0.0000");
        assertThat(Files.readString(target.resolve("summary.json"))).startsWith("{\n  \"candles\" : 580,\n");
        assertThat(Files.readString(target.resolve("summary.txt"))).contains("candles: 580\n");
    }

    @Test
    void producesByteIdenticalOutputForTheSameInput() throws IOException {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");

        assertThat(run("--candles", candles.toString(), "--out", first.toString()))
                .isZero();
        assertThat(run("--candles", candles.toString(), "--out", second.toString()))
                .isZero();

        for (String file : FILES) {
            assertThat(Files.readAllBytes(second.resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
    }

    @Test
    void appliesTheSettingsFileAndContractOptions() throws IOException {
        Path settings = dir.resolve("settings.json");
        Files.writeString(settings, "{\"adxThreshold\": 40, \"symbols\": [\"ETH-USDT\"]}");
        Path target = dir.resolve("strict");

        int code = run(
                "--candles",
                candles.toString(),
                "--settings",
                settings.toString(),
                "--out",
                target.toString(),
                "--equity",
                "1000",
                "--step",
                "0.1",
                "--min-qty",
                "0.1",
                "--price-precision",
                "1");

        assertThat(code).isZero();
        assertThat(out()).contains("backtest ETH-USDT 5m").contains("initialEquity: 1000.0000");
        List<String> trades = Files.readAllLines(target.resolve("trades.csv"));
        assertThat(trades.subList(1, trades.size())).allSatisfy(line -> {
            String[] cells = line.split(",");
            assertThat(cells[6]).matches("\\d+\\.\\d");
            assertThat(cells[7]).matches("\\d+\\.\\d");
        });
        assertThat(Files.readAllLines(target.resolve("candles.csv")).stream()
                        .filter(line -> line.contains("ENTER_"))
                        .map(line -> Double.parseDouble(line.split(",")[6])))
                .allSatisfy(adx -> assertThat(adx).isGreaterThanOrEqualTo(40));
    }

    @Test
    void theStrategyOptionOverridesTheSettingsFile() throws IOException {
        Path settings = dir.resolve("settings.json");
        Files.writeString(settings, "{\"strategy\": \"ADX_TREND\", \"emaFast\": 9, \"emaSlow\": 21}");
        Path target = dir.resolve("ema");

        int code = run(
                "--candles",
                candles.toString(),
                "--settings",
                settings.toString(),
                "--strategy",
                "EMA_CROSS",
                "--out",
                target.toString());

        assertThat(code).as(err()).isZero();
        assertThat(Files.readString(target.resolve("candles.csv")))
                .contains(",NO_CROSS,")
                .doesNotContain("NO_TREND");
        assertThat(Files.readString(target.resolve("trades.csv"))).contains(",EMA_CROSS,");
    }

    @Test
    void refusesAnUnknownStrategy() {
        assertThat(run("--candles", candles.toString(), "--strategy", "MACD")).isEqualTo(2);
        assertThat(err()).contains("--strategy must be one of [ADX_TREND, EMA_CROSS], was 'MACD'");
    }

    @Test
    void readsBitstampTradesAsFiveMinuteCandles() throws IOException {
        Path trades = dir.resolve("bitstamp.csv");
        Files.writeString(trades, RealCandles.text(RealCandles.BITSTAMP_TRADES));

        int code = run(
                "--candles",
                trades.toString(),
                "--out",
                dir.resolve("btc").toString(),
                "--symbol",
                "BTC-USDT",
                "--step",
                "0.001",
                "--min-qty",
                "0.001");

        assertThat(code).isZero();
        assertThat(out()).contains("1917 candles read (BITSTAMP_TRADES_CSV)", "candles.csv: 1917 candle lines");
    }

    @Test
    void printsUsageAndExitsTwoOnBadArguments() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("--candles FILE is required").contains("usage: backtest");

        assertThat(run("--candles", candles.toString(), "--bogus", "1")).isEqualTo(2);
        assertThat(err()).contains("unknown argument '--bogus'");

        assertThat(run("--candles")).isEqualTo(2);
        assertThat(err()).contains("--candles needs a value");

        assertThat(run("--candles", candles.toString(), "--equity", "lots")).isEqualTo(2);
        assertThat(err()).contains("--equity must be a number, was 'lots'");

        assertThat(run("--candles", candles.toString(), "--step", "0")).isEqualTo(2);
        assertThat(err()).contains("--step must be positive");

        assertThat(run("--candles", candles.toString(), "--price-precision", "2.5"))
                .isEqualTo(2);
        assertThat(err()).contains("--price-precision must be a whole number");

        assertThat(run("--candles", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err()).contains("does not exist");
    }

    @Test
    void exitsTwoWithTheReasonForUnusableInputFiles() throws IOException {
        Path garbage = dir.resolve("garbage.txt");
        Files.writeString(garbage, "hello world\n");
        Path badSettings = dir.resolve("bad.json");
        Files.writeString(badSettings, "{\"maxPositions\": 0}");

        assertThat(run("--candles", garbage.toString())).isEqualTo(2);
        assertThat(err()).contains("unknown candle file format");
        assertThat(run("--candles", candles.toString(), "--settings", badSettings.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("maxPositions must be between 1 and 10");
    }

    @Test
    void printsUsageOnHelp() {
        assertThat(run("backtest", "--help")).isZero();
        assertThat(out()).startsWith("usage: backtest --candles FILE");
    }

    @Test
    void exitsOneWhenTheOutputCannotBeWritten() throws IOException {
        Path file = dir.resolve("not-a-dir");
        Files.writeString(file, "x");

        assertThat(run("--candles", candles.toString(), "--out", file.toString()))
                .isEqualTo(1);
        assertThat(err()).contains("cannot write to");
    }
}
