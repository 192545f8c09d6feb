package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9}: the standalone simulator runs in a child JVM with {@code --data}, is killed with
 * SIGKILL right after its last answer (no shutdown hook, no final write), and a new simulator on the
 * same directory finds every answered change.
 */
class CrashRecoveryTest {

    private static final String ETH = "ETH-USDT";
    private static final String ORDER = "/openApi/swap/v2/trade/order";

    @TempDir
    Path temp;

    private Process child;

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void everyAnsweredChangeSurvivesSigkill() throws Exception {
        Path dir = temp.resolve("data");
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SimulatorMain.class.getName(),
                        "--port",
                        String.valueOf(port),
                        "--stepped",
                        "--no-rate-limits",
                        "--filled-answer",
                        "--data",
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.log").toFile())
                .start();
        SimHttp http = new SimHttp("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> http.get("/sim/clock").status() == 200);

        SimHttp.Trader trader = http.account("crash-key", "crash-secret", "10000", "HEDGE", 5);
        assertThat(trader.call(
                                "POST",
                                "/openApi/swap/v2/trade/leverage",
                                "symbol",
                                ETH,
                                "side",
                                "SHORT",
                                "leverage",
                                "20")
                        .code())
                .isZero();
        JsonNode entry = trader.order(
                "symbol",
                ETH,
                "side",
                "BUY",
                "positionSide",
                "LONG",
                "type",
                "MARKET",
                "quantity",
                "1",
                "clientOrderId",
                "crash-entry");
        BigDecimal price = new BigDecimal(entry.path("avgPrice").asText());
        // a second entry with protection priced off the first fill, and a limit far below the market
        trader.order(
                "symbol",
                ETH,
                "side",
                "BUY",
                "positionSide",
                "LONG",
                "type",
                "MARKET",
                "quantity",
                "0.5",
                "stopLoss",
                protection("STOP_MARKET", price, "0.8"),
                "takeProfit",
                protection("TAKE_PROFIT_MARKET", price, "1.2"));
        JsonNode limit = trader.order(
                "symbol",
                ETH,
                "side",
                "BUY",
                "positionSide",
                "LONG",
                "type",
                "LIMIT",
                "quantity",
                "0.5",
                "price",
                price.multiply(new BigDecimal("0.5"))
                        .setScale(2, RoundingMode.DOWN)
                        .toPlainString(),
                "clientOrderId",
                "crash-limit");
        JsonNode before = trader.admin();
        long marketTime = http.get("/sim/clock").json().path("marketTime").asLong();
        String klines = "/openApi/swap/v3/quote/klines?symbol=" + ETH + "&interval=5m&startTime="
                + (marketTime - 5 * 300_000L) + "&limit=6";
        JsonNode candlesBefore = http.get(klines).data();

        child.destroyForcibly(); // SIGKILL
        child.waitFor();

        // FILLED answers: the fills priced here are in the answers (a pending order's restart is PlaceAnswerTest's)
        try (BingxSimulator sim = BingxSimulator.start(SimulatorConfig.builder()
                .clockMode(ClockMode.STEPPED)
                .rateLimitsEnabled(false)
                .placeAnswer(PlaceAnswer.FILLED)
                .dataDirectory(dir)
                .build())) {
            SimHttp after = new SimHttp(sim.baseUrl());
            SimHttp.Trader same = after.new Trader("crash-key", "crash-secret");
            assertThat(sim.marketTime()).isEqualTo(marketTime);
            assertThat(same.admin()).isEqualTo(before);
            assertThat(before.path("openOrders")).hasSize(3);
            assertThat(after.get(klines).data()).isEqualTo(candlesBefore);
            assertThat(same.call("GET", "/openApi/swap/v2/trade/leverage", "symbol", ETH)
                            .data()
                            .path("shortLeverage")
                            .asInt())
                    .isEqualTo(20);
            assertThat(same.call("GET", ORDER, "symbol", ETH, "clientOrderId", "crash-limit")
                            .data()
                            .path("order")
                            .path("orderId")
                            .asLong())
                    .isEqualTo(limit.path("orderId").asLong());
            assertThat(same.call(
                                    "POST",
                                    ORDER,
                                    "symbol",
                                    ETH,
                                    "side",
                                    "BUY",
                                    "positionSide",
                                    "LONG",
                                    "type",
                                    "MARKET",
                                    "quantity",
                                    "0.1",
                                    "clientOrderId",
                                    "crash-entry")
                            .code())
                    .isEqualTo(109201);
            long newest = same.order(
                            "symbol", ETH, "side", "SELL", "positionSide", "LONG", "type", "MARKET", "quantity", "0.1")
                    .path("orderId")
                    .asLong();
            List<Long> old = before.path("orders").findValuesAsText("orderId").stream()
                    .map(Long::valueOf)
                    .toList();
            assertThat(old).hasSize(5).allSatisfy(id -> assertThat(newest).isGreaterThan(id));
        }
    }

    private static String protection(String type, BigDecimal price, String factor) {
        return "{\"type\":\"" + type + "\",\"stopPrice\":"
                + price.multiply(new BigDecimal(factor))
                        .setScale(2, RoundingMode.DOWN)
                        .toPlainString() + "}";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
