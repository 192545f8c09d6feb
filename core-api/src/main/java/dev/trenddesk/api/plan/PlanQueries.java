package dev.trenddesk.api.plan;

import dev.trenddesk.api.common.UserId;
import java.time.Instant;

/** Queries of plans and subscriptions (answered by the query side). */
public final class PlanQueries {

    private PlanQueries() {}

    /** Every plan, retired ones included: {@code List<PlanView>}, by price then name. */
    public record FindPlans() {}

    /** One plan: {@link PlanView}, or null. */
    public record FindPlan(String planId) {}

    /** A trader's plan and subscription as of {@code now}: {@link TraderPlanView}. */
    public record FindTraderPlan(UserId userId, Instant now) {}

    /** A trader's subscription history, newest first: {@code List<PlanHistoryEntry>}. */
    public record FindPlanHistory(UserId userId) {}
}
