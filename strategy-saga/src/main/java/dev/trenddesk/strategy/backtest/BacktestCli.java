package dev.trenddesk.strategy.backtest;

import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.strategy.decision.ContractRules;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code backtest} command:
 * {@code backtest --candles FILE [--settings FILE] [--out DIR] [--symbol S] [--equity 10000] [--step 0.01]
 * [--min-qty 0.01] [--min-notional 0] [--price-precision 2]}. A leading {@code backtest} word is accepted and
 * skipped, so the application's main can pass its arguments through unchanged.
 *
 * <p>Exit codes: 0 done, 2 bad arguments or unusable input (with the reason and the usage on {@code err}),
 * 1 the output could not be written.
 */
public final class BacktestCli {

    /** The command's usage text. */
    public static final String USAGE = """
            usage: backtest --candles FILE [options]
              --candles FILE          candles: BingX klines JSON, ta4j JSON, OHLCV CSV or Bitstamp trades CSV
              --settings FILE         TradingSettings JSON; missing fields take the defaults
              --strategy ID           the strategy, overriding the settings': ADX_TREND or EMA_CROSS
              --out DIR               output directory (default backtest-out)
              --symbol S              symbol the candles belong to (default: the first symbol of the settings)
              --equity N              starting equity in USDT (default 10000)
              --step N                quantity step of the contract (default 0.01)
              --min-qty N             minimum order quantity (default 0.01)
              --min-notional N        minimum order value in USDT (default 0)
              --price-precision N     price decimals of the contract (default 2)
              --funding-rate R        funding rate charged every 8 hours, e.g. 0.0001 (default: the simulator's
                                      rate from the candles; 0 = no funding)
              --help                  this text
            """;

    private static final Set<String> OPTIONS = Set.of(
            "--candles",
            "--settings",
            "--strategy",
            "--out",
            "--symbol",
            "--equity",
            "--step",
            "--min-qty",
            "--min-notional",
            "--price-precision",
            "--funding-rate");

    private BacktestCli() {}

    /**
     * Runs the command.
     *
     * @return the process exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        TradingSettings settings;
        ContractRules rules;
        BigDecimal equity;
        CandleFileReader.CandleFile candles;
        String symbol;
        FundingModel funding;
        try {
            List<String> words = List.of(args);
            if (!words.isEmpty() && words.get(0).equals("backtest")) {
                words = words.subList(1, words.size());
            }
            if (words.contains("--help") || words.contains("-h")) {
                out.print(USAGE);
                return 0;
            }
            options = options(words);
            if (!options.containsKey("--candles")) {
                throw new BacktestInputException("--candles FILE is required");
            }
            settings = options.containsKey("--settings")
                    ? SettingsFileReader.parse(readFile(options.get("--settings"), "settings"))
                    : TradingSettings.defaults();
            if (options.containsKey("--strategy")) {
                settings = settings.withStrategy(
                        strategy(options.get("--strategy")), settings.emaFast(), settings.emaSlow());
            }
            equity = positive(options, "--equity", "10000");
            rules = new ContractRules(
                    priceDecimals(options.getOrDefault("--price-precision", "2")),
                    positive(options, "--step", "0.01"),
                    notNegative(options, "--min-qty", "0.01"),
                    notNegative(options, "--min-notional", "0"));
            symbol = options.getOrDefault("--symbol", settings.symbols().get(0));
            funding = options.containsKey("--funding-rate")
                    ? FundingModel.constant(fundingRate(options.get("--funding-rate")))
                    : FundingModel.fromCandles();
            candles = CandleFileReader.parse(readFile(options.get("--candles"), "candle"), settings.timeframe());
        } catch (BacktestInputException e) {
            err.println("backtest: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }

        BacktestResult result = new Backtester(settings, rules, funding).run(symbol, candles.candles(), equity);
        Path dir = Path.of(options.getOrDefault("--out", "backtest-out"));
        try {
            BacktestReportWriter.write(result, dir);
        } catch (IOException | UncheckedIOException e) {
            err.println("backtest: cannot write to " + dir + ": " + e.getMessage());
            return 1;
        }
        out.println("backtest " + symbol + " " + settings.timeframe() + ": "
                + candles.candles().size() + " candles read (" + candles.format() + ")");
        out.print(BacktestReportWriter.summaryText(result.summary()));
        out.println("candles.csv: " + result.candles().size() + " candle lines");
        out.println("trades.csv: " + result.trades().size() + " trade lines");
        out.println("written to " + dir);
        return 0;
    }

    private static StrategyId strategy(String value) {
        try {
            return StrategyId.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new BacktestInputException("--strategy must be one of "
                    + java.util.Arrays.toString(StrategyId.values()) + ", was '" + value + "'");
        }
    }

    private static Map<String, String> options(List<String> words) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String name = words.get(i);
            if (!OPTIONS.contains(name)) {
                throw new BacktestInputException("unknown argument '" + name + "'");
            }
            if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                throw new BacktestInputException(name + " needs a value");
            }
            if (options.put(name, words.get(++i)) != null) {
                throw new BacktestInputException(name + " is given twice");
            }
        }
        return options;
    }

    private static String readFile(String name, String what) {
        Path path = Path.of(name);
        if (!Files.isRegularFile(path)) {
            throw new BacktestInputException(what + " file " + name + " does not exist");
        }
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BacktestInputException("cannot read " + what + " file " + name + ": " + e.getMessage(), e);
        }
    }

    /** A funding rate per 8 hours within BingX's ±0.3 %. */
    private static BigDecimal fundingRate(String value) {
        BigDecimal rate;
        try {
            rate = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new BacktestInputException("--funding-rate must be a number, got '" + value + "'");
        }
        if (rate.abs().compareTo(new BigDecimal("0.003")) > 0) {
            throw new BacktestInputException("--funding-rate must be between -0.003 and 0.003, got " + value);
        }
        return rate;
    }

    private static BigDecimal number(Map<String, String> options, String name, String fallback) {
        String text = options.getOrDefault(name, fallback);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BacktestInputException(name + " must be a number, was '" + text + "'", e);
        }
    }

    private static BigDecimal positive(Map<String, String> options, String name, String fallback) {
        BigDecimal value = number(options, name, fallback);
        if (value.signum() <= 0) {
            throw new BacktestInputException(name + " must be positive, was " + value.toPlainString());
        }
        return value;
    }

    private static BigDecimal notNegative(Map<String, String> options, String name, String fallback) {
        BigDecimal value = number(options, name, fallback);
        if (value.signum() < 0) {
            throw new BacktestInputException(name + " must not be negative, was " + value.toPlainString());
        }
        return value;
    }

    private static int priceDecimals(String text) {
        try {
            int decimals = Integer.parseInt(text);
            if (decimals < 0 || decimals > 12) {
                throw new BacktestInputException("--price-precision must be between 0 and 12, was " + decimals);
            }
            return decimals;
        } catch (NumberFormatException e) {
            throw new BacktestInputException("--price-precision must be a whole number, was '" + text + "'", e);
        }
    }
}
