package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listen keys and the user data stream: ORDER_TRADE_UPDATE, ACCOUNT_UPDATE, listenKeyExpired. */
class UserDataStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String LISTEN_KEY_PATH = "/openApi/user/auth/userDataStream";
    private BingxSimulator sim;

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    @Test
    void streamsOrderTradeUpdateAndAccountUpdateOfFills() throws Exception {
        sim = TestMarket.start();
        SimHttp http = new SimHttp(sim.baseUrl());
        SimHttp.Trader trader = http.account("stream-key", "stream-secret", "10000", "HEDGE", 5);
        SimHttp.Answer created = http.send("POST", LISTEN_KEY_PATH, "stream-key", null);
        assertThat(created.json().has("code")).isFalse(); // no envelope
        String listenKey = created.json().path("listenKey").asText();
        assertThat(listenKey).isNotEmpty();

        try (WsTestClient ws = new WsTestClient(sim.wsUrl() + "?listenKey=" + listenKey, true)) {
            await().atMost(WAIT).until(() -> sim.webSocketConnections() == 1);
            JsonNode order = trader.order(
                    "symbol",
                    "ETH-USDT",
                    "side",
                    "BUY",
                    "positionSide",
                    "LONG",
                    "type",
                    "MARKET",
                    "quantity",
                    "1",
                    "clientOrderId",
                    "Stream-1");

            JsonNode fill = SimHttp.JSON
                    .readTree(ws.next(t -> t.contains("ORDER_TRADE_UPDATE") && t.contains("\"X\":\"FILLED\""), WAIT))
                    .path("o");
            assertThat(fill.path("s").asText()).isEqualTo("ETH-USDT");
            assertThat(fill.path("c").asText()).isEqualTo("stream-1");
            assertThat(fill.path("i").asLong()).isEqualTo(order.path("orderId").asLong());
            assertThat(fill.path("S").asText()).isEqualTo("BUY");
            assertThat(fill.path("o").asText()).isEqualTo("MARKET");
            assertThat(fill.path("q").asText()).isEqualTo("1");
            assertThat(fill.path("ap").asText()).isEqualTo("2000");
            assertThat(fill.path("x").asText()).isEqualTo("TRADE");
            assertThat(fill.path("n").asText()).isEqualTo("-1");
            assertThat(fill.path("ps").asText()).isEqualTo("LONG");
            assertThat(fill.path("rp").asText()).isEqualTo("0");
            assertThat(fill.path("p").asText())
                    .as("a MARKET fill carries its price in p too")
                    .isEqualTo("2000");

            JsonNode account = SimHttp.JSON
                    .readTree(ws.next(t -> t.contains("ACCOUNT_UPDATE"), WAIT))
                    .path("a");
            assertThat(account.path("B").get(0).path("wb").asText()).isEqualTo("9999");
            assertThat(account.path("P").get(0).path("pa").asText()).isEqualTo("1");
        }
    }

    @Test
    void announcesListenKeyExpiredWhenNotExtended() throws Exception {
        sim = BingxSimulator.start(SimulatorConfig.builder()
                .clockMode(ClockMode.STEPPED)
                .listenKeyValidity(Duration.ofMillis(600))
                .tickInterval(Duration.ofMillis(20))
                .build());
        SimHttp http = new SimHttp(sim.baseUrl());
        http.account("expiring", "expiring-secret", "1000", "HEDGE", 5);
        String listenKey = http.send("POST", LISTEN_KEY_PATH, "expiring", null)
                .json()
                .path("listenKey")
                .asText();
        try (WsTestClient ws = new WsTestClient(sim.wsUrl() + "?listenKey=" + listenKey, true)) {
            JsonNode expired = SimHttp.JSON.readTree(ws.next(t -> t.contains("listenKeyExpired"), WAIT));
            assertThat(expired.path("listenKey").asText()).isEqualTo(listenKey);
            await().atMost(WAIT).until(ws::isClosed);
        }
        assertThat(http.send("PUT", LISTEN_KEY_PATH + "?listenKey=" + listenKey, "expiring", null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void extendingKeepsTheListenKeyAliveAndDeletingEndsIt() {
        sim = BingxSimulator.start(SimulatorConfig.builder()
                .clockMode(ClockMode.STEPPED)
                .listenKeyValidity(Duration.ofMillis(1500))
                .tickInterval(Duration.ofMillis(20))
                .build());
        SimHttp http = new SimHttp(sim.baseUrl());
        http.account("extender", "extender-secret", "1000", "HEDGE", 5);
        String listenKey = http.send("POST", LISTEN_KEY_PATH, "extender", null)
                .json()
                .path("listenKey")
                .asText();
        long until = System.currentTimeMillis() + 2500;
        await().atMost(Duration.ofSeconds(4))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> http.send("PUT", LISTEN_KEY_PATH + "?listenKey=" + listenKey, "extender", null)
                                        .status()
                                == 200
                        && System.currentTimeMillis() > until);
        assertThat(http.send("DELETE", LISTEN_KEY_PATH + "?listenKey=" + listenKey, "extender", null)
                        .status())
                .isEqualTo(200);
        assertThat(http.send("PUT", LISTEN_KEY_PATH + "?listenKey=" + listenKey, "extender", null)
                        .status())
                .isEqualTo(404);
    }
}
