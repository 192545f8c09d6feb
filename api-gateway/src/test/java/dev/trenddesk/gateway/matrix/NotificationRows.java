package dev.trenddesk.gateway.matrix;

import static dev.trenddesk.gateway.matrix.Matrix.TRADERS;
import static dev.trenddesk.gateway.matrix.Matrix.row;

import dev.trenddesk.gateway.matrix.Matrix.Row;
import java.util.List;
import java.util.Map;

/** A trader's own notification channels (traders only; nobody reads another's). */
public class NotificationRows implements Matrix.RowSource {

    @Override
    public List<Row> rows() {
        return List.of(
                row("GET", "/api/me/notifications", TRADERS),
                // removes every channel of the caller (there are none): allowed callers get 200
                row("PUT", "/api/me/notifications", TRADERS, w -> "/api/me/notifications", w -> Map.of()),
                // no webhook set up: allowed callers get 409
                row(
                        "POST",
                        "/api/me/notifications/{channel}/test",
                        TRADERS,
                        w -> "/api/me/notifications/webhook/test",
                        w -> Map.of()),
                row("GET", "/api/me/notifications/deliveries", TRADERS));
    }
}
