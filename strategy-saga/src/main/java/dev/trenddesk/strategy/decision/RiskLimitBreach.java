package dev.trenddesk.strategy.decision;

import dev.trenddesk.api.trading.RiskLimitKind;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A risk limit in effect at the decision's candle (source of a RiskLimitBreached event).
 *
 * @param kind     which limit
 * @param valuePct the measured loss or drawdown, percent, 4 decimals
 * @param limitPct the configured limit, percent
 */
public record RiskLimitBreach(RiskLimitKind kind, BigDecimal valuePct, BigDecimal limitPct) {

    public RiskLimitBreach {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(valuePct, "valuePct");
        Objects.requireNonNull(limitPct, "limitPct");
    }
}
