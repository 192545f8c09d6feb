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
}
