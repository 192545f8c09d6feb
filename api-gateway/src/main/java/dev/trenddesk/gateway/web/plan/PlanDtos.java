package dev.trenddesk.gateway.web.plan;

import dev.trenddesk.api.plan.PlanHistoryEntry;
import dev.trenddesk.api.plan.PlanLimits;
import dev.trenddesk.api.plan.PlanView;
import dev.trenddesk.api.plan.SubscriptionStatus;
import dev.trenddesk.api.plan.TraderPlanView;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The plans' requests and answers (docs/plans.md). */
final class PlanDtos {

    static final int MAX_REASON = 500;

    private PlanDtos() {}

    /**
     * A new plan.
     *
     * @param planId       its identifier: 2 to 64 lowercase letters, digits or '-'
     * @param monthlyPrice USD per month; 0: a free plan (never past due)
     * @param reason       why (required)
     */
    record CreatePlanRequest(
            @NotBlank @Size(max = 64) String planId,
            @NotBlank @Size(max = 40) String name,
            @NotNull BigDecimal monthlyPrice,
            @NotNull PlanLimits limits,
            @NotBlank @Size(max = MAX_REASON) String reason) {}

    /** New name, price and limits of a plan; reason required. */
    record ChangePlanRequest(
            @NotBlank @Size(max = 40) String name,
            @NotNull BigDecimal monthlyPrice,
            @NotNull PlanLimits limits,
            @NotBlank @Size(max = MAX_REASON) String reason) {}

    /** Why (required). */
    record ReasonRequest(@NotBlank @Size(max = MAX_REASON) String reason) {}

    /** The plan new traders and traders without an assignment are on. */
    record DefaultPlanRequest(
            @NotBlank @Size(max = 64) String planId,
            @NotBlank @Size(max = MAX_REASON) String reason) {}

    /** Put a trader on a plan. */
    record AssignPlanRequest(
            @NotBlank @Size(max = 64) String planId,
            @NotBlank @Size(max = MAX_REASON) String reason) {}

    /**
     * A payment received outside the platform.
     *
     * @param amount      USD
     * @param reference   the payment's reference (an invoice or transfer number)
     * @param periodStart start of the period it covers; left out: where the paid time ends (now when it lapsed)
     * @param periodEnd   end of the period it covers; left out: one month after periodStart
     */
    record PaymentRequest(
            @NotNull BigDecimal amount,
            @NotBlank @Size(max = 100) String reference,
            Instant periodStart,
            Instant periodEnd) {}

    /** A plan as admins and traders see it. */
    record PlanResponse(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String planId,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String name,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            BigDecimal monthlyPrice,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String currency,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            PlanLimits limits,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            boolean retired,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            boolean defaultPlan,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            boolean shipped,

            Instant updatedAt) {

        static PlanResponse of(PlanView v) {
            return new PlanResponse(
                    v.planId(),
                    v.name(),
                    v.monthlyPrice(),
                    v.currency(),
                    v.limits(),
                    v.retired(),
                    v.defaultPlan(),
                    v.shipped(),
                    v.updatedAt());
        }
    }

    /**
     * A trader's plan and subscription now (market time).
     *
     * @param assigned    an admin assigned the plan; false: the default plan (always ACTIVE, no period)
     * @param mayEnter    whether bots may start and open new positions now
     * @param paidThrough the end of the paid time; null: nothing paid
     */
    record TraderPlanResponse(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String userId,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            PlanResponse plan,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            boolean assigned,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            SubscriptionStatus status,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            boolean mayEnter,

            Instant periodStart,
            Instant periodEnd,
            Instant paidThrough,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            Instant now) {

        static TraderPlanResponse of(TraderPlanView v) {
            boolean paid = v.assigned() && v.plan().paid();
            return new TraderPlanResponse(
                    v.userId().toString(),
                    PlanResponse.of(v.plan()),
                    v.assigned(),
                    v.status(),
                    SubscriptionStatus.mayEnter(
                            paid, v.paidThrough(), v.status() == SubscriptionStatus.CANCELLED, v.now()),
                    v.periodStart(),
                    v.periodEnd(),
                    v.paidThrough(),
                    v.now());
        }
    }

    /** A trader's plan and the history of its changes, newest first (admins). */
    record UserPlanResponse(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            TraderPlanResponse current,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<PlanHistoryEntry> history) {}
}
