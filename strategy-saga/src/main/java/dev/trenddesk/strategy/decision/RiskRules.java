package dev.trenddesk.strategy.decision;

import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.api.trading.RiskLimitKind;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The parts of a decision every strategy shares, so each applies them the same way: the account's limits and
 * the entry's prices and size. A strategy calls {@link #accountLimits} first and {@link #enter} when it has a
 * signal on a symbol without a position.
 *
 * <p>Prices: entry reference = the candle's close; the stop is entry ∓ stopAtr × ATR rounded <em>away</em> from
 * the entry to the contract's price precision (never tighter than asked); the stop distance used for
 * take-profit and size is the rounded one; take-profit = entry ± takeProfitR × that distance, rounded half-up to
 * the price precision.
 *
 * <p>Size: equity × riskPerTradePct / 100 / stop distance, capped so that the order's margin and its taker fee
 * fit 99 % of the free balance ({@link #MARGIN_USE}) — availableBalance × 0.99 × leverage /
 * (entry × (1 + leverage × takerFeeRate)), the check BingX makes (notional / leverage + notional × fee ≤ available)
 * with headroom for the price to move between the candle's close and the fill (an entry sized to the last cent at
 * the close was refused by the exchange, code 101204, when the price had moved a tick: three such refusals in a row
 * pause the bot; Freqtrade keeps the same 1 % by default, its tradable_balance_ratio) — rounded down to the quantity
 * step. When the cap
 * leaves less than the minimum quantity or order value: SKIP {@link ReasonCode#INSUFFICIENT_MARGIN}. The caller
 * passes as availableBalance what is free after the entries it has already asked for.
 */
final class RiskRules {

    /** Rounds toward zero, so neither the risk nor the margin of a size exceeds its limit by a rounded last digit. */
    private static final MathContext SIZE_MATH = new MathContext(34, RoundingMode.DOWN);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The share of the free balance an entry's margin and fee may take; the rest is headroom for the fill price. */
    static final BigDecimal MARGIN_USE = new BigDecimal("0.99");

    private RiskRules() {}

    /**
     * The account's limits before any strategy rule: equity maxDrawdown % or more below its peak →
     * {@link DecisionKind#CLOSE_ALL_AND_STOP}; the day's loss at dailyLossLimit % or more is recorded on the
     * draft as a breach (entries are then refused by {@link #enter}).
     *
     * @return the close-all decision, or empty when the strategy decides
     */
    static Optional<Decision> accountLimits(DecisionDraft out, TradingSettings settings, AccountState account) {
        BigDecimal drawdown = lossPct(account.equityPeak(), account.equity());
        if (drawdown.compareTo(settings.maxDrawdownPct()) >= 0) {
            out.breach = new RiskLimitBreach(RiskLimitKind.MAX_DRAWDOWN, drawdown, settings.maxDrawdownPct());
            return Optional.of(out.build(
                    DecisionKind.CLOSE_ALL_AND_STOP,
                    ReasonCode.MAX_DRAWDOWN,
                    "equity "
                            + plain(account.equity()) + " is " + plain(drawdown) + " % below its peak "
                            + plain(account.equityPeak()) + ", limit " + plain(settings.maxDrawdownPct())
                            + " %: closing everything and stopping"));
        }
        BigDecimal dayLoss = lossPct(account.dayOpeningEquity(), account.equity());
        if (dayLoss.compareTo(settings.dailyLossLimitPct()) >= 0) {
            out.breach = new RiskLimitBreach(RiskLimitKind.DAILY_LOSS, dayLoss, settings.dailyLossLimitPct());
        }
        return Optional.empty();
    }

    /**
     * An entry on a signal, on a symbol without a position: SKIP for DAILY_LOSS_LIMIT, MAX_POSITIONS,
     * INVALID_STOP, INSUFFICIENT_MARGIN / BELOW_MIN_QUANTITY, BELOW_MIN_NOTIONAL (in this order); otherwise
     * ENTER with the stop, take-profit and size described above.
     *
     * @param atr        ATR(14) of the candle, the stop's unit
     * @param signalText how the entry's reason starts, e.g. "LONG signal, confidence 72.5"
     */
    static Decision enter(
            DecisionDraft out,
            Direction side,
            BigDecimal atr,
            String signalText,
            TradingSettings settings,
            PositionState positions,
            AccountState account,
            ContractRules rules) {
        if (out.breach != null && out.breach.kind() == RiskLimitKind.DAILY_LOSS) {
            return out.build(
                    DecisionKind.SKIP,
                    ReasonCode.DAILY_LOSS_LIMIT,
                    "today's loss "
                            + plain(out.breach.valuePct()) + " % reached the daily limit "
                            + plain(settings.dailyLossLimitPct())
                            + " %: no new position until the next UTC day");
        }
        if (positions.count() >= settings.maxPositions()) {
            return out.build(
                    DecisionKind.SKIP,
                    ReasonCode.MAX_POSITIONS,
                    positions.count() + " positions open, at most " + settings.maxPositions());
        }
        BigDecimal entry = out.indicators.candle().close();
        BigDecimal rawDistance = settings.stopAtr().multiply(atr);
        BigDecimal stop = side == Direction.LONG
                ? entry.subtract(rawDistance).setScale(rules.pricePrecision(), RoundingMode.FLOOR)
                : entry.add(rawDistance).setScale(rules.pricePrecision(), RoundingMode.CEILING);
        BigDecimal distance = entry.subtract(stop).abs();
        BigDecimal takeProfit = entry.add(
                        settings.takeProfitR().multiply(distance).multiply(BigDecimal.valueOf(side.sign())))
                .setScale(rules.pricePrecision(), RoundingMode.HALF_UP);
        if (distance.signum() == 0 || stop.signum() <= 0 || takeProfit.signum() <= 0) {
            return out.build(
                    DecisionKind.SKIP,
                    ReasonCode.INVALID_STOP,
                    "stop-loss " + plain(stop) + " / take-profit " + plain(takeProfit) + " unusable for entry "
                            + plain(entry) + " (ATR " + plain(atr) + ")");
        }
        BigDecimal riskQuantity = account.equity()
                .max(BigDecimal.ZERO)
                .multiply(settings.riskPerTradePct())
                .divide(HUNDRED.multiply(distance), SIZE_MATH);
        BigDecimal leverage = BigDecimal.valueOf(settings.leverage());
        BigDecimal marginQuantity = account.availableBalance()
                .max(BigDecimal.ZERO)
                .multiply(MARGIN_USE)
                .multiply(leverage)
                .divide(entry.multiply(BigDecimal.ONE.add(leverage.multiply(rules.takerFeeRate()))), SIZE_MATH);
        boolean marginCapped = marginQuantity.compareTo(riskQuantity) < 0;
        BigDecimal quantity = roundDown(marginCapped ? marginQuantity : riskQuantity, rules.quantityStep());
        if (quantity.signum() <= 0 || quantity.compareTo(rules.minQuantity()) < 0) {
            return marginCapped
                    ? out.build(
                            DecisionKind.SKIP,
                            ReasonCode.INSUFFICIENT_MARGIN,
                            "available balance "
                                    + plain(account.availableBalance()) + " at leverage " + settings.leverage()
                                    + " buys only "
                                    + plain(quantity) + ", below the minimum quantity " + plain(rules.minQuantity()))
                    : out.build(
                            DecisionKind.SKIP,
                            ReasonCode.BELOW_MIN_QUANTITY,
                            "risk-based quantity " + plain(quantity) + " is below the minimum quantity "
                                    + plain(rules.minQuantity()));
        }
        BigDecimal notional = quantity.multiply(entry);
        if (notional.compareTo(rules.minNotional()) < 0 && marginCapped) {
            return out.build(
                    DecisionKind.SKIP,
                    ReasonCode.INSUFFICIENT_MARGIN,
                    "available balance "
                            + plain(account.availableBalance()) + " at leverage " + settings.leverage() + " buys only "
                            + plain(notional) + " USDT, below the minimum order value " + plain(rules.minNotional())
                            + " USDT");
        }
        if (notional.compareTo(rules.minNotional()) < 0) {
            return out.build(
                    DecisionKind.SKIP,
                    ReasonCode.BELOW_MIN_NOTIONAL,
                    "order value " + plain(notional) + " USDT is below the minimum " + plain(rules.minNotional())
                            + " USDT");
        }
        out.quantity = quantity;
        out.entryReference = entry;
        out.stopLoss = stop;
        out.takeProfit = takeProfit;
        return out.build(
                side == Direction.LONG ? DecisionKind.ENTER_LONG : DecisionKind.ENTER_SHORT,
                ReasonCode.SIGNAL,
                signalText + ": " + plain(quantity) + " at " + plain(entry) + ", stop " + plain(stop) + ", take-profit "
                        + plain(takeProfit) + (marginCapped ? " (size capped by the available margin)" : ""));
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

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
