package dev.trenddesk.strategy.decision;

import static dev.trenddesk.strategy.decision.RiskRules.plain;

import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.market.IndicatorKeys;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.strategy.indicator.IndicatorSnapshot;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ADX trend strategy ({@link StrategyId#ADX_TREND}, the default; docs/strategies.md).
 *
 * <p>Order of the checks, first match wins:
 * <ol>
 *   <li>the account's limits ({@link RiskRules#accountLimits}): equity maxDrawdown % or more below its peak →
 *       {@link DecisionKind#CLOSE_ALL_AND_STOP};</li>
 *   <li>indicators not ready → HOLD (position open) or SKIP {@link ReasonCode#INDICATORS_NOT_READY};</li>
 *   <li>position open on the symbol: EXIT when ADX &lt; threshold − 5 ({@link ReasonCode#TREND_FADED}) and/or
 *       the DIs crossed against it ({@link ReasonCode#DI_CROSS}); a new signal in the position's direction →
 *       SKIP {@link ReasonCode#ALREADY_IN_POSITION}; otherwise HOLD. A signal against the position always
 *       comes with crossed DIs, so the position is exited first; the reverse entry can follow on a later
 *       candle;</li>
 *   <li>no position: SKIP for NO_TREND, NO_DIRECTION, LOW_CONFIDENCE, then the shared entry rules
 *       ({@link RiskRules#enter}: DAILY_LOSS_LIMIT, MAX_POSITIONS, INVALID_STOP, INSUFFICIENT_MARGIN /
 *       BELOW_MIN_QUANTITY, BELOW_MIN_NOTIONAL); otherwise ENTER.</li>
 * </ol>
 *
 * <p>Confidence is rounded half-up to 2 decimals before it is compared with signalConfidence, so the
 * number shown is the number compared. "ADX rose" is false when there is no previous ADX.
 */
public final class AdxTrendStrategy implements Strategy<AdxTrendSettings> {

    private static final MathContext MATH = MathContext.DECIMAL64;
    private static final BigDecimal FIFTY = BigDecimal.valueOf(50);
    private static final BigDecimal FIVE = BigDecimal.valueOf(5);
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal TREND_WEIGHT = BigDecimal.valueOf(40);
    private static final BigDecimal SPREAD_WEIGHT = BigDecimal.valueOf(30);
    private static final BigDecimal RISING_WEIGHT = BigDecimal.valueOf(30);
    private static final Set<String> INDICATORS = Set.of(
            IndicatorKeys.ADX,
            IndicatorKeys.PLUS_DI,
            IndicatorKeys.MINUS_DI,
            IndicatorKeys.ATR,
            IndicatorKeys.ADX_PREV);

    @Override
    public StrategyId id() {
        return StrategyId.ADX_TREND;
    }

    @Override
    public AdxTrendSettings settings(TradingSettings settings) {
        return AdxTrendSettings.of(settings);
    }

    @Override
    public Set<String> indicators(AdxTrendSettings settings) {
        return INDICATORS;
    }

    @Override
    public Decision decide(
            IndicatorSnapshot indicators,
            AdxTrendSettings own,
            TradingSettings settings,
            PositionState positions,
            AccountState account,
            ContractRules rules) {
        DecisionDraft out = new DecisionDraft(indicators);
        Optional<Decision> closeAll = RiskRules.accountLimits(out, settings, account);
        if (closeAll.isPresent()) {
            return closeAll.get();
        }
        Optional<OpenPosition> held = positions.on(indicators.symbol());
        if (!indicators.ready()) {
            return out.build(
                    held.isPresent() ? DecisionKind.HOLD : DecisionKind.SKIP,
                    ReasonCode.INDICATORS_NOT_READY,
                    "ADX(14) needs 28 candles, ATR and DI(14) need 15");
        }
        BigDecimal adx = indicators.adx();
        BigDecimal threshold = own.adxThreshold();
        out.confidence = confidence(indicators, threshold);
        Direction direction = direction(indicators);
        boolean trend = adx.compareTo(threshold) >= 0;
        boolean confident = out.confidence.compareTo(own.signalConfidence()) >= 0;
        out.signal = trend && direction != null && confident ? direction : null;

        if (held.isPresent()) {
            return decideForPosition(out, held.get(), own, direction);
        }
        if (!trend) {
            return out.build(
                    DecisionKind.SKIP,
                    ReasonCode.NO_TREND,
                    "ADX " + plain(adx) + " is below the threshold " + plain(threshold));
        }
        if (direction == null) {
            return out.build(
                    DecisionKind.SKIP, ReasonCode.NO_DIRECTION, "+DI equals -DI (" + plain(indicators.plusDi()) + ")");
        }
        if (!confident) {
            return out.build(
                    DecisionKind.SKIP,
                    ReasonCode.LOW_CONFIDENCE,
                    "confidence " + plain(out.confidence) + " is below " + plain(own.signalConfidence()));
        }
        return RiskRules.enter(
                out,
                direction,
                indicators.atr(),
                direction + " signal, confidence " + plain(out.confidence),
                settings,
                positions,
                account,
                rules);
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
        BigDecimal spreadTerm = diSum.signum() == 0
                ? BigDecimal.ZERO
                : clamp(indicators
                        .plusDi()
                        .subtract(indicators.minusDi())
                        .abs()
                        .divide(diSum, MATH)
                        .divide(HALF, MATH));
        boolean rose = indicators.previousAdx() != null && indicators.adx().compareTo(indicators.previousAdx()) > 0;
        return TREND_WEIGHT
                .multiply(trendTerm)
                .add(SPREAD_WEIGHT.multiply(spreadTerm))
                .add(rose ? RISING_WEIGHT : BigDecimal.ZERO)
                .setScale(2, RoundingMode.HALF_UP);
    }

    private static Decision decideForPosition(
            DecisionDraft out, OpenPosition held, AdxTrendSettings own, Direction direction) {
        IndicatorSnapshot indicators = out.indicators;
        out.quantity = held.quantity();
        List<Reason> exits = new ArrayList<>();
        BigDecimal exitLevel = own.adxThreshold().subtract(FIVE);
        if (indicators.adx().compareTo(exitLevel) < 0) {
            exits.add(new Reason(
                    ReasonCode.TREND_FADED,
                    "ADX " + plain(indicators.adx()) + " fell below " + plain(exitLevel) + " (threshold - 5)"));
        }
        if (direction != null && direction != held.side()) {
            exits.add(new Reason(
                    ReasonCode.DI_CROSS,
                    "DIs crossed against the " + held.side() + " position: +DI " + plain(indicators.plusDi()) + ", -DI "
                            + plain(indicators.minusDi())));
        }
        if (!exits.isEmpty()) {
            return out.build(DecisionKind.EXIT, exits);
        }
        out.quantity = null;
        if (out.signal == held.side()) {
            return out.build(
                    DecisionKind.SKIP,
                    ReasonCode.ALREADY_IN_POSITION,
                    "a " + held.side() + " position is already" + " open on " + held.symbol());
        }
        return out.build(DecisionKind.HOLD, ReasonCode.POSITION_KEPT, "the " + held.side() + " position's trend holds");
    }

    private static Direction direction(IndicatorSnapshot indicators) {
        int compared = indicators.plusDi().compareTo(indicators.minusDi());
        return compared > 0 ? Direction.LONG : compared < 0 ? Direction.SHORT : null;
    }

    private static BigDecimal clamp(BigDecimal value) {
        return value.max(BigDecimal.ZERO).min(BigDecimal.ONE);
    }
}
