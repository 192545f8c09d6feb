package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The market-data WebSocket: GZIP frames, subscribe/unsubscribe acks, kline pushes, Ping/Pong, drops. */
class MarketWebSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private BingxSimulator sim;

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    private static JsonNode json(String text) throws Exception {
        return SimHttp.JSON.readTree(text);
    }

    private static JsonNode candleOf(JsonNode push) {
        JsonNode data = push.path("data");
        return data.isArray() ? data.get(0) : data;
    }

    @Test
    void steppedClockClosesCandlesAndPushesThemOverGzipWebSocket() throws Exception {
        sim = TestMarket.start();
        try (WsTestClient ws = new WsTestClient(sim.wsUrl(), true)) {
            ws.send("{\"id\":\"sub-1\",\"reqType\":\"sub\",\"dataType\":\"ETH-USDT@kline_5m\"}");
            JsonNode ack = json(ws.next(t -> t.contains("sub-1"), WAIT));
            assertThat(ack.path("code").asInt()).isZero();

            long liveOpen = sim.marketTime();
            sim.stepCandles(1);

            List<JsonNode> pushes = new ArrayList<>();
            JsonNode push;
            do {
                push = json(ws.next(t -> t.contains("@kline_5m"), WAIT));
                pushes.add(push);
            } while (candleOf(push).path("T").asLong() == liveOpen);
            JsonNode finalState = candleOf(pushes.get(pushes.size() - 2));
            JsonNode next = candleOf(pushes.getLast());
            assertThat(finalState.path("T").asLong()).isEqualTo(liveOpen);
            assertThat(finalState.path("o").asText()).isEqualTo("2000");
            assertThat(finalState.path("h").asText()).isEqualTo("2100");
            assertThat(finalState.path("l").asText()).isEqualTo("1950");
            assertThat(finalState.path("c").asText()).isEqualTo("2050");
            assertThat(next.path("T").asLong()).isEqualTo(liveOpen + 300_000);
            assertThat(next.path("o").asText()).isEqualTo("2050");
            assertThat(pushes.size()).isGreaterThanOrEqualTo(6); // at least once per simulated minute
            assertThat(pushes).anyMatch(p -> p.path("data").isArray()).anyMatch(p -> p.path("data")
                    .isObject());
            assertThat(pushes)
                    .allMatch(p -> p.path("s").asText().equals("ETH-USDT")
                            && p.path("dataType").asText().equals("ETH-USDT@kline_5m"));
            assertThat(ws.onlyBinaryFrames()).isTrue();
        }
    }

    @Test
    void unsubscribeStopsPushesOfThatStream() throws Exception {
        sim = TestMarket.start();
        try (WsTestClient ws = new WsTestClient(sim.wsUrl(), true)) {
            ws.send("{\"id\":\"a\",\"reqType\":\"sub\",\"dataType\":\"ETH-USDT@kline_5m\"}");
            ws.next(t -> t.contains("\"a\""), WAIT);
            ws.send("{\"id\":\"b\",\"reqType\":\"unsub\",\"dataType\":\"ETH-USDT@kline_5m\"}");
            ws.next(t -> t.contains("\"b\""), WAIT);
            ws.send("{\"id\":\"c\",\"reqType\":\"sub\",\"dataType\":\"BTC-USDT@kline_5m\"}");
            ws.next(t -> t.contains("\"c\""), WAIT);
            sim.stepCandles(1);
            String first = ws.next(t -> t.contains("@kline_5m"), WAIT);
            assertThat(first).contains("BTC-USDT@kline_5m");
            ws.send("{\"id\":\"d\",\"reqType\":\"sub\",\"dataType\":\"XRP-USDT@kline_5m\"}");
            assertThat(json(ws.next(t -> t.contains("\"d\""), WAIT))
                            .path("code")
                            .asInt())
                    .isEqualTo(80014);
        }
    }

    @Test
    void sendsPingAndClosesConnectionsThatNeverPong() {
        sim = BingxSimulator.start(SimulatorConfig.builder()
                .clockMode(ClockMode.STEPPED)
                .pingInterval(Duration.ofMillis(100))
                .pongTimeout(Duration.ofMillis(800))
                .tickInterval(Duration.ofMillis(20))
                .build());
        try (WsTestClient polite = new WsTestClient(sim.wsUrl(), true);
                WsTestClient silent = new WsTestClient(sim.wsUrl(), false)) {
            await().atMost(WAIT).until(silent::isClosed);
            assertThat(polite.received).contains("Ping");
            assertThat(polite.isClosed()).isFalse();
        }
    }

    @Test
    void wsDropFaultDropsEveryOpenConnection() throws Exception {
        sim = TestMarket.start();
        SimHttp http = new SimHttp(sim.baseUrl());
        try (WsTestClient ws = new WsTestClient(sim.wsUrl(), true)) {
            ws.send("{\"id\":\"x\",\"reqType\":\"sub\",\"dataType\":\"ETH-USDT@kline_5m\"}");
            ws.next(t -> t.contains("\"x\""), WAIT);
            assertThat(http.admin("POST", "/sim/faults", "{\"type\":\"WS_DROP\"}")
                            .status())
                    .isEqualTo(201);
            await().atMost(WAIT).until(ws::isClosed);
            assertThat(sim.webSocketConnections()).isZero();
        }
    }
}
