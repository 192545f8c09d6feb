package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TRIGGER_MARKET and TRIGGER_LIMIT (BingX's plan orders): they rest until the price reaches stopPrice
 * from the side it was on when they were placed, then execute at market or as a limit at price. Over
 * {@link TestMarket}: the live candle goes 2000 → 1950 (−5 a sub-step) → 2100 (+15) → 2050 (−5).
 */
class TriggerOrdersTest {

    private static final String ETH = "ETH-USDT";
    private BingxSimulator sim;
    private SimHttp.Trader trader;

    @TempDir
    Path dir;

    @BeforeEach
    void startSimulator() {
        sim = TestMarket.start();
        trader = new SimHttp(sim.baseUrl()).account("trigger-key", "trigger-secret", "10000", "HEDGE", 5);
    }

    @AfterEach
    void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    private static BigDecimal dec(JsonNode node) {
        return new BigDecimal(node.asText());
    }

    @Test
    void triggerMarketRestsVisiblyThenFillsAtItsTriggerPriceWhenThePriceRisesThrough() {
        long orderId = trader.order(
                        "symbol",
                        ETH,
                        "side",
                        "BUY",
                        "positionSide",
                        "LONG",
                        "type",
                        "TRIGGER_MARKET",
                        "quantity",
                        "1",
                        "stopPrice",
                        "2072.5",
                        "workingType",
                        "MARK_PRICE")
                .path("orderId")
                .asLong();
        JsonNode open = trader.call("GET", "/openApi/swap/v2/trade/openOrders", "symbol", ETH)
                .data()
                .path("orders");
        assertThat(open).hasSize(1);
        assertThat(open.get(0).path("type").asText()).isEqualTo("TRIGGER_MARKET");
        assertThat(dec(open.get(0).path("stopPrice"))).isEqualByComparingTo("2072.5");
        assertThat(trader.positions(ETH)).isEmpty();

        sim.stepCandles(1);

        JsonNode filled = trader.query(ETH, orderId);
        assertThat(filled.path("status").asText()).isEqualTo("FILLED");
        assertThat(dec(filled.path("avgPrice"))).isEqualByComparingTo("2072.5");
        assertThat(dec(filled.path("commission"))).isEqualByComparingTo("-1.03625"); // taker 0.05 %
        assertThat(dec(trader.positions(ETH).get(0).path("avgPrice"))).isEqualByComparingTo("2072.5");
    }

    @Test
    void aBuyTriggerBelowThePriceFiresWhenThePriceFalls() {
        // unlike STOP_MARKET (a BUY stop fires on a rise), a plan order fires on reaching its price from either side
        long orderId = trader.order(
                        "symbol",
                        ETH,
                        "side",
                        "BUY",
                        "positionSide",
                        "LONG",
                        "type",
                        "TRIGGER_MARKET",
                        "quantity",
                        "1",
                        "stopPrice",
                        "1962.5",
                        "workingType",
                        "CONTRACT_PRICE")
                .path("orderId")
                .asLong();
        sim.stepCandles(1);
        JsonNode filled = trader.query(ETH, orderId);
        assertThat(filled.path("status").asText()).isEqualTo("FILLED");
        assertThat(dec(filled.path("avgPrice"))).isEqualByComparingTo("1962.5");
        assertThat(filled.path("workingType").asText()).isEqualTo("CONTRACT_PRICE");
    }

    @Test
    void triggerLimitBecomesARestingLimitAndFillsAtItsPriceAsMaker() {
        // rises through 2090 on the second leg (→ limit 2060 is below the market: rests), fills on the way down
        long orderId = trader.order(
                        "symbol",
                        ETH,
                        "side",
                        "BUY",
                        "positionSide",
                        "LONG",
                        "type",
                        "TRIGGER_LIMIT",
                        "quantity",
                        "1",
                        "stopPrice",
                        "2090",
                        "price",
                        "2060")
                .path("orderId")
                .asLong();
        assertThat(dec(trader.balance().path("freezedMargin"))).isZero(); // not yet an order on the book
        sim.stepCandles(1);
        JsonNode filled = trader.query(ETH, orderId);
        assertThat(filled.path("status").asText()).isEqualTo("FILLED");
        assertThat(filled.path("type").asText()).isEqualTo("TRIGGER_LIMIT");
        assertThat(dec(filled.path("price"))).isEqualByComparingTo("2060");
        assertThat(dec(filled.path("avgPrice"))).isEqualByComparingTo("2060");
        assertThat(dec(filled.path("commission"))).isEqualByComparingTo("-0.412"); // maker 0.02 %
    }

    @Test
    void triggeredLimitThatIsMarketableFillsAtOnceAsTaker() {
        // falls through 1975: a SELL limit at 1960 is marketable there, so it fills at 1975 as taker
        long orderId = trader.order(
                        "symbol",
                        ETH,
                        "side",
                        "SELL",
                        "positionSide",
                        "SHORT",
                        "type",
                        "TRIGGER_LIMIT",
                        "quantity",
                        "1",
                        "stopPrice",
                        "1975",
                        "price",
                        "1960")
                .path("orderId")
                .asLong();
        sim.stepCandles(1);
        JsonNode filled = trader.query(ETH, orderId);
        assertThat(filled.path("status").asText()).isEqualTo("FILLED");
        assertThat(dec(filled.path("avgPrice"))).isEqualByComparingTo("1975");
        assertThat(dec(filled.path("commission"))).isEqualByComparingTo("-0.9875");
        assertThat(trader.positions(ETH).get(0).path("positionSide").asText()).isEqualTo("SHORT");
    }

    @Test
    void aTriggeredLimitNotYetFilledHoldsMarginAndIsStillCancellable() {
        // falls through 1990: BUY limit 1900 is never reached on this path
        long orderId = trader.order(
                        "symbol",
                        ETH,
                        "side",
                        "BUY",
                        "positionSide",
                        "LONG",
                        "type",
                        "TRIGGER_LIMIT",
                        "quantity",
                        "1",
                        "stopPrice",
                        "1990",
                        "price",
                        "1900")
                .path("orderId")
                .asLong();
        sim.stepCandles(1);
        assertThat(trader.query(ETH, orderId).path("status").asText()).isEqualTo("NEW");
        assertThat(dec(trader.balance().path("freezedMargin"))).isEqualByComparingTo("380"); // 1900 / 5
        SimHttp.Answer cancelled = trader.call(
                "DELETE", "/openApi/swap/v2/trade/order", "symbol", ETH, "orderId", String.valueOf(orderId));
        assertThat(cancelled.code()).isZero();
        assertThat(trader.query(ETH, orderId).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(dec(trader.balance().path("freezedMargin"))).isZero();
    }

    @Test
    void anUntriggeredTriggerOrderIsCancellable() {
        long orderId = trader.order(
                        "symbol",
                        ETH,
                        "side",
                        "BUY",
                        "positionSide",
                        "LONG",
                        "type",
                        "TRIGGER_MARKET",
                        "quantity",
                        "1",
                        "stopPrice",
                        "3000")
                .path("orderId")
                .asLong();
        assertThat(trader.call(
                                "DELETE",
                                "/openApi/swap/v2/trade/order",
                                "symbol",
                                ETH,
                                "orderId",
                                String.valueOf(orderId))
                        .code())
                .isZero();
        sim.stepCandles(2);
        assertThat(trader.query(ETH, orderId).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(trader.positions(ETH)).isEmpty();
    }

    @Test
    void aTriggerFillIsStreamedAsOrderTradeUpdateAndAccountUpdate() throws Exception {
        SimHttp http = new SimHttp(sim.baseUrl());
        String listenKey = http.send("POST", "/openApi/user/auth/userDataStream", "trigger-key", null)
                .json()
                .path("listenKey")
                .asText();
        try (WsTestClient ws = new WsTestClient(sim.wsUrl() + "?listenKey=" + listenKey, true)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.webSocketConnections() == 1);
            long orderId = trader.order(
                            "symbol",
                            ETH,
                            "side",
                            "SELL",
                            "positionSide",
                            "SHORT",
                            "type",
                            "TRIGGER_MARKET",
                            "quantity",
                            "1",
                            "stopPrice",
                            "1975")
                    .path("orderId")
                    .asLong();
            sim.stepCandles(1);
            JsonNode fill = SimHttp.JSON
                    .readTree(ws.next(
                            t -> t.contains("ORDER_TRADE_UPDATE") && t.contains("\"X\":\"FILLED\""),
                            Duration.ofSeconds(5)))
                    .path("o");
            assertThat(fill.path("i").asLong()).isEqualTo(orderId);
            assertThat(fill.path("o").asText()).isEqualTo("TRIGGER_MARKET");
            assertThat(fill.path("x").asText()).isEqualTo("TRADE");
            assertThat(dec(fill.path("ap"))).isEqualByComparingTo("1975");
            assertThat(dec(fill.path("sp"))).isEqualByComparingTo("1975");
            JsonNode account = SimHttp.JSON
                    .readTree(ws.next(t -> t.contains("ACCOUNT_UPDATE"), Duration.ofSeconds(5)))
                    .path("a");
            assertThat(account.path("P").get(0).path("ps").asText()).isEqualTo("SHORT");
        }
    }

    @Test
    void refusesTriggerOrdersWithoutTheirPrices() {
        assertThat(trader.call(
                                "POST",
                                "/openApi/swap/v2/trade/order",
                                "symbol",
                                ETH,
                                "side",
                                "BUY",
                                "positionSide",
                                "LONG",
                                "type",
                                "TRIGGER_MARKET",
                                "quantity",
                                "1")
                        .code())
                .isEqualTo(80014);
        assertThat(trader.call(
                                "POST",
                                "/openApi/swap/v2/trade/order",
                                "symbol",
                                ETH,
                                "side",
                                "BUY",
                                "positionSide",
                                "LONG",
                                "type",
                                "TRIGGER_LIMIT",
                                "quantity",
                                "1",
                                "stopPrice",
                                "2100")
                        .code())
                .isEqualTo(80014);
        assertThat(trader.admin().path("orders")).isEmpty();
    }

    @Test
    void aTriggerLimitTriggeredBeforeARestartStaysALimit() {
        sim.close();
        sim = null;
        SimulatorConfig.Builder config = SimulatorConfig.builder()
                .clockMode(ClockMode.STEPPED)
                .historyCandles(2)
                .candles(ETH, TestMarket.ETH)
                .candles("BTC-USDT", List.of(Candle.of("30000", "30000", "30000", "30000")))
                .rateLimitsEnabled(false)
                .dataDirectory(dir);
        long orderId;
        try (BingxSimulator first = BingxSimulator.start(config.build())) {
            SimHttp.Trader t = new SimHttp(first.baseUrl()).account("kept-key", "kept-secret", "10000", "HEDGE", 5);
            // falls through 1990 (triggered), limit 1900 not reached
            orderId = t.order(
                            "symbol",
                            ETH,
                            "side",
                            "BUY",
                            "positionSide",
                            "LONG",
                            "type",
                            "TRIGGER_LIMIT",
                            "quantity",
                            "1",
                            "stopPrice",
                            "1990",
                            "price",
                            "1900")
                    .path("orderId")
                    .asLong();
            first.stepCandles(1);
            assertThat(dec(t.balance().path("freezedMargin"))).isEqualByComparingTo("380");
        }
        try (BingxSimulator second = BingxSimulator.start(config.build())) {
            SimHttp.Trader t = new SimHttp(second.baseUrl()).new Trader("kept-key", "kept-secret");
            assertThat(t.query(ETH, orderId).path("status").asText()).isEqualTo("NEW");
            assertThat(dec(t.balance().path("freezedMargin"))).isEqualByComparingTo("380");
        }
    }
}
