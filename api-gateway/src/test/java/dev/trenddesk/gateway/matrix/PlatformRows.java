package dev.trenddesk.gateway.matrix;

import static dev.trenddesk.gateway.matrix.Matrix.ADMINS;
import static dev.trenddesk.gateway.matrix.Matrix.EVERYONE;
import static dev.trenddesk.gateway.matrix.Matrix.LOGGED_IN;
import static dev.trenddesk.gateway.matrix.Matrix.row;

import dev.trenddesk.gateway.matrix.Matrix.Row;
import java.util.List;
import java.util.Map;

/**
 * The platform's kill switch and settings: every logged-in role reads the status and the allowed markets, everyone
 * (before login too) the brand, only admins engage and release the switch and read and change the settings. The admin's
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
                        w -> Map.of("reason", "authorization matrix")),
                // the platform's settings: every role reads the allowed markets, admins read and change the rest;
                // the admin's bodies restate what the platform has (no restriction, built-in defaults, maintenance
                // off), so they change nothing
                row("GET", "/api/platform/markets", LOGGED_IN),
                row("GET", "/api/admin/platform/settings", ADMINS),
                row(
                        "PUT",
                        "/api/admin/platform/settings/defaults",
                        ADMINS,
                        w -> "/api/admin/platform/settings/defaults",
                        w -> Map.of("reason", "authorization matrix")),
                row(
                        "PUT",
                        "/api/admin/platform/settings/markets",
                        ADMINS,
                        w -> "/api/admin/platform/settings/markets",
                        w -> Map.of("symbols", List.of(), "timeframes", List.of())),
                row(
                        "PUT",
                        "/api/admin/platform/settings/maintenance",
                        ADMINS,
                        w -> "/api/admin/platform/settings/maintenance",
                        w -> Map.of("on", false)),
                // no server set: clearing it again changes nothing; the test e-mail is refused (409) where no SMTP
                // server is configured, which is after the authorization check
                row(
                        "PUT",
                        "/api/admin/platform/settings/mail",
                        ADMINS,
                        w -> "/api/admin/platform/settings/mail",
                        w -> Map.of("reason", "authorization matrix")),
                row(
                        "POST",
                        "/api/admin/platform/settings/mail/test",
                        ADMINS,
                        w -> "/api/admin/platform/settings/mail/test",
                        w -> Map.of()),
                // the brand: anyone reads it, also before login (the login page shows it; no logo: 404); admins
                // restate the default brand and no logo, which changes nothing
                row("GET", "/api/branding", EVERYONE),
                row("GET", "/api/branding/logo", EVERYONE),
                row(
                        "PUT",
                        "/api/admin/platform/settings/branding",
                        ADMINS,
                        w -> "/api/admin/platform/settings/branding",
                        w -> Map.of("reason", "authorization matrix")),
                row(
                        "PUT",
                        "/api/admin/platform/settings/logo",
                        ADMINS,
                        w -> "/api/admin/platform/settings/logo",
                        w -> Map.of("reason", "authorization matrix")));
    }
}
