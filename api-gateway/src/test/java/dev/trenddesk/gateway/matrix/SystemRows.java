package dev.trenddesk.gateway.matrix;

import static dev.trenddesk.gateway.matrix.Matrix.ADMINS;
import static dev.trenddesk.gateway.matrix.Matrix.row;

import dev.trenddesk.gateway.matrix.Matrix.Row;
import java.util.List;

/** The admin System page: the cluster view and its stream (called with {@code follow=false} so it ends). */
public class SystemRows implements Matrix.RowSource {

    @Override
    public List<Row> rows() {
        return List.of(
                row("GET", "/api/admin/system", ADMINS),
                row(
                        "GET",
                        "/api/admin/system/stream",
                        ADMINS,
                        w -> "/api/admin/system/stream?follow=false",
                        w -> null));
    }
}
