package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The place-order answer as BingX gives it: an acknowledgement echoing the request (no status, no fill),
 * the fill following a moment later on the user-data stream and in queries; and {@code clientOrderID},
 * the spelling BingX echoes and some clients send.
 */
class PlaceAnswerTest {

    private static final String ETH = "ETH-USDT";
    private static final String ORDER_PATH = "/openApi/swap/v2/trade/order";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private BingxSimulator sim;

    @AfterEach
    void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    private static SimulatorConfig.Builder market() {
        return SimulatorConfig.builder()
                .clockMode(ClockMode.STEPPED)
                .historyCandles(2)
                .candles(ETH, TestMarket.ETH)
                .candles("BTC-USDT", List.of(Candle.of("30000", "30000", "30000", "30000")))
                .rateLimitsEnabled(false);
    }

    @Test
    void byDefaultTheAnswerIsAnAcknowledgementWithoutFill() {
        sim = BingxSimulator.start(market().build());
        SimHttp.Trader trader = new SimHttp(sim.baseUrl()).account("ack-key", "ack-secret", "10000", "HEDGE", 5);

        JsonNode ack = trader.order(
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
                "Ack-1");

        assertThat(ack.path("orderId").asLong()).isPositive();
        assertThat(ack.has("status"))
                .as("BingX's acknowledgement has no status")
                .isFalse();
        assertThat(ack.has("avgPrice")).isFalse();
        assertThat(ack.has("executedQty")).isFalse();
        assertThat(ack.has("commission")).isFalse();
        assertThat(ack.path("symbol").asText()).isEqualTo(ETH);
        assertThat(ack.path("side").asText()).isEqualTo("BUY");
        assertThat(ack.path("positionSide").asText()).isEqualTo("LONG");
        assertThat(ack.path("type").asText()).isEqualTo("MARKET");
        assertThat(ack.path("clientOrderId").asText()).isEqualTo("ack-1");
        assertThat(ack.path("clientOrderID").asText()).isEqualTo("ack-1");
        assertThat(ack.path("price").decimalValue()).isZero();
        // the fill follows a few milliseconds later, visible to a query
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                        trader.query(ETH, ack.path("orderId").asLong())
                                .path("status")
                                .asText())
                .isEqualTo("FILLED"));
        JsonNode filled = trader.query(ETH, ack.path("orderId").asLong());
        assertThat(new BigDecimal(filled.path("avgPrice").asText())).isEqualByComparingTo("2000");
        assertThat(new BigDecimal(filled.path("executedQty").asText())).isEqualByComparingTo("1");
    }

    @Test
    void clientOrderIdSpelledClientOrderIDIsTakenEchoedQueriedCancelledAndDeduplicated() {
        sim = BingxSimulator.start(market().build());
        SimHttp.Trader trader = new SimHttp(sim.baseUrl()).account("coid-key", "coid-secret", "10000", "HEDGE", 5);

        JsonNode placed = trader.order(
                "symbol",
                ETH,
                "side",
                "BUY",
                "positionSide",
                "LONG",
                "type",
                "LIMIT",
                "price",
                "1500",
                "quantity",
                "1",
                "clientOrderID",
                "Ccxt-Limit-1");
        assertThat(placed.path("clientOrderID").asText()).isEqualTo("ccxt-limit-1");
        assertThat(placed.path("clientOrderId").asText()).isEqualTo("ccxt-limit-1");

        // a repeat of the id is refused whichever spelling it comes in
        assertThat(trader.call(
                                "POST",
                                ORDER_PATH,
                                "symbol",
                                ETH,
                                "side",
                                "BUY",
                                "positionSide",
                                "LONG",
                                "type",
                                "LIMIT",
                                "price",
                                "1500",
                                "quantity",
                                "1",
                                "clientOrderID",
                                "ccxt-limit-1")
                        .code())
                .isEqualTo(109201);
        assertThat(trader.call(
                                "POST",
                                ORDER_PATH,
                                "symbol",
                                ETH,
                                "side",
                                "BUY",
                                "positionSide",
                                "LONG",
                                "type",
                                "LIMIT",
                                "price",
                                "1500",
                                "quantity",
                                "1",
                                "clientOrderId",
                                "CCXT-LIMIT-1")
                        .code())
                .isEqualTo(109201);
        assertThat(trader.admin().path("orders")).hasSize(1);

        JsonNode queried = trader.call("GET", ORDER_PATH, "symbol", ETH, "clientOrderID", "CCXT-limit-1")
                .data()
                .path("order");
        assertThat(queried.path("orderId").asLong())
                .isEqualTo(placed.path("orderId").asLong());

        SimHttp.Answer cancelled = trader.call("DELETE", ORDER_PATH, "symbol", ETH, "clientOrderID", "ccxt-limit-1");
        assertThat(cancelled.code()).isZero();
        assertThat(cancelled.data().path("order").path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void theDelayedFillIsStreamedWithItsPriceAndShownByQueriesOnlyFromThen() throws Exception {
        sim = BingxSimulator.start(market().fillDelay(Duration.ofMillis(700)).build());
        SimHttp http = new SimHttp(sim.baseUrl());
        SimHttp.Trader trader = http.account("later-key", "later-secret", "10000", "HEDGE", 5);
        String listenKey = http.send("POST", "/openApi/user/auth/userDataStream", "later-key", null)
                .json()
                .path("listenKey")
                .asText();
        try (WsTestClient ws = new WsTestClient(sim.wsUrl() + "?listenKey=" + listenKey, true)) {
            await().atMost(WAIT).until(() -> sim.webSocketConnections() == 1);
            long placedAt = System.currentTimeMillis();
            JsonNode ack = trader.order(
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
                    "later-1");
            long orderId = ack.path("orderId").asLong();
            assertThat(SimHttp.JSON
                            .readTree(ws.next(t -> t.contains("ORDER_TRADE_UPDATE"), WAIT))
                            .path("o")
                            .path("X")
                            .asText())
                    .isEqualTo("NEW");
            JsonNode fill = SimHttp.JSON
                    .readTree(ws.next(t -> t.contains("ORDER_TRADE_UPDATE") && t.contains("\"X\":\"FILLED\""), WAIT))
                    .path("o");
            assertThat(System.currentTimeMillis() - placedAt).isGreaterThanOrEqualTo(700);
            assertThat(fill.path("i").asLong()).isEqualTo(orderId);
            assertThat(fill.path("c").asText()).isEqualTo("later-1");
            assertThat(fill.path("o").asText()).isEqualTo("MARKET");
            assertThat(fill.path("x").asText()).isEqualTo("TRADE");
            assertThat(fill.path("ap").asText()).isEqualTo("2000");
            assertThat(fill.path("p").asText())
                    .as("a MARKET fill reports its price, as BingX does")
                    .isEqualTo("2000");
            assertThat(fill.path("n").asText()).isEqualTo("-1");
            JsonNode account = SimHttp.JSON
                    .readTree(ws.next(t -> t.contains("ACCOUNT_UPDATE"), WAIT))
                    .path("a");
            assertThat(account.path("P").get(0).path("pa").asText()).isEqualTo("1");

            assertThat(trader.query(ETH, orderId).path("status").asText()).isEqualTo("FILLED");
            assertThat(trader.call("GET", "/openApi/swap/v2/trade/openOrders", "symbol", ETH)
                            .data()
                            .path("orders"))
                    .isEmpty();
            assertThat(new BigDecimal(
                            trader.positions(ETH).get(0).path("positionAmt").asText()))
                    .isEqualByComparingTo("1");
        }
    }

    @Test
    void aSteppedClockFillsPendingOrdersAtThePlacementPriceBeforeItMoves() {
        sim = BingxSimulator.start(market().fillDelay(Duration.ofHours(1)).build());
        SimHttp.Trader trader = new SimHttp(sim.baseUrl()).account("step-key", "step-secret", "10000", "HEDGE", 5);
        long orderId = trader.order(
                        "symbol", ETH, "side", "BUY", "positionSide", "LONG", "type", "MARKET", "quantity", "1")
                .path("orderId")
                .asLong();
        // before the fill: the order is NEW and open, no position, nothing booked
        assertThat(trader.query(ETH, orderId).path("status").asText()).isEqualTo("NEW");
        assertThat(trader.call("GET", "/openApi/swap/v2/trade/openOrders", "symbol", ETH)
                        .data()
                        .path("orders"))
                .hasSize(1);
        assertThat(trader.positions(ETH)).isEmpty();
        assertThat(new BigDecimal(trader.balance().path("balance").asText())).isEqualByComparingTo("10000");

        sim.stepCandles(1); // the candle walks 2000 → 1950 → 2100 → 2050

        JsonNode filled = trader.query(ETH, orderId);
        assertThat(filled.path("status").asText()).isEqualTo("FILLED");
        assertThat(new BigDecimal(filled.path("avgPrice").asText())).isEqualByComparingTo("2000");
        assertThat(new BigDecimal(
                        trader.positions(ETH).get(0).path("unrealizedProfit").asText()))
                .isEqualByComparingTo("50");
    }

    @Test
    void theFilledSwitchAnswersTheOrderFilledAsBefore() {
        sim = BingxSimulator.start(market().placeAnswer(PlaceAnswer.FILLED).build());
        SimHttp.Trader trader = new SimHttp(sim.baseUrl()).account("filled-key", "filled-secret", "10000", "HEDGE", 5);
        JsonNode order = trader.order(
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
                "clientOrderID",
                "Filled-1");
        assertThat(order.path("status").asText()).isEqualTo("FILLED");
        assertThat(new BigDecimal(order.path("avgPrice").asText())).isEqualByComparingTo("2000");
        assertThat(new BigDecimal(order.path("executedQty").asText())).isEqualByComparingTo("1");
        assertThat(new BigDecimal(order.path("commission").asText())).isEqualByComparingTo("-1");
        assertThat(order.path("clientOrderID").asText()).isEqualTo("filled-1");
        assertThat(order.path("clientOrderId").asText()).isEqualTo("filled-1");
        assertThat(trader.positions(ETH)).hasSize(1);
    }

    @Test
    void aLimitOrderThatRestsIsAcknowledgedWithItsPrice() {
        sim = BingxSimulator.start(market().build());
        SimHttp.Trader trader = new SimHttp(sim.baseUrl()).account("rest-key", "rest-secret", "10000", "HEDGE", 5);
        JsonNode ack = trader.order(
                "symbol",
                ETH,
                "side",
                "BUY",
                "positionSide",
                "LONG",
                "type",
                "LIMIT",
                "price",
                "1960.5",
                "quantity",
                "0.5",
                "stopLoss",
                "{\"type\":\"STOP_MARKET\",\"stopPrice\":1900,\"workingType\":\"MARK_PRICE\"}");
        assertThat(ack.path("price").isNumber()).isTrue();
        assertThat(ack.path("price").decimalValue()).isEqualByComparingTo("1960.5");
        assertThat(ack.path("quantity").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(ack.path("clientOrderID").asText()).isEmpty();
        assertThat(ack.path("stopLoss").path("stopPrice").asText()).isEqualTo("1900");
        assertThat(ack.has("status")).isFalse();
        sim.stepCandles(1); // reaches 1960.5 on the way down to 1950: filled as maker at its price
        JsonNode filled = trader.query(ETH, ack.path("orderId").asLong());
        assertThat(filled.path("status").asText()).isEqualTo("FILLED");
        assertThat(new BigDecimal(filled.path("avgPrice").asText())).isEqualByComparingTo("1960.5");
    }

    @Test
    void bothSpellingsWithDifferentIdsAreRefused() {
        sim = BingxSimulator.start(market().build());
        SimHttp.Trader trader = new SimHttp(sim.baseUrl()).account("two-key", "two-secret", "10000", "HEDGE", 5);
        assertThat(trader.call(
                                "POST",
                                ORDER_PATH,
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
                                "one",
                                "clientOrderID",
                                "two")
                        .code())
                .isEqualTo(80014);
        assertThat(trader.call(
                                "POST",
                                ORDER_PATH,
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
                                "same",
                                "clientOrderID",
                                "SAME")
                        .code())
                .isZero();
        assertThat(trader.admin().path("orders")).hasSize(1);
    }

    @Test
    void aTimeoutAfterExecutionStillFillsTheAcknowledgedOrder() {
        sim = BingxSimulator.start(market().build());
        SimHttp http = new SimHttp(sim.baseUrl());
        SimHttp.Trader trader = http.account("t504-key", "t504-secret", "10000", "HEDGE", 5);
        assertThat(http.admin(
                                "POST",
                                "/sim/faults",
                                "{\"type\":\"TIMEOUT_504\",\"executed\":true,\"path\":\"" + ORDER_PATH + "\"}")
                        .status())
                .isEqualTo(201);
        assertThat(trader.call(
                                "POST",
                                ORDER_PATH,
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
                                "clientOrderID",
                                "t504")
                        .status())
                .isEqualTo(504);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(trader.call("GET", ORDER_PATH, "symbol", ETH, "clientOrderId", "t504")
                                .data()
                                .path("order")
                                .path("status")
                                .asText())
                        .isEqualTo("FILLED"));
    }

    @Test
    void aPendingOrderSurvivesARestartAndFillsAtTheFirstTickAfterIt(@TempDir Path dir) {
        long orderId;
        try (BingxSimulator first = BingxSimulator.start(
                market().dataDirectory(dir).fillDelay(Duration.ofHours(1)).build())) {
            SimHttp.Trader trader =
                    new SimHttp(first.baseUrl()).account("keep-key", "keep-secret", "10000", "HEDGE", 5);
            orderId = trader.order(
                            "symbol",
                            ETH,
                            "side",
                            "SELL",
                            "positionSide",
                            "SHORT",
                            "type",
                            "MARKET",
                            "quantity",
                            "1",
                            "clientOrderId",
                            "kept")
                    .path("orderId")
                    .asLong();
            assertThat(trader.query(ETH, orderId).path("status").asText()).isEqualTo("NEW");
        }
        sim = BingxSimulator.start(
                market().dataDirectory(dir).fillDelay(Duration.ofHours(1)).build());
        SimHttp.Trader trader = new SimHttp(sim.baseUrl()).new Trader("keep-key", "keep-secret");
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                        trader.query(ETH, orderId).path("status").asText())
                .isEqualTo("FILLED"));
        assertThat(new BigDecimal(trader.query(ETH, orderId).path("avgPrice").asText()))
                .isEqualByComparingTo("2000");
        assertThat(trader.positions(ETH).get(0).path("positionSide").asText()).isEqualTo("SHORT");
    }

    @Test
    void theCommandLineSelectsTheAnswerAndTheDelay() {
        SimulatorConfig defaults = SimulatorMain.parse(new String[0]);
        assertThat(defaults.placeAnswer()).isEqualTo(PlaceAnswer.ACKNOWLEDGED);
        assertThat(defaults.fillDelay()).isEqualTo(Duration.ofMillis(5));
        SimulatorConfig chosen = SimulatorMain.parse(new String[] {"--fill-delay", "250", "--filled-answer"});
        assertThat(chosen.placeAnswer()).isEqualTo(PlaceAnswer.FILLED);
        assertThat(chosen.fillDelay()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void anAccountMayHaveItsOwnAnswer() {
        sim = BingxSimulator.start(market().build());
        SimHttp http = new SimHttp(sim.baseUrl());
        SimHttp.Answer created = http.admin("POST", "/sim/accounts", """
                {"apiKey":"own-key","secretKey":"own-secret","balance":"10000","placeAnswer":"filled"}""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("placeAnswer").asText()).isEqualTo("FILLED");
        SimHttp.Trader filled = http.new Trader("own-key", "own-secret");
        SimHttp.Trader acknowledged = http.account("default-key", "default-secret", "10000", "HEDGE", 5);

        assertThat(filled.order("symbol", ETH, "side", "BUY", "positionSide", "LONG", "type", "MARKET", "quantity", "1")
                        .path("status")
                        .asText())
                .isEqualTo("FILLED");
        assertThat(acknowledged
                        .order("symbol", ETH, "side", "BUY", "positionSide", "LONG", "type", "MARKET", "quantity", "1")
                        .has("status"))
                .isFalse();
        assertThat(acknowledged.admin().path("placeAnswer").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(http.admin("POST", "/sim/accounts", """
                {"apiKey":"bad-key","secretKey":"bad-secret","placeAnswer":"LATER"}""").status()).isEqualTo(400);
    }
}
