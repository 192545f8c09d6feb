package dev.trenddesk.api.fees;

import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of a trader's fee account (the FeeAccount aggregate, one per trader, id {@link #accountId}). */
public final class FeeCommands {

    private FeeCommands() {}

    /** The fee account's aggregate identifier of a trader. */
    public static String accountId(UserId userId) {
        return "fees-" + userId.value();
    }

    /**
     * An admin sets a trader's fee terms; applies from the next settlement on (to the whole of that period's gains
     * above the mark). Who did it is in the metadata, why in {@code reason}.
     *
     * @param rate   the share of new profit above the high-water mark charged, {@code 0 ≤ rate < 1}
     * @param reason why, required
     */
    public record SetFeeTerms(
            @TargetAggregateIdentifier String accountId,
            UserId userId,
            BigDecimal rate,
            SettlementPeriod period,
            String reason,
            Instant at) {}

    /**
     * Settles one period of a trader's fee account: idempotent per period (a period already settled changes
     * nothing), and periods settle in order without gaps. Sent by the settlement driver (FeeSettler) from the
     * fee ledger; the aggregate applies the high-water mark itself.
     *
     * @param periodStart     start of the period (market time)
     * @param periodEnd       end of the period, exclusive
     * @param fromTrade       the ledger's last trade counted by the previous settlement (0: none)
     * @param throughTrade    the ledger's last trade this settlement counts (trades {@code fromTrade+1 … throughTrade})
     * @param periodNetProfit the sum of those trades' net P&amp;L (realised − trading fees + funding)
     * @param startEquity     the account's equity last read before the period (null: not known)
     * @param endEquity       the account's equity last read before its end (null: not known)
     * @param at              market time of the settlement
     */
    public record SettleFeePeriod(
            @TargetAggregateIdentifier String accountId,
            UserId userId,
            Instant periodStart,
            Instant periodEnd,
            long fromTrade,
            long throughTrade,
            BigDecimal periodNetProfit,
            BigDecimal startEquity,
            BigDecimal endEquity,
            Instant at) {}
}
