package dev.trenddesk.api.plan;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands of the plans admins edit (the Plan aggregate, one per plan). Who asked travels in the metadata; every
 * change needs a reason except shipping the defaults at the first start.
 */
public final class PlanCommands {

    /** The plans shipped with the platform, created at the first start. */
    public static final String FREE = "free";

    public static final String BASIC = "basic";
    public static final String PRO = "pro";

    /** The currency of every price. */
    public static final String CURRENCY = "USD";

    private PlanCommands() {}

    /** A new plan. {@code monthlyPrice} zero: a free plan, never past due. */
    public record CreatePlan(
            @TargetAggregateIdentifier String planId,
            String name,
            BigDecimal monthlyPrice,
            PlanLimits limits,
            String reason,
            Instant at) {}

    /**
     * A shipped plan, created at the first start; a plan that exists already is left as it is (an admin may have
     * changed it). {@code initialDefault}: it becomes the default plan when it is created.
     */
    public record ShipPlan(
            @TargetAggregateIdentifier String planId,
            String name,
            BigDecimal monthlyPrice,
            PlanLimits limits,
            boolean initialDefault,
            Instant at) {}

    /** New name, price or limits; traders on the plan get them at once (running bots: from their next change). */
    public record ChangePlan(
            @TargetAggregateIdentifier String planId,
            String name,
            BigDecimal monthlyPrice,
            PlanLimits limits,
            String reason,
            Instant at) {}

    /** No longer assignable; traders on it keep it until an admin moves them. The default plan cannot retire. */
    public record RetirePlan(@TargetAggregateIdentifier String planId, String reason, Instant at) {}

    /** The plan traders without an assignment of their own are on (new traders among them). */
    public record MakeDefaultPlan(@TargetAggregateIdentifier String planId, String reason, Instant at) {}
}
