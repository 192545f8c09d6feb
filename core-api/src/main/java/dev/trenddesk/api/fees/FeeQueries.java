package dev.trenddesk.api.fees;

import dev.trenddesk.api.common.UserId;
import java.time.Instant;

/** Queries about performance fees (answered by the query side's fee views). */
public final class FeeQueries {

    private FeeQueries() {}

    /** Answers a {@link FeesView}: the trader's terms, mark, accrued fee and settlements. */
    public record FindFees(UserId userId) {}

    /** Answers a {@link FeesOverview}: every trader with a fee account, and the revenue. */
    public record FindAllFees() {}

    /**
     * Answers a list of {@link FeeSettlementView}: the trader's settlements whose period starts in {@code [from,
     * to)}, oldest first.
     */
    public record FindFeeSettlements(UserId userId, Instant from, Instant to) {}

    /**
     * Answers a list of {@link FeeCommands.SettleFeePeriod}: for every trader whose next unsettled period ended at
     * or before {@code marketNow}, the settlement of that period as the fee ledger has it now (its trades, their
     * net P&amp;L, the equity readings), to be sent by the settlement driver. Only the next period of each trader:
     * a trader several periods behind gets one per round.
     */
    public record FindDueFeeSettlements(Instant marketNow) {}
}
