package dev.trenddesk.api.fees;

import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A trader's fee account.
 *
 * @param rate             the fee rate in force (0: no fee)
 * @param highWaterMark    the mark after the last settlement (0 before the first)
 * @param periodStart      start of the period not settled yet (market time); null before the first trade
 * @param cumulativeProfit {@code C} now: every trade's net P&amp;L counted so far, settled or not
 * @param accruedFee       {@code rate × max(0, C − HWM)}: what a settlement now would charge
 * @param totalFees        the fees of every settlement
 * @param settlements      newest first
 */
public record FeesView(
        UserId userId,
        BigDecimal rate,
        SettlementPeriod settlementPeriod,
        BigDecimal highWaterMark,
        Instant periodStart,
        BigDecimal cumulativeProfit,
        BigDecimal accruedFee,
        BigDecimal totalFees,
        List<FeeSettlementView> settlements) {

    /** A trader who never traded and has no terms: no fee, nothing settled. */
    public static FeesView none(UserId userId) {
        return new FeesView(
                userId,
                BigDecimal.ZERO,
                SettlementPeriod.MONTHLY,
                BigDecimal.ZERO,
                null,
                BigDecimal.ZERO,
                BigDecimal.ZERO.setScale(HighWaterMark.FEE_SCALE),
                BigDecimal.ZERO,
                List.of());
    }
}
