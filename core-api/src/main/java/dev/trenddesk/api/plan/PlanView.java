package dev.trenddesk.api.plan;

import java.math.BigDecimal;
import java.time.Instant;

/** A plan as admins and traders see it. */
public record PlanView(
        String planId,
        String name,
        BigDecimal monthlyPrice,
        String currency,
        PlanLimits limits,
        boolean retired,
        boolean defaultPlan,
        boolean shipped,
        Instant updatedAt) {

    public boolean paid() {
        return monthlyPrice != null && monthlyPrice.signum() > 0;
    }
}
