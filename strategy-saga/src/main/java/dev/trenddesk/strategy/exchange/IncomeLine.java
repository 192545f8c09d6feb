package dev.trenddesk.strategy.exchange;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of the account's income history.
 *
 * @param transactionId the exchange's id of the line (unique per line)
 * @param orderId       the order the line belongs to, when it belongs to one
 */
public record IncomeLine(
        String symbol, IncomeType type, BigDecimal amount, Instant time, String transactionId, String orderId) {

    /** What the line books. */
    public enum IncomeType {
        REALIZED_PNL,
        TRADING_FEE,
        FUNDING_FEE,
        /** What a liquidation kept of the position's margin (the liquidation's clearance fee). */
        LIQUIDATION_CLEARANCE,
        OTHER
    }
}
