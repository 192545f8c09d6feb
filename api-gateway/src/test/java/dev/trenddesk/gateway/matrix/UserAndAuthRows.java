package dev.trenddesk.gateway.matrix;

import static dev.trenddesk.gateway.matrix.Matrix.ADMINS;
import static dev.trenddesk.gateway.matrix.Matrix.EVERYONE;
import static dev.trenddesk.gateway.matrix.Matrix.LOGGED_IN;
import static dev.trenddesk.gateway.matrix.Matrix.TRADERS;
import static dev.trenddesk.gateway.matrix.Matrix.row;

import dev.trenddesk.gateway.matrix.Matrix.Row;
import java.util.List;
import java.util.Map;

/** Login, own profile, admin user management, and the OpenAPI document. */
public class UserAndAuthRows implements Matrix.RowSource {

    @Override
    public List<Row> rows() {
        return List.of(
                row(
                        "POST",
                        "/api/auth/login",
                        EVERYONE,
                        w -> "/api/auth/login",
                        w -> Map.of("username", "nobody-here", "password", "")),
                row("POST", "/api/auth/logout", LOGGED_IN, w -> "/api/auth/logout", w -> Map.of()),
                row("GET", "/api/auth/csrf", EVERYONE),
                row("GET", "/api/me", LOGGED_IN),
                row(
                        "PUT",
                        "/api/me/password",
                        LOGGED_IN,
                        w -> "/api/me/password",
                        w -> Map.of("currentPassword", "not the password", "newPassword", "some new password")),
                // a wrong password: the matrix's people keep their addresses
                row(
                        "PUT",
                        "/api/me/email",
                        LOGGED_IN,
                        w -> "/api/me/email",
                        w -> Map.of("email", "someone.else@example.org", "currentPassword", "not the password")),
                row("GET", "/api/me/settings", TRADERS),
                row("PUT", "/api/me/settings", TRADERS, w -> "/api/me/settings", w -> Map.of("maxPositions", 0)),
                row("GET", "/api/admin/users", ADMINS),
                row("POST", "/api/admin/users", ADMINS, w -> "/api/admin/users", w -> Map.of("username", "")),
                row(
                        "GET",
                        "/api/admin/users/{id}",
                        ADMINS,
                        w -> "/api/admin/users/" + w.subject().id(),
                        w -> null),
                row(
                        "PATCH",
                        "/api/admin/users/{id}",
                        ADMINS,
                        w -> "/api/admin/users/" + w.subject().id(),
                        w -> Map.of("tradingEnabled", false)),
                row(
                        "POST",
                        "/api/admin/users/{id}/unlock",
                        ADMINS,
                        w -> "/api/admin/users/" + w.subject().id() + "/unlock",
                        w -> Map.of()),
                row(
                        "PUT",
                        "/api/admin/users/{id}/password",
                        ADMINS,
                        w -> "/api/admin/users/" + w.subject().id() + "/password",
                        w -> Map.of("password", w.subject().password())),
                // an unknown id: erasing is irreversible, so the matrix never erases a real user
                row(
                        "POST",
                        "/api/admin/users/{id}/erase",
                        ADMINS,
                        w -> "/api/admin/users/" + java.util.UUID.randomUUID() + "/erase",
                        w -> Map.of()),
                row(
                        "PUT",
                        "/api/admin/users/{viewerId}/grants/{traderId}",
                        ADMINS,
                        w -> "/api/admin/users/" + w.viewerNotGranted().id() + "/grants/"
                                + w.subject().id(),
                        w -> Map.of()),
                row(
                        "DELETE",
                        "/api/admin/users/{viewerId}/grants/{traderId}",
                        ADMINS,
                        w -> "/api/admin/users/" + w.viewerNotGranted().id() + "/grants/"
                                + w.subject().id(),
                        w -> null),
                row("GET", "/v3/api-docs", EVERYONE),
                row("GET", "/v3/api-docs.yaml", EVERYONE));
    }
}
