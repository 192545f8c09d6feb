package dev.trenddesk.strategy.decision;

import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.strategy.indicator.IndicatorSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The strategy's answer to one closed candle of one symbol.
 *
 * @param kind           what to do
 * @param symbol         the candle's symbol
 * @param candleTime     open time of the candle decided on
 * @param signal         direction of the entry signal generated on this candle (ADX: trend present, DIs apart,
 *                       confidence at least signalConfidence; EMA: a cross), whether or not it was acted on; null
 *                       when none
 * @param quantity       ENTER: quantity to open; EXIT: quantity of the position to close; otherwise null
 * @param entryReference ENTER: the reference entry price (the candle's close); otherwise null
 * @param stopLoss       ENTER: stop-loss price at the contract's price precision; otherwise null
 * @param takeProfit     ENTER: take-profit price at the contract's price precision; otherwise null
 * @param confidence     confidence 0–100 with 2 decimals; null while the indicators are not ready and for a
 *                       strategy without a confidence (EMA_CROSS)
 * @param indicators     the candle and indicator values decided on
 * @param reasons        why, at least one
 * @param limitBreach    a risk limit in effect at this candle, or null
 */
public record Decision(
        DecisionKind kind,
        String symbol,
        Instant candleTime,
        Direction signal,
        BigDecimal quantity,
        BigDecimal entryReference,
        BigDecimal stopLoss,
        BigDecimal takeProfit,
        BigDecimal confidence,
        IndicatorSnapshot indicators,
        List<Reason> reasons,
        RiskLimitBreach limitBreach) {

    public Decision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(candleTime, "candleTime");
        Objects.requireNonNull(indicators, "indicators");
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a decision needs at least one reason");
        }
    }

    /** The first reason's code: for a SKIP the reason the entry was refused. */
    public ReasonCode reasonCode() {
        return reasons.get(0).code();
    }

    /**
     * The one reason an EXIT closes its position, the same live and in backtests: {@link ReasonCode#DI_CROSS}
     * when the DIs crossed against the position (whether or not the trend also faded), else
     * {@link ReasonCode#EMA_CROSS} when the EMAs crossed against it, else {@link ReasonCode#TREND_FADED}.
     *
     * @throws IllegalStateException when this is not an EXIT
     */
    public ReasonCode exitReason() {
        if (kind != DecisionKind.EXIT) {
            throw new IllegalStateException("a " + kind + " decision closes nothing");
        }
        if (reasons.stream().anyMatch(r -> r.code() == ReasonCode.DI_CROSS)) {
            return ReasonCode.DI_CROSS;
        }
        return reasons.stream().anyMatch(r -> r.code() == ReasonCode.EMA_CROSS)
                ? ReasonCode.EMA_CROSS
                : ReasonCode.TREND_FADED;
    }

    /** True for ENTER_LONG and ENTER_SHORT. */
    public boolean isEntry() {
        return kind == DecisionKind.ENTER_LONG || kind == DecisionKind.ENTER_SHORT;
    }
}
