package dev.trenddesk.strategy.decision;

import static dev.trenddesk.strategy.decision.RiskRules.plain;

import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.market.IndicatorKeys;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.strategy.indicator.IndicatorSnapshot;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * The EMA crossover strategy with an ATR stop ({@link StrategyId#EMA_CROSS}; docs/strategies.md).
 *
 * <p>A cross happens on this candle: up when the previous EMA(fast) ≤ the previous EMA(slow) and now
 * EMA(fast) &gt; EMA(slow) (a LONG signal), down when the previous fast ≥ the previous slow and now fast &lt; slow
 * (a SHORT signal). Order of the checks, first match wins:
 * <ol>
 *   <li>the account's limits ({@link RiskRules#accountLimits});</li>
 *   <li>EMA(fast), EMA(slow), their previous values or ATR(14) not defined → HOLD (position open) or SKIP
 *       {@link ReasonCode#INDICATORS_NOT_READY};</li>
 *   <li>position open on the symbol: a cross against it → EXIT {@link ReasonCode#EMA_CROSS}; a cross in its
 *       direction → SKIP {@link ReasonCode#ALREADY_IN_POSITION}; otherwise HOLD. The reverse entry can follow
 *       on a later cross;</li>
 *   <li>no position: no cross → SKIP {@link ReasonCode#NO_CROSS}; otherwise the shared entry rules
 *       ({@link RiskRules#enter}: stop = stopAtr × ATR(14), take-profit = takeProfitR × the stop distance,
 *       sizing and limits).</li>
 * </ol>
 * It has no confidence: its decisions carry none.
 */
public final class EmaCrossStrategy implements Strategy<EmaCrossSettings> {

    @Override
    public StrategyId id() {
        return StrategyId.EMA_CROSS;
    }

    @Override
    public EmaCrossSettings settings(TradingSettings settings) {
        return EmaCrossSettings.of(settings);
    }

    @Override
    public Set<String> indicators(EmaCrossSettings own) {
        return Set.of(
                IndicatorKeys.ema(own.fast()),
                IndicatorKeys.emaPrev(own.fast()),
                IndicatorKeys.ema(own.slow()),
                IndicatorKeys.emaPrev(own.slow()),
                IndicatorKeys.ATR);
    }

    @Override
    public Decision decide(
            IndicatorSnapshot indicators,
            EmaCrossSettings own,
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
        BigDecimal fast = indicators.ema(own.fast());
        BigDecimal slow = indicators.ema(own.slow());
        BigDecimal fastBefore = indicators.emaPrev(own.fast());
        BigDecimal slowBefore = indicators.emaPrev(own.slow());
        BigDecimal atr = indicators.atr();
        if (fast == null || slow == null || fastBefore == null || slowBefore == null || atr == null) {
            return out.build(
                    held.isPresent() ? DecisionKind.HOLD : DecisionKind.SKIP,
                    ReasonCode.INDICATORS_NOT_READY,
                    "EMA(" + own.slow() + ") and its previous value need " + (own.slow() + 1)
                            + " candles, ATR(14) needs 15");
        }
        Direction cross = null;
        if (fastBefore.compareTo(slowBefore) <= 0 && fast.compareTo(slow) > 0) {
            cross = Direction.LONG;
        } else if (fastBefore.compareTo(slowBefore) >= 0 && fast.compareTo(slow) < 0) {
            cross = Direction.SHORT;
        }
        out.signal = cross;
        String emas = "EMA(" + own.fast() + ") " + plain(fast) + ", EMA(" + own.slow() + ") " + plain(slow)
                + " (before: " + plain(fastBefore) + ", " + plain(slowBefore) + ")";

        if (held.isPresent()) {
            OpenPosition position = held.get();
            if (cross != null && cross != position.side()) {
                out.quantity = position.quantity();
                return out.build(
                        DecisionKind.EXIT,
                        ReasonCode.EMA_CROSS,
                        "EMA(" + own.fast() + ") crossed "
                                + (cross == Direction.LONG ? "above" : "below") + " EMA(" + own.slow()
                                + ") against the "
                                + position.side() + " position: " + emas);
            }
            if (cross == position.side()) {
                return out.build(
                        DecisionKind.SKIP,
                        ReasonCode.ALREADY_IN_POSITION,
                        "a " + position.side() + " position is already open on " + position.symbol());
            }
            return out.build(
                    DecisionKind.HOLD,
                    ReasonCode.POSITION_KEPT,
                    "no cross against the " + position.side() + " position: " + emas);
        }
        if (cross == null) {
            return out.build(
                    DecisionKind.SKIP,
                    ReasonCode.NO_CROSS,
                    "EMA(" + own.fast() + ") did not cross EMA(" + own.slow() + "): " + emas);
        }
        return RiskRules.enter(
                out,
                cross,
                atr,
                cross + " signal, EMA(" + own.fast() + ") crossed " + (cross == Direction.LONG ? "above" : "below")
                        + " EMA(" + own.slow() + ")",
                settings,
                positions,
                account,
                rules);
    }
}
