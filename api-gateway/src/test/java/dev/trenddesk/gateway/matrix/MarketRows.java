package dev.trenddesk.gateway.matrix;

import static dev.trenddesk.gateway.matrix.Matrix.TRADERS;
import static dev.trenddesk.gateway.matrix.Matrix.row;

import dev.trenddesk.gateway.matrix.Matrix.Row;
import java.util.List;
import java.util.Map;

/** Market and backtest endpoints. */
public class MarketRows implements Matrix.RowSource {

    @Override
    public List<Row> rows() {
        return List.of(
                // an equity of 0 is refused (422) before any candle is read, so the matrix stays fast
                row(
                        "POST",
                        "/api/me/backtest",
                        TRADERS,
                        w -> "/api/me/backtest",
                        w -> Map.of("dataset", "ETH-USDT", "equity", 0)));
    }
}
