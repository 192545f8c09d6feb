package dev.trenddesk.strategy.decision;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A risk limit in effect at the decision's candle (source of a RiskLimitBreached event).
 *
 * @param kind     which limit
 * @param valuePct the measured loss or drawdown, percent, 4 decimals
 * @param limitPct the configured limit, percent
 */
public record RiskLimitBreach(Kind kind, BigDecimal valuePct, BigDecimal limitPct) {

    /** The account-level limits of the default strategy. */
    public enum Kind {
        /** The UTC day's loss reached dailyLossLimitPct: no new positions until the next day. */
        DAILY_LOSS,
        /** Equity fell maxDrawdownPct below its peak: close everything and stop. */
        MAX_DRAWDOWN
    }

    public RiskLimitBreach {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(valuePct, "valuePct");
        Objects.requireNonNull(limitPct, "limitPct");
    }
}
