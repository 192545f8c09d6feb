package dev.trenddesk.api.fees;

import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** What happened to a trader's fee account (aggregate {@link FeeCommands#accountId}). Who did it: the metadata. */
public sealed interface FeeEvent {

    String accountId();

    UserId userId();

    Instant at();

    /**
     * An admin set the trader's fee terms.
     *
     * @param previousRate the rate before (0 for a new account)
     * @param reason       why, as the admin gave it
     */
    @Revision("1")
    record FeeTermsSet(
            String accountId,
            UserId userId,
            BigDecimal previousRate,
            BigDecimal rate,
            SettlementPeriod period,
            String reason,
            Instant at)
            implements FeeEvent {}

    /**
     * One period of the trader's fee account was settled, with every figure that made the fee.
     *
     * @param period              the period's name ({@code 2027-01})
     * @param startEquity         equity last read before the period (null: not known); shown, never used
     * @param endEquity           equity last read before its end (null: not known); shown, never used
     * @param periodNetProfit     net P&amp;L of the trades the period counts
     * @param cumulativeProfit    {@code C}: every counted trade's net P&amp;L since the account began
     * @param fee                 {@code rate × max(0, C − highWaterMarkBefore)}, 8 decimals, half up
     * @param trades              how many trades the period counts
     * @param throughTrade        the fee ledger's last trade counted (the next period counts from the one after)
     * @param at                  market time of the settlement
     */
    @Revision("1")
    record FeePeriodSettled(
            String accountId,
            UserId userId,
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
            long throughTrade,
            Instant at)
            implements FeeEvent {}
}
