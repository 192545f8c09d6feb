package dev.trenddesk.gateway.matrix;

import static dev.trenddesk.gateway.matrix.Matrix.ADMINS;
import static dev.trenddesk.gateway.matrix.Matrix.AUDIT_READERS;
import static dev.trenddesk.gateway.matrix.Matrix.READERS_OF_A;
import static dev.trenddesk.gateway.matrix.Matrix.TRADERS;
import static dev.trenddesk.gateway.matrix.Matrix.row;

import dev.trenddesk.gateway.matrix.Matrix.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Read side: a trader's own read models and stream, the same for admins and granted viewers under
 * /api/users/{id}, the admin overview and projection admin, and the audit log. Streams are called
 * with {@code follow=false} so that they end after their snapshot.
 */
public class ReadSideRows implements Matrix.RowSource {

    private static final List<String> PARTS = List.of(
            "dashboard",
            "positions",
            "orders",
            "trades",
            "sessions",
            "performance",
            "signals",
            "candles",
            "candle-series",
            "alerts");

    @Override
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String part : PARTS) {
            rows.add(row("GET", "/api/me/" + part, TRADERS));
            rows.add(row(
                    "GET",
                    "/api/users/{id}/" + part,
                    READERS_OF_A,
                    w -> "/api/users/" + w.traderA().id() + "/" + part,
                    w -> null));
        }
        rows.add(row("GET", "/api/me/stream", TRADERS, w -> "/api/me/stream?follow=false", w -> null));
        rows.add(row(
                "GET",
                "/api/users/{id}/stream",
                READERS_OF_A,
                w -> "/api/users/" + w.traderA().id() + "/stream?follow=false",
                w -> null));
        rows.add(row("GET", "/api/admin/overview", ADMINS));
        rows.add(row(
                "GET",
                "/api/admin/overview/stream",
                ADMINS,
                w -> "/api/admin/overview/stream?follow=false",
                w -> null));
        rows.add(row("GET", "/api/admin/projections", ADMINS));
        rows.add(row(
                "POST",
                "/api/admin/projections/{name}/rebuild",
                ADMINS,
                w -> "/api/admin/projections/no-such-projection/rebuild",
                w -> Map.of()));
        rows.add(row("GET", "/api/audit/events", AUDIT_READERS, w -> "/api/audit/events?limit=5", w -> null));
        rows.add(row(
                "GET",
                "/api/audit/export",
                AUDIT_READERS,
                w -> "/api/audit/export?format=csv&type=NoSuchEventType",
                w -> null));
        rows.add(row("GET", "/api/audit/case", AUDIT_READERS, w -> "/api/audit/case?type=NoSuchEventType", w -> null));
        rows.add(row("GET", "/api/audit/verify", AUDIT_READERS));
        rows.add(row("GET", "/api/audit/checkpoints", AUDIT_READERS));
        rows.add(row("POST", "/api/audit/checkpoints", AUDIT_READERS, w -> "/api/audit/checkpoints", w -> Map.of()));
        rows.add(row(
                "GET",
                "/api/audit/aggregates/{id}",
                AUDIT_READERS,
                w -> "/api/audit/aggregates/" + w.traderA().id(),
                w -> null));
        rows.add(row(
                "GET",
                "/api/audit/users/{id}/replay",
                AUDIT_READERS,
                w -> "/api/audit/users/" + w.traderA().id() + "/replay?limit=5",
                w -> null));
        return rows;
    }
}
