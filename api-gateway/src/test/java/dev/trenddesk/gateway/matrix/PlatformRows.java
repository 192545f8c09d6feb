package dev.trenddesk.gateway.matrix;

import static dev.trenddesk.gateway.matrix.Matrix.ADMINS;
import static dev.trenddesk.gateway.matrix.Matrix.LOGGED_IN;
import static dev.trenddesk.gateway.matrix.Matrix.row;

import dev.trenddesk.gateway.matrix.Matrix.Row;
import java.util.List;
import java.util.Map;

/**
 * The platform's kill switch: every logged-in role reads its status, only admins engage and release it. The admin's
 * engage is released by the next row's admin call, so the rows after these find trading allowed.
 */
public class PlatformRows implements Matrix.RowSource {

    @Override
    public List<Row> rows() {
        return List.of(
                row("GET", "/api/platform/status", LOGGED_IN),
                row(
                        "POST",
                        "/api/admin/platform/halt",
                        ADMINS,
                        w -> "/api/admin/platform/halt",
                        w -> Map.of("reason", "authorization matrix", "flatten", false)),
                row(
                        "POST",
                        "/api/admin/platform/release",
                        ADMINS,
                        w -> "/api/admin/platform/release",
                        w -> Map.of("reason", "authorization matrix")));
    }
}
