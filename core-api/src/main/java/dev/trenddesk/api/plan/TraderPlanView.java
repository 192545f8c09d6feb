package dev.trenddesk.api.plan;

import dev.trenddesk.api.common.UserId;
import java.time.Instant;

/**
 * A trader's plan and subscription as of {@code now} (market time).
 *
 * @param assigned    an admin assigned the plan; false: the default plan (no period, always ACTIVE)
 * @param periodStart the current monthly period's start; null when not assigned
 * @param periodEnd   the current monthly period's end; null when not assigned
 * @param paidThrough the end of the paid time; null: nothing paid
 */
public record TraderPlanView(
        UserId userId,
        PlanView plan,
        boolean assigned,
        SubscriptionStatus status,
        Instant periodStart,
        Instant periodEnd,
        Instant paidThrough,
        Instant now) {}
