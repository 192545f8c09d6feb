package dev.trenddesk.api.fees;

import java.math.BigDecimal;
import java.time.Instant;

/** One settlement as the fee pages and statements show it (the figures of {@link FeeEvent.FeePeriodSettled}). */
public record FeeSettlementView(
        String period,
        Instant periodStart,
        Instant periodEnd,
        BigDecimal startEquity,
        BigDecimal endEquity,
        BigDecimal highWaterMarkBefore,
        BigDecimal highWaterMarkAfter,
        BigDecimal periodNetProfit,
        BigDecimal cumulativeProfit,
        BigDecimal rate,
        BigDecimal fee,
        int trades,
        Instant settledAt) {}
