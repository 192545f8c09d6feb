package dev.trenddesk.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.strategy.backtest.CandleFileReader;
import dev.trenddesk.strategy.indicator.Candle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code POST /api/me/backtest}: shipped data sets, posted candles, saved or posted settings, bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacktestApiTest extends AcceleratedApp {

    @LocalServerPort
    int port;

    private Api trader;
    private People people;

    @BeforeAll
    void trader() {
        people = new People(port);
        trader = people.create("trader").login();
    }

    private static Map<String, Object> settings(String timeframe) {
        Map<String, Object> settings = new HashMap<>(Map.ofEntries(
                Map.entry("maxPositions", 2),
                Map.entry("riskPerTradePct", 2.0),
                Map.entry("dailyLossLimitPct", 5.0),
                Map.entry("maxDrawdownPct", 15.0),
                Map.entry("leverage", 5),
                Map.entry("positionMode", "HEDGE"),
                Map.entry("adxThreshold", 25),
                Map.entry("timeframe", timeframe),
                Map.entry("signalConfidence", 60),
                Map.entry("stopAtr", 2.0),
                Map.entry("takeProfitR", 2.0),
                Map.entry("symbols", List.of("ETH-USDT"))));
        return settings;
    }

    /** The real ETH candles as a plain OHLCV CSV (about 35 KB, within the 64 KiB body limit). */
    private static String ethCsv() throws IOException {
        String json;
        try (InputStream in =
                BacktestApiTest.class.getClassLoader().getResourceAsStream("ETH-USD-PT5M-2023-3-13_2023-3-15.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder csv = new StringBuilder("time,open,high,low,close,volume\n");
        for (Candle c : CandleFileReader.parse(json, Timeframe.M5).candles()) {
            csv.append(c.openTime())
                    .append(',')
                    .append(c.open().toPlainString())
                    .append(',')
                    .append(c.high().toPlainString())
                    .append(',')
                    .append(c.low().toPlainString())
                    .append(',')
                    .append(c.close().toPlainString())
                    .append(',')
                    .append(c.volume().toPlainString())
                    .append('\n');
        }
        return csv.toString();
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    @Test
    void runsTheSavedSettingsOverTheEthDataSet() {
        Api.Response response = trader.post("/api/me/backtest", Map.of("dataset", "ETH-USDT"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("symbol").asText()).isEqualTo("ETH-USDT");
        assertThat(body.path("timeframe").asText()).isEqualTo("5m");
        assertThat(body.path("summary").path("candles").asInt()).isEqualTo(580);
        assertThat(body.path("summary").path("trades").asInt()).isEqualTo(9);
        assertThat(body.path("trades")).hasSize(9);
        // the trade checked by hand in BacktesterEthTest (default settings are a new trader's saved settings)
        JsonNode first = body.path("trades").get(0);
        assertThat(first.path("side").asText()).isEqualTo("LONG");
        assertThat(first.path("quantity").decimalValue()).isEqualByComparingTo("26.28");
        assertThat(first.path("entryPrice").decimalValue()).isEqualByComparingTo("1689.64");
        assertThat(first.path("exitReason").asText()).isEqualTo("STOP_LOSS");
        assertThat(first.path("netPnl").decimalValue()).isEqualByComparingTo("-245.3452");
    }

    @Test
    void thePostedSettingsChooseTheStrategy() {
        Map<String, Object> ema = settings("5m");
        ema.put("strategy", "EMA_CROSS");
        Api.Response response = trader.post("/api/me/backtest", Map.of("dataset", "ETH-USDT", "settings", ema));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> exits = new ArrayList<>();
        response.json()
                .path("trades")
                .forEach(t -> exits.add(t.path("exitReason").asText()));
        assertThat(exits).contains("EMA_CROSS").doesNotContain("DI_CROSS", "TREND_FADED");

        ema.put("emaFast", 21);
        ema.put("emaSlow", 21);
        Api.Response refused = trader.post("/api/me/backtest", Map.of("dataset", "ETH-USDT", "settings", ema));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(fields(refused)).containsExactly("settings.emaSlow");
    }

    @Test
    void postedCandlesGiveTheSameResultAsTheDataSet() throws IOException {
        Map<String, Object> request = new HashMap<>();
        request.put("candles", ethCsv());
        request.put("symbol", "ETH-USDT");
        request.put("settings", settings("5m"));
        Api.Response response = trader.post("/api/me/backtest", request);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode posted = response.json();
        assertThat(posted.path("format").asText()).isEqualTo("OHLCV_CSV");
        JsonNode shipped =
                trader.post("/api/me/backtest", Map.of("dataset", "ETH-USDT")).json();
        assertThat(posted.path("summary")).isEqualTo(shipped.path("summary"));
        assertThat(posted.path("trades")).isEqualTo(shipped.path("trades"));
    }

    @Test
    void foldsTheBitstampTradesIntoTheSettingsTimeframe() {
        Map<String, Object> settings = settings("1h");
        settings.put("symbols", List.of("BTC-USDT"));
        Api.Response response =
                trader.post("/api/me/backtest", Map.of("dataset", "BTC-USDT", "settings", settings, "equity", 5000));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("timeframe").asText()).isEqualTo("1h");
        assertThat(body.path("summary").path("initialEquity").decimalValue()).isEqualByComparingTo("5000");
        assertThat(body.path("summary").path("candles").asInt()).isBetween(100, 200);
    }

    @Test
    void refusesBadInputNamingTheField() {
        Api.Response both = trader.post("/api/me/backtest", Map.of("dataset", "ETH-USDT", "candles", "time,open\n"));
        assertThat(both.status()).isEqualTo(422);
        assertThat(fields(both)).contains("dataset", "candles");

        Api.Response neither = trader.post("/api/me/backtest", Map.of());
        assertThat(neither.status()).isEqualTo(422);
        assertThat(fields(neither)).contains("dataset", "candles");

        Api.Response unknownDataset = trader.post("/api/me/backtest", Map.of("dataset", "DOGE-USDT"));
        assertThat(unknownDataset.status()).isEqualTo(400);
        assertThat(fields(unknownDataset)).containsExactly("dataset");

        Api.Response wrongTimeframe =
                trader.post("/api/me/backtest", Map.of("dataset", "ETH-USDT", "settings", settings("1h")));
        assertThat(wrongTimeframe.status()).isEqualTo(422);
        assertThat(fields(wrongTimeframe)).containsExactly("settings.timeframe");

        Map<String, Object> outOfRange = settings("5m");
        outOfRange.put("maxPositions", 0);
        outOfRange.put("leverage", 500);
        Api.Response badSettings =
                trader.post("/api/me/backtest", Map.of("dataset", "ETH-USDT", "settings", outOfRange));
        assertThat(badSettings.status()).isEqualTo(422);
        assertThat(fields(badSettings)).containsExactlyInAnyOrder("settings.maxPositions", "settings.leverage");

        Api.Response badCsv = trader.post(
                "/api/me/backtest",
                Map.of("candles", "time,open,high,low,close,volume\n" + "2024-01-01T00:00:00Z,1,2,0.5,abc,3\n"));
        assertThat(badCsv.status()).isEqualTo(422);
        assertThat(fields(badCsv)).containsExactly("candles");

        Api.Response noEquity = trader.post("/api/me/backtest", Map.of("dataset", "ETH-USDT", "equity", 0));
        assertThat(noEquity.status()).isEqualTo(422);
        assertThat(fields(noEquity)).containsExactly("equity");

        Api.Response badSymbol = trader.post("/api/me/backtest", Map.of("candles", "x", "symbol", "eth"));
        assertThat(badSymbol.status()).isEqualTo(422);
        assertThat(fields(badSymbol)).containsExactly("symbol");

        Api.Response unknownField = trader.post("/api/me/backtest", Map.of("dataset", "ETH-USDT", "speed", 2));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(fields(unknownField)).containsExactly("speed");

        Api.Response tooLarge = trader.post("/api/me/backtest", Map.of("candles", "x".repeat(70 * 1024)));
        assertThat(tooLarge.status()).isEqualTo(413);
    }

    @Test
    void onlyTradersMayBacktest() {
        assertThat(Api.at(port)
                        .post("/api/me/backtest", Map.of("dataset", "ETH-USDT"))
                        .status())
                .isEqualTo(401);
        assertThat(people.create("viewer")
                        .login()
                        .post("/api/me/backtest", Map.of("dataset", "ETH-USDT"))
                        .status())
                .isEqualTo(403);
        assertThat(people.admin()
                        .post("/api/me/backtest", Map.of("dataset", "ETH-USDT"))
                        .status())
                .isEqualTo(403);
    }
}
