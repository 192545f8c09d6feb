package dev.trenddesk.strategy.decision;

import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.strategy.indicator.IndicatorSnapshot;
import java.math.BigDecimal;
import java.util.List;

/** Collects the optional parts of a decision while a strategy and {@link RiskRules} make it. */
final class DecisionDraft {
    final IndicatorSnapshot indicators;
    Direction signal;
    BigDecimal quantity;
    BigDecimal entryReference;
    BigDecimal stopLoss;
    BigDecimal takeProfit;
    BigDecimal confidence;
    RiskLimitBreach breach;

    DecisionDraft(IndicatorSnapshot indicators) {
        this.indicators = indicators;
    }

    Decision build(DecisionKind kind, ReasonCode code, String text) {
        return build(kind, List.of(new Reason(code, text)));
    }

    Decision build(DecisionKind kind, List<Reason> reasons) {
        return new Decision(
                kind,
                indicators.symbol(),
                indicators.candle().openTime(),
                signal,
                quantity,
                entryReference,
                stopLoss,
                takeProfit,
                confidence,
                indicators,
                reasons,
                breach);
    }
}
