package dev.trenddesk.gateway.matrix;

import static dev.trenddesk.gateway.matrix.Matrix.ADMINS;
import static dev.trenddesk.gateway.matrix.Matrix.TRADERS;
import static dev.trenddesk.gateway.matrix.Matrix.row;

import dev.trenddesk.gateway.matrix.Matrix.Row;
import java.util.List;
import java.util.Map;

/**
 * The bot: traders their own, admins anyone's. The matrix's people have no verified BingX key and no
 * running bot, so allowed callers get 409 (start: credentials required; pause/resume/stop: no bot),
 * and nothing starts.
 */
public class TradingRows implements Matrix.RowSource {

    @Override
    public List<Row> rows() {
        return List.of(
                row("GET", "/api/me/bot", TRADERS),
                row("POST", "/api/me/bot/start", TRADERS, w -> "/api/me/bot/start", w -> Map.of()),
                row("POST", "/api/me/bot/pause", TRADERS, w -> "/api/me/bot/pause", w -> Map.of()),
                row("POST", "/api/me/bot/resume", TRADERS, w -> "/api/me/bot/resume", w -> Map.of()),
                row("POST", "/api/me/bot/stop", TRADERS, w -> "/api/me/bot/stop", w -> Map.of("flatten", false)),
                row(
                        "GET",
                        "/api/admin/users/{id}/bot",
                        ADMINS,
                        w -> "/api/admin/users/" + w.subject().id() + "/bot",
                        w -> null),
                row(
                        "POST",
                        "/api/admin/users/{id}/bot/start",
                        ADMINS,
                        w -> "/api/admin/users/" + w.subject().id() + "/bot/start",
                        w -> Map.of()),
                row(
                        "POST",
                        "/api/admin/users/{id}/bot/pause",
                        ADMINS,
                        w -> "/api/admin/users/" + w.subject().id() + "/bot/pause",
                        w -> Map.of()),
                row(
                        "POST",
                        "/api/admin/users/{id}/bot/resume",
                        ADMINS,
                        w -> "/api/admin/users/" + w.subject().id() + "/bot/resume",
                        w -> Map.of()),
                row(
                        "POST",
                        "/api/admin/users/{id}/bot/stop",
                        ADMINS,
                        w -> "/api/admin/users/" + w.subject().id() + "/bot/stop",
                        w -> Map.of("flatten", false)));
    }
}
