package dev.trenddesk.gateway.matrix;

import static dev.trenddesk.gateway.matrix.Matrix.ADMINS;
import static dev.trenddesk.gateway.matrix.Matrix.TRADERS;
import static dev.trenddesk.gateway.matrix.Matrix.row;

import dev.trenddesk.gateway.matrix.Matrix.Row;
import java.util.List;
import java.util.Map;

/** BingX connection (traders only), the admin connection overview and key-vault rotation (admins only). */
public class CredentialsRows implements Matrix.RowSource {

    @Override
    public List<Row> rows() {
        return List.of(
                row("GET", "/api/me/bingx", TRADERS),
                // an empty key: allowed callers get 422, nothing is stored
                row("POST", "/api/me/bingx", TRADERS, w -> "/api/me/bingx", w -> Map.of("apiKey", "", "secretKey", "")),
                // no key connected: allowed callers get 409
                row("POST", "/api/me/bingx/test", TRADERS, w -> "/api/me/bingx/test", w -> Map.of()),
                row("DELETE", "/api/me/bingx", TRADERS, w -> "/api/me/bingx", w -> null),
                row("GET", "/api/admin/connections", ADMINS),
                row("POST", "/api/admin/key-vault/rotate", ADMINS, w -> "/api/admin/key-vault/rotate", w -> Map.of()));
    }
}
