package dev.trenddesk.api.plan;

import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.InvalidInputException;
import java.util.List;

/**
 * A request beyond the trader's plan: answered 422 problem+json whose {@code errors} name the field and the plan's
 * limit, with the plan's name as {@code plan} (docs/plans.md).
 */
public class PlanLimitException extends InvalidInputException {

    private final String plan;
    private final List<PlanViolation> limits;

    public PlanLimitException(String plan, List<PlanViolation> limits) {
        super(limits.stream()
                .map(v -> new FieldViolation(v.field(), v.message()))
                .toList());
        this.plan = plan;
        this.limits = List.copyOf(limits);
    }

    public PlanLimitException(String plan, PlanViolation limit) {
        this(plan, List.of(limit));
    }

    public String plan() {
        return plan;
    }

    public List<PlanViolation> limits() {
        return limits;
    }
}
