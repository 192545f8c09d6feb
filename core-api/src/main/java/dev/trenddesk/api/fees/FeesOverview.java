package dev.trenddesk.api.fees;

import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Every trader's fees and the platform's revenue from them.
 *
 * @param totalRevenue the fees of every settlement of every trader
 * @param totalAccrued the fees accrued, not settled yet
 */
public record FeesOverview(List<TraderFees> traders, BigDecimal totalRevenue, BigDecimal totalAccrued) {

    /**
     * One trader's line.
     *
     * @param lastSettled the period last settled ({@code 2027-01}); null when none
     */
    public record TraderFees(
            UserId userId,
            String username,
            BigDecimal rate,
            SettlementPeriod settlementPeriod,
            BigDecimal highWaterMark,
            BigDecimal cumulativeProfit,
            BigDecimal accruedFee,
            BigDecimal totalFees,
            int settlements,
            String lastSettled,
            Instant periodStart) {}
}
