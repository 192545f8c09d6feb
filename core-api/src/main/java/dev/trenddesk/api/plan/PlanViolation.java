package dev.trenddesk.api.plan;

/**
 * One thing a trader's plan does not allow.
 *
 * @param field   the request's field at fault, e.g. {@code symbols}
 * @param limit   the plan's limit, e.g. {@code plan.symbols} (docs/plans.md lists them)
 * @param message a sentence for the person
 */
public record PlanViolation(String field, String limit, String message) {}
