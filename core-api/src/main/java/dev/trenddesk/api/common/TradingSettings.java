package dev.trenddesk.api.common;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A trader's own bot settings and risk limits. Percentages are percent (2.0 means 2 %).
 * The same {@link #violations()} check runs at the web edge and in the aggregate.
 *
 * @param maxPositions       most positions open at once
 * @param riskPerTradePct    share of equity risked between entry and stop on one trade
 * @param dailyLossLimitPct  loss of the UTC day (realised + unrealised, against the day's opening
 *                           equity) at which the bot stops opening positions until the next day
 * @param maxDrawdownPct     fall of equity below its peak at which the bot closes everything and stops
 * @param leverage           leverage set on BingX before the first order
 * @param positionMode       position mode set on BingX before the first order
 * @param adxThreshold       ADX at or above which a trend is present
 * @param timeframe          candle timeframe the bot trades on
 * @param signalConfidence   least confidence (0–100) that opens a position
 * @param stopAtr            stop-loss distance in multiples of ATR(14)
 * @param takeProfitR        take-profit distance in multiples of the stop distance
 * @param symbols            BingX perpetual symbols the bot trades, e.g. {@code BTC-USDT}
 * @param strategy           the strategy the bot trades with (docs/strategies.md); adxThreshold and
 *                           signalConfidence are the ADX_TREND strategy's own settings
 * @param emaFast            EMA_CROSS: the fast EMA's period, one of {@link #EMA_PERIODS}, below emaSlow
 * @param emaSlow            EMA_CROSS: the slow EMA's period, one of {@link #EMA_PERIODS}, above emaFast
 */
public record TradingSettings(
        int maxPositions,
        BigDecimal riskPerTradePct,
        BigDecimal dailyLossLimitPct,
        BigDecimal maxDrawdownPct,
        int leverage,
        PositionMode positionMode,
        BigDecimal adxThreshold,
        Timeframe timeframe,
        BigDecimal signalConfidence,
        BigDecimal stopAtr,
        BigDecimal takeProfitR,
        List<String> symbols,
        StrategyId strategy,
        int emaFast,
        int emaSlow) {

    /** The EMA periods the market feed computes (dev.trenddesk.api.market.IndicatorKeys.EMA_PERIODS). */
    public static final List<Integer> EMA_PERIODS = List.of(9, 21, 50, 100, 200);

    public static final int EMA_FAST_MIN = 9;
    public static final int EMA_FAST_MAX = 100;
    public static final int EMA_SLOW_MIN = 21;
    public static final int EMA_SLOW_MAX = 200;
    public static final int EMA_FAST_DEFAULT = 9;
    public static final int EMA_SLOW_DEFAULT = 21;

    /** A BingX USDT-M perpetual symbol, as {@link #SYMBOL} matches it. */
    public static final String SYMBOL_REGEX = "^[A-Z0-9]{2,20}-USDT$";

    public static final Pattern SYMBOL = Pattern.compile(SYMBOL_REGEX);
    public static final int MAX_SYMBOLS = 10;

    // The allowed ranges, inclusive. violations() checks them, and the API's SettingsBody declares them as
    // bean-validation constraints from these same constants, so the OpenAPI document (and the dashboard's
    // form rules generated from it) shows exactly these.
    public static final int MAX_POSITIONS_MIN = 1;
    public static final int MAX_POSITIONS_MAX = 10;
    public static final String RISK_PER_TRADE_PCT_MIN = "0.1";
    public static final String RISK_PER_TRADE_PCT_MAX = "10";
    public static final String DAILY_LOSS_LIMIT_PCT_MIN = "0.5";
    public static final String DAILY_LOSS_LIMIT_PCT_MAX = "50";
    public static final String MAX_DRAWDOWN_PCT_MIN = "1";
    public static final String MAX_DRAWDOWN_PCT_MAX = "90";
    public static final int LEVERAGE_MIN = 1;
    public static final int LEVERAGE_MAX = 125;
    public static final String ADX_THRESHOLD_MIN = "10";
    public static final String ADX_THRESHOLD_MAX = "50";
    public static final String SIGNAL_CONFIDENCE_MIN = "0";
    public static final String SIGNAL_CONFIDENCE_MAX = "100";
    public static final String STOP_ATR_MIN = "0.5";
    public static final String STOP_ATR_MAX = "10";
    public static final String TAKE_PROFIT_R_MIN = "0.5";
    public static final String TAKE_PROFIT_R_MAX = "10";

    /**
     * Settings stored before strategies were chosen (a saga's state, a read model's JSON) have no strategy and no
     * EMA periods: they read as the ADX trend strategy with the default periods, which is what they traded with.
     * Stored events are lifted by their upcasters instead, which write these values out.
     */
    public TradingSettings {
        symbols = symbols == null ? null : List.copyOf(symbols);
        strategy = strategy == null ? StrategyId.ADX_TREND : strategy;
        emaFast = emaFast == 0 ? EMA_FAST_DEFAULT : emaFast;
        emaSlow = emaSlow == 0 ? EMA_SLOW_DEFAULT : emaSlow;
    }

    /** The defaults every new user starts with. */
    public static TradingSettings defaults() {
        return new TradingSettings(
                2,
                new BigDecimal("2.0"),
                new BigDecimal("5.0"),
                new BigDecimal("15.0"),
                5,
                PositionMode.HEDGE,
                new BigDecimal("25"),
                Timeframe.M5,
                new BigDecimal("60"),
                new BigDecimal("2.0"),
                new BigDecimal("2.0"),
                List.of("BTC-USDT", "ETH-USDT"),
                StrategyId.ADX_TREND,
                EMA_FAST_DEFAULT,
                EMA_SLOW_DEFAULT);
    }

    /** These settings with another strategy and EMA periods (the rest unchanged). */
    public TradingSettings withStrategy(StrategyId strategy, int emaFast, int emaSlow) {
        return new TradingSettings(
                maxPositions,
                riskPerTradePct,
                dailyLossLimitPct,
                maxDrawdownPct,
                leverage,
                positionMode,
                adxThreshold,
                timeframe,
                signalConfidence,
                stopAtr,
                takeProfitR,
                symbols,
                strategy,
                emaFast,
                emaSlow);
    }

    /** Every value outside its allowed range, by field name; empty when the settings are valid. */
    public List<FieldViolation> violations() {
        List<FieldViolation> out = new ArrayList<>();
        range(
                out,
                "maxPositions",
                BigDecimal.valueOf(maxPositions),
                String.valueOf(MAX_POSITIONS_MIN),
                String.valueOf(MAX_POSITIONS_MAX));
        range(out, "riskPerTradePct", riskPerTradePct, RISK_PER_TRADE_PCT_MIN, RISK_PER_TRADE_PCT_MAX);
        range(out, "dailyLossLimitPct", dailyLossLimitPct, DAILY_LOSS_LIMIT_PCT_MIN, DAILY_LOSS_LIMIT_PCT_MAX);
        range(out, "maxDrawdownPct", maxDrawdownPct, MAX_DRAWDOWN_PCT_MIN, MAX_DRAWDOWN_PCT_MAX);
        range(
                out,
                "leverage",
                BigDecimal.valueOf(leverage),
                String.valueOf(LEVERAGE_MIN),
                String.valueOf(LEVERAGE_MAX));
        if (positionMode == null) {
            out.add(new FieldViolation("positionMode", "is required (HEDGE or ONE_WAY)"));
        }
        range(out, "adxThreshold", adxThreshold, ADX_THRESHOLD_MIN, ADX_THRESHOLD_MAX);
        if (timeframe == null) {
            out.add(new FieldViolation("timeframe", "is required (1m to 1d)"));
        }
        range(out, "signalConfidence", signalConfidence, SIGNAL_CONFIDENCE_MIN, SIGNAL_CONFIDENCE_MAX);
        range(out, "stopAtr", stopAtr, STOP_ATR_MIN, STOP_ATR_MAX);
        range(out, "takeProfitR", takeProfitR, TAKE_PROFIT_R_MIN, TAKE_PROFIT_R_MAX);
        if (symbols == null || symbols.isEmpty()) {
            out.add(new FieldViolation("symbols", "at least one symbol is required"));
        } else if (symbols.size() > MAX_SYMBOLS) {
            out.add(new FieldViolation("symbols", "at most " + MAX_SYMBOLS + " symbols"));
        } else {
            for (String symbol : symbols) {
                if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
                    out.add(new FieldViolation(
                            "symbols", "'" + symbol + "' is not a USDT perpetual symbol like BTC-USDT"));
                }
            }
            if (new LinkedHashSet<>(symbols).size() != symbols.size()) {
                out.add(new FieldViolation("symbols", "symbols must not repeat"));
            }
        }
        boolean fastValid = emaPeriod(out, "emaFast", emaFast, EMA_FAST_MIN, EMA_FAST_MAX);
        boolean slowValid = emaPeriod(out, "emaSlow", emaSlow, EMA_SLOW_MIN, EMA_SLOW_MAX);
        if (fastValid && slowValid && emaFast >= emaSlow) {
            out.add(new FieldViolation("emaSlow", "must be above emaFast (" + emaFast + ")"));
        }
        return out;
    }

    /** An EMA period: in its range, and one the market feed computes. */
    private static boolean emaPeriod(List<FieldViolation> out, String field, int value, int min, int max) {
        if (value < min || value > max) {
            out.add(new FieldViolation(field, "must be between " + min + " and " + max));
            return false;
        }
        if (!EMA_PERIODS.contains(value)) {
            out.add(new FieldViolation(
                    field,
                    "must be one of "
                            + EMA_PERIODS.stream()
                                    .filter(p -> p >= min && p <= max)
                                    .map(String::valueOf)
                                    .collect(Collectors.joining(", "))));
            return false;
        }
        return true;
    }

    /** Equal values, whatever the scale of the decimals (2.0 and 2.00 are the same setting). */
    public boolean sameAs(TradingSettings other) {
        return other != null
                && maxPositions == other.maxPositions
                && riskPerTradePct.compareTo(other.riskPerTradePct) == 0
                && dailyLossLimitPct.compareTo(other.dailyLossLimitPct) == 0
                && maxDrawdownPct.compareTo(other.maxDrawdownPct) == 0
                && leverage == other.leverage
                && positionMode == other.positionMode
                && adxThreshold.compareTo(other.adxThreshold) == 0
                && timeframe == other.timeframe
                && signalConfidence.compareTo(other.signalConfidence) == 0
                && stopAtr.compareTo(other.stopAtr) == 0
                && takeProfitR.compareTo(other.takeProfitR) == 0
                && symbols.equals(other.symbols)
                && strategy == other.strategy
                && emaFast == other.emaFast
                && emaSlow == other.emaSlow;
    }

    /** Throws {@link InvalidInputException} naming every invalid field. */
    public TradingSettings validated() {
        List<FieldViolation> violations = violations();
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return this;
    }

    /** Decimal places a setting may have: plenty for any setting, and storable (1e-999999999 is in range but not). */
    public static final int MAX_DECIMAL_PLACES = 18;

    private static void range(List<FieldViolation> out, String field, BigDecimal value, String min, String max) {
        if (value == null) {
            out.add(new FieldViolation(field, "is required"));
        } else if (value.compareTo(new BigDecimal(min)) < 0 || value.compareTo(new BigDecimal(max)) > 0) {
            out.add(new FieldViolation(field, "must be between " + min + " and " + max));
        } else if (value.stripTrailingZeros().scale() > MAX_DECIMAL_PLACES) {
            out.add(new FieldViolation(field, "must have at most " + MAX_DECIMAL_PLACES + " decimal places"));
        }
    }
}
