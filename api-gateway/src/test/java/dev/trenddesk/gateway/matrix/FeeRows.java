package dev.trenddesk.gateway.matrix;

import static dev.trenddesk.gateway.matrix.Matrix.ADMINS;
import static dev.trenddesk.gateway.matrix.Matrix.AUDIT_READERS;
import static dev.trenddesk.gateway.matrix.Matrix.TRADERS;
import static dev.trenddesk.gateway.matrix.Matrix.row;

import dev.trenddesk.gateway.matrix.Matrix.Row;
import java.util.List;
import java.util.Map;

/**
 * Performance fees: a trader reads their own fee account and statements; admins and auditors read every trader's
 * fees and the revenue; only admins set a trader's terms.
 */
public class FeeRows implements Matrix.RowSource {

    @Override
    public List<Row> rows() {
        return List.of(
                row("GET", "/api/me/fees", TRADERS),
                row(
                        "GET",
                        "/api/me/fees/statement",
                        TRADERS,
                        w -> "/api/me/fees/statement?from=2027-01&format=csv",
                        w -> null),
                row("GET", "/api/admin/fees", AUDIT_READERS),
                // the subject trader's rate stays 0: allowed callers get 200 and change nothing that counts
                row(
                        "PUT",
                        "/api/admin/fees/{id}",
                        ADMINS,
                        w -> "/api/admin/fees/" + w.subject().id(),
                        w -> Map.of("rate", 0, "reason", "authorization matrix")));
    }
}
