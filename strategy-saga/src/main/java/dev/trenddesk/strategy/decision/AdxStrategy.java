package dev.trenddesk.strategy.decision;

import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.api.trading.RiskLimitKind;
import dev.trenddesk.strategy.indicator.IndicatorSnapshot;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The default ADX trend strategy (docs/architecture.md) as one pure function: the same inputs always give
 * the same decision, with no clock, no I/O and no state. The live trading saga and the backtester both
 * call {@link #decide}.
 *
 * <p>Order of the checks, first match wins:
 * <ol>
 *   <li>equity maxDrawdown % or more below its peak → {@link DecisionKind#CLOSE_ALL_AND_STOP};</li>
 *   <li>indicators not ready → HOLD (position open) or SKIP {@link ReasonCode#INDICATORS_NOT_READY};</li>
 *   <li>position open on the symbol: EXIT when ADX &lt; threshold − 5 ({@link ReasonCode#TREND_FADED}) and/or
 *       the DIs crossed against it ({@link ReasonCode#DI_CROSS}); a new signal in the position's direction →
 *       SKIP {@link ReasonCode#ALREADY_IN_POSITION}; otherwise HOLD. A signal against the position always
 *       comes with crossed DIs, so the position is exited first; the reverse entry can follow on a later
 *       candle;</li>
 *   <li>no position: SKIP for NO_TREND, NO_DIRECTION, LOW_CONFIDENCE, then (for a generated signal)
 *       DAILY_LOSS_LIMIT, MAX_POSITIONS, INVALID_STOP, INSUFFICIENT_MARGIN / BELOW_MIN_QUANTITY,
 *       BELOW_MIN_NOTIONAL; otherwise ENTER.</li>
 * </ol>
 *
 * <p>Prices: entry reference = the candle's close; the stop is entry ∓ stopAtr × ATR rounded
 * <em>away</em> from the entry to the contract's price precision (never tighter than asked); the stop
 * distance used for take-profit and size is the rounded one; take-profit = entry ± takeProfitR × that
 * distance, rounded half-up to the price precision.
 *
 * <p>Size: equity × riskPerTradePct / 100 / stop distance, capped so that the order's margin and its taker fee
 * fit the free balance — availableBalance × leverage / (entry × (1 + leverage × takerFeeRate)), the check
 * BingX makes (notional / leverage + notional × fee ≤ available) — rounded down to the quantity step. When
 * the cap leaves less than the minimum quantity or order value: SKIP {@link ReasonCode#INSUFFICIENT_MARGIN}.
 * The caller passes as availableBalance what is free after the entries it has already asked for.
 *
 * <p>Confidence is rounded half-up to 2 decimals before it is compared with signalConfidence, so the
 * number shown is the number compared. "ADX rose" is false when there is no previous ADX.
 */
public final class AdxStrategy {

    private static final MathContext MATH = MathContext.DECIMAL64;
    /** Rounds toward zero, so neither the risk nor the margin of a size exceeds its limit by a rounded last digit. */
    private static final MathContext SIZE_MATH = new MathContext(34, RoundingMode.DOWN);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal FIFTY = BigDecimal.valueOf(50);
    private static final BigDecimal FIVE = BigDecimal.valueOf(5);
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal TREND_WEIGHT = BigDecimal.valueOf(40);
    private static final BigDecimal SPREAD_WEIGHT = BigDecimal.valueOf(30);
    private static final BigDecimal RISING_WEIGHT = BigDecimal.valueOf(30);

    private AdxStrategy() {
    }

    /**
     * Decides what to do after a closed candle of one symbol.
     *
     * @param indicators the candle and its indicator values
     * @param settings   the trader's validated settings
     * @param positions  every position the trader holds, across symbols
     * @param account    the trader's account at the candle's close
     * @param rules      the symbol's contract rules
     */
    public static Decision decide(IndicatorSnapshot indicators, TradingSettings settings, PositionState positions,
            AccountState account, ContractRules rules) {
        Builder out = new Builder(indicators);
        BigDecimal drawdown = lossPct(account.equityPeak(), account.equity());
        if (drawdown.compareTo(settings.maxDrawdownPct()) >= 0) {
            out.breach = new RiskLimitBreach(RiskLimitKind.MAX_DRAWDOWN, drawdown, settings.maxDrawdownPct());
            return out.build(DecisionKind.CLOSE_ALL_AND_STOP, ReasonCode.MAX_DRAWDOWN, "equity " + plain(account.equity())
                    + " is " + plain(drawdown) + " % below its peak " + plain(account.equityPeak()) + ", limit "
                    + plain(settings.maxDrawdownPct()) + " %: closing everything and stopping");
        }
        BigDecimal dayLoss = lossPct(account.dayOpeningEquity(), account.equity());
        if (dayLoss.compareTo(settings.dailyLossLimitPct()) >= 0) {
            out.breach = new RiskLimitBreach(RiskLimitKind.DAILY_LOSS, dayLoss, settings.dailyLossLimitPct());
        }
        Optional<OpenPosition> held = positions.on(indicators.symbol());
        if (!indicators.ready()) {
            return out.build(held.isPresent() ? DecisionKind.HOLD : DecisionKind.SKIP, ReasonCode.INDICATORS_NOT_READY,
                    "ADX(14) needs 28 candles, ATR and DI(14) need 15");
        }
        BigDecimal adx = indicators.adx();
        BigDecimal threshold = settings.adxThreshold();
        out.confidence = confidence(indicators, threshold);
        Direction direction = direction(indicators);
        boolean trend = adx.compareTo(threshold) >= 0;
        boolean confident = out.confidence.compareTo(settings.signalConfidence()) >= 0;
        out.signal = trend && direction != null && confident ? direction : null;

        if (held.isPresent()) {
            return decideForPosition(out, held.get(), settings, direction);
        }
        if (!trend) {
            return out.build(DecisionKind.SKIP, ReasonCode.NO_TREND,
                    "ADX " + plain(adx) + " is below the threshold " + plain(threshold));
        }
        if (direction == null) {
            return out.build(DecisionKind.SKIP, ReasonCode.NO_DIRECTION, "+DI equals -DI (" + plain(indicators.plusDi()) + ")");
        }
        if (!confident) {
            return out.build(DecisionKind.SKIP, ReasonCode.LOW_CONFIDENCE, "confidence " + plain(out.confidence)
                    + " is below " + plain(settings.signalConfidence()));
        }
        if (out.breach != null) {
            return out.build(DecisionKind.SKIP, ReasonCode.DAILY_LOSS_LIMIT, "today's loss " + plain(dayLoss)
                    + " % reached the daily limit " + plain(settings.dailyLossLimitPct()) + " %: no new position until"
                    + " the next UTC day");
        }
        if (positions.count() >= settings.maxPositions()) {
            return out.build(DecisionKind.SKIP, ReasonCode.MAX_POSITIONS, positions.count() + " positions open, at most "
                    + settings.maxPositions());
        }
        return enter(out, direction, settings, account, rules);
    }

    /**
     * The confidence of a signal, 0–100 with 2 decimals: 40 × clamp((ADX − threshold) / (50 − threshold))
     * + 30 × clamp(|+DI − −DI| / (+DI + −DI) / 0.5) + 30 when ADX rose since the previous candle, each
     * clamp to [0, 1].
     *
     * @param indicators ready indicator values
     */
    public static BigDecimal confidence(IndicatorSnapshot indicators, BigDecimal threshold) {
        BigDecimal trendTerm = BigDecimal.ZERO;
        BigDecimal range = FIFTY.subtract(threshold);
        if (range.signum() > 0) {
            trendTerm = clamp(indicators.adx().subtract(threshold).divide(range, MATH));
        } else if (indicators.adx().compareTo(threshold) >= 0) {
            trendTerm = BigDecimal.ONE;
        }
        BigDecimal diSum = indicators.plusDi().add(indicators.minusDi());
        BigDecimal spreadTerm = diSum.signum() == 0 ? BigDecimal.ZERO
                : clamp(indicators.plusDi().subtract(indicators.minusDi()).abs().divide(diSum, MATH).divide(HALF, MATH));
        boolean rose = indicators.previousAdx() != null && indicators.adx().compareTo(indicators.previousAdx()) > 0;
        return TREND_WEIGHT.multiply(trendTerm)
                .add(SPREAD_WEIGHT.multiply(spreadTerm))
                .add(rose ? RISING_WEIGHT : BigDecimal.ZERO)
                .setScale(2, RoundingMode.HALF_UP);
    }

    private static Decision decideForPosition(Builder out, OpenPosition held, TradingSettings settings,
            Direction direction) {
        IndicatorSnapshot indicators = out.indicators;
        out.quantity = held.quantity();
        List<Reason> exits = new ArrayList<>();
        BigDecimal exitLevel = settings.adxThreshold().subtract(FIVE);
        if (indicators.adx().compareTo(exitLevel) < 0) {
            exits.add(new Reason(ReasonCode.TREND_FADED, "ADX " + plain(indicators.adx()) + " fell below "
                    + plain(exitLevel) + " (threshold - 5)"));
        }
        if (direction != null && direction != held.side()) {
            exits.add(new Reason(ReasonCode.DI_CROSS, "DIs crossed against the " + held.side() + " position: +DI "
                    + plain(indicators.plusDi()) + ", -DI " + plain(indicators.minusDi())));
        }
        if (!exits.isEmpty()) {
            return out.build(DecisionKind.EXIT, exits);
        }
        out.quantity = null;
        if (out.signal == held.side()) {
            return out.build(DecisionKind.SKIP, ReasonCode.ALREADY_IN_POSITION, "a " + held.side() + " position is already"
                    + " open on " + held.symbol());
        }
        return out.build(DecisionKind.HOLD, ReasonCode.POSITION_KEPT, "the " + held.side() + " position's trend holds");
    }

    private static Decision enter(Builder out, Direction side, TradingSettings settings, AccountState account,
            ContractRules rules) {
        BigDecimal entry = out.indicators.candle().close();
        BigDecimal rawDistance = settings.stopAtr().multiply(out.indicators.atr());
        BigDecimal stop = side == Direction.LONG
                ? entry.subtract(rawDistance).setScale(rules.pricePrecision(), RoundingMode.FLOOR)
                : entry.add(rawDistance).setScale(rules.pricePrecision(), RoundingMode.CEILING);
        BigDecimal distance = entry.subtract(stop).abs();
        BigDecimal takeProfit = entry.add(settings.takeProfitR().multiply(distance).multiply(BigDecimal.valueOf(side.sign())))
                .setScale(rules.pricePrecision(), RoundingMode.HALF_UP);
        if (distance.signum() == 0 || stop.signum() <= 0 || takeProfit.signum() <= 0) {
            return out.build(DecisionKind.SKIP, ReasonCode.INVALID_STOP, "stop-loss " + plain(stop) + " / take-profit "
                    + plain(takeProfit) + " unusable for entry " + plain(entry) + " (ATR " + plain(out.indicators.atr()) + ")");
        }
        BigDecimal riskQuantity = account.equity().max(BigDecimal.ZERO).multiply(settings.riskPerTradePct())
                .divide(HUNDRED.multiply(distance), SIZE_MATH);
        BigDecimal leverage = BigDecimal.valueOf(settings.leverage());
        BigDecimal marginQuantity = account.availableBalance().max(BigDecimal.ZERO).multiply(leverage)
                .divide(entry.multiply(BigDecimal.ONE.add(leverage.multiply(rules.takerFeeRate()))), SIZE_MATH);
        boolean marginCapped = marginQuantity.compareTo(riskQuantity) < 0;
        BigDecimal quantity = roundDown(marginCapped ? marginQuantity : riskQuantity, rules.quantityStep());
        if (quantity.signum() <= 0 || quantity.compareTo(rules.minQuantity()) < 0) {
            return marginCapped
                    ? out.build(DecisionKind.SKIP, ReasonCode.INSUFFICIENT_MARGIN, "available balance "
                            + plain(account.availableBalance()) + " at leverage " + settings.leverage() + " buys only "
                            + plain(quantity) + ", below the minimum quantity " + plain(rules.minQuantity()))
                    : out.build(DecisionKind.SKIP, ReasonCode.BELOW_MIN_QUANTITY, "risk-based quantity " + plain(quantity)
                            + " is below the minimum quantity " + plain(rules.minQuantity()));
        }
        BigDecimal notional = quantity.multiply(entry);
        if (notional.compareTo(rules.minNotional()) < 0 && marginCapped) {
            return out.build(DecisionKind.SKIP, ReasonCode.INSUFFICIENT_MARGIN, "available balance "
                    + plain(account.availableBalance()) + " at leverage " + settings.leverage() + " buys only "
                    + plain(notional) + " USDT, below the minimum order value " + plain(rules.minNotional()) + " USDT");
        }
        if (notional.compareTo(rules.minNotional()) < 0) {
            return out.build(DecisionKind.SKIP, ReasonCode.BELOW_MIN_NOTIONAL, "order value " + plain(notional)
                    + " USDT is below the minimum " + plain(rules.minNotional()) + " USDT");
        }
        out.quantity = quantity;
        out.entryReference = entry;
        out.stopLoss = stop;
        out.takeProfit = takeProfit;
        return out.build(side == Direction.LONG ? DecisionKind.ENTER_LONG : DecisionKind.ENTER_SHORT, ReasonCode.SIGNAL,
                side + " signal, confidence " + plain(out.confidence) + ": " + plain(quantity) + " at " + plain(entry)
                        + ", stop " + plain(stop) + ", take-profit " + plain(takeProfit)
                        + (marginCapped ? " (size capped by the available margin)" : ""));
    }

    private static Direction direction(IndicatorSnapshot indicators) {
        int compared = indicators.plusDi().compareTo(indicators.minusDi());
        return compared > 0 ? Direction.LONG : compared < 0 ? Direction.SHORT : null;
    }

    /** (reference − value) / reference in percent, 4 decimals; zero when reference is not positive. */
    private static BigDecimal lossPct(BigDecimal reference, BigDecimal value) {
        if (reference.signum() <= 0) {
            return BigDecimal.ZERO.setScale(4);
        }
        return reference.subtract(value).multiply(HUNDRED).divide(reference, 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal roundDown(BigDecimal quantity, BigDecimal step) {
        return quantity.divide(step, 0, RoundingMode.FLOOR).multiply(step);
    }

    private static BigDecimal clamp(BigDecimal value) {
        return value.max(BigDecimal.ZERO).min(BigDecimal.ONE);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** Collects the optional parts of a decision while it is being made. */
    private static final class Builder {
        private final IndicatorSnapshot indicators;
        private Direction signal;
        private BigDecimal quantity;
        private BigDecimal entryReference;
        private BigDecimal stopLoss;
        private BigDecimal takeProfit;
        private BigDecimal confidence;
        private RiskLimitBreach breach;

        private Builder(IndicatorSnapshot indicators) {
            this.indicators = indicators;
        }

        private Decision build(DecisionKind kind, ReasonCode code, String text) {
            return build(kind, List.of(new Reason(code, text)));
        }

        private Decision build(DecisionKind kind, List<Reason> reasons) {
            return new Decision(kind, indicators.symbol(), indicators.candle().openTime(), signal, quantity,
                    entryReference, stopLoss, takeProfit, confidence, indicators, reasons, breach);
        }
    }
}
