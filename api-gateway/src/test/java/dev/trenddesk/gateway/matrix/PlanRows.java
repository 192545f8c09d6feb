package dev.trenddesk.gateway.matrix;

import static dev.trenddesk.gateway.matrix.Matrix.ADMINS;
import static dev.trenddesk.gateway.matrix.Matrix.TRADERS;
import static dev.trenddesk.gateway.matrix.Matrix.row;

import dev.trenddesk.gateway.matrix.Matrix.Row;
import java.util.List;
import java.util.Map;

/**
 * Plans and subscriptions: a trader reads their own plan, only admins read and edit plans and traders'
 * subscriptions. The admin's bodies are refused for their content (a blank reason, a plan that does not exist, an
 * amount of 0), so the matrix changes no plan and no subscription.
 */
public class PlanRows implements Matrix.RowSource {

    @Override
    public List<Row> rows() {
        return List.of(
                row("GET", "/api/me/plan", TRADERS),
                row("GET", "/api/admin/plans", ADMINS),
                row(
                        "POST",
                        "/api/admin/plans",
                        ADMINS,
                        w -> "/api/admin/plans",
                        w -> Map.of("planId", "matrix", "name", "", "reason", "")),
                row(
                        "PUT",
                        "/api/admin/plans/{planId}",
                        ADMINS,
                        w -> "/api/admin/plans/no-such-plan",
                        w -> Map.of("name", "", "reason", "")),
                row(
                        "POST",
                        "/api/admin/plans/{planId}/retire",
                        ADMINS,
                        w -> "/api/admin/plans/no-such-plan/retire",
                        w -> Map.of("reason", "authorization matrix")),
                row(
                        "PUT",
                        "/api/admin/plans/default",
                        ADMINS,
                        w -> "/api/admin/plans/default",
                        w -> Map.of("planId", "no-such-plan", "reason", "authorization matrix")),
                row(
                        "GET",
                        "/api/admin/users/{id}/plan",
                        ADMINS,
                        w -> "/api/admin/users/" + w.subject().id() + "/plan",
                        w -> null),
                row(
                        "PUT",
                        "/api/admin/users/{id}/plan",
                        ADMINS,
                        w -> "/api/admin/users/" + w.subject().id() + "/plan",
                        w -> Map.of("planId", "no-such-plan", "reason", "authorization matrix")),
                row(
                        "POST",
                        "/api/admin/users/{id}/plan/payments",
                        ADMINS,
                        w -> "/api/admin/users/" + w.subject().id() + "/plan/payments",
                        w -> Map.of("amount", 0, "reference", "")),
                row(
                        "POST",
                        "/api/admin/users/{id}/plan/cancel",
                        ADMINS,
                        w -> "/api/admin/users/" + w.subject().id() + "/plan/cancel",
                        w -> Map.of("reason", "")));
    }
}
