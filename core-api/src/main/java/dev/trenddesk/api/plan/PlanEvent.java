package dev.trenddesk.api.plan;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** What admins did to plans. The admin who did it is in the metadata (actorId), as for every event. */
public sealed interface PlanEvent {

    String planId();

    Instant at();

    /** @param shipped created by the platform at its first start (no admin, no reason) */
    @Revision("1")
    record PlanCreated(
            String planId,
            String name,
            BigDecimal monthlyPrice,
            String currency,
            PlanLimits limits,
            boolean shipped,
            String reason,
            Instant at)
            implements PlanEvent {}

    @Revision("1")
    record PlanChanged(
            String planId,
            String nameBefore,
            String name,
            BigDecimal monthlyPriceBefore,
            BigDecimal monthlyPrice,
            PlanLimits limitsBefore,
            PlanLimits limits,
            String reason,
            Instant at)
            implements PlanEvent {}

    @Revision("1")
    record PlanRetired(String planId, String name, String reason, Instant at) implements PlanEvent {}

    /** @param previousPlanId the default until now */
    @Revision("1")
    record DefaultPlanChosen(String planId, String previousPlanId, String reason, Instant at) implements PlanEvent {}
}
