package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Matching, fees and PnL in one-way mode, against hand-computed figures (see {@link TestMarket}). */
class OneWayModeMatchingTest {

    private static final String ETH = "ETH-USDT";
    private BingxSimulator sim;
    private SimHttp.Trader trader;

    @BeforeEach
    void startSimulator() {
        sim = TestMarket.start();
        trader = new SimHttp(sim.baseUrl()).account("one-way-key", "one-way-secret", "10000", "ONE_WAY", 5);
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    private static BigDecimal dec(JsonNode node) {
        return new BigDecimal(node.asText());
    }

    @Test
    void sellingMoreThanTheLongFlipsToShortAndReduceOnlyCloses() {
        trader.order("symbol", ETH, "side", "BUY", "type", "MARKET", "quantity", "1");
        JsonNode flip = trader.order("symbol", ETH, "side", "SELL", "type", "MARKET", "quantity", "2");
        assertThat(flip.path("positionSide").asText()).isEqualTo("BOTH");
        assertThat(dec(flip.path("commission"))).isEqualByComparingTo("-2"); // 2 × 2000 × 0.05 %
        JsonNode position = trader.positions(ETH).get(0);
        assertThat(position.path("positionSide").asText()).isEqualTo("SHORT");
        assertThat(dec(position.path("positionAmt"))).isEqualByComparingTo("1");
        assertThat(dec(trader.balance().path("balance"))).isEqualByComparingTo("9997");

        sim.stepCandles(1); // 2050
        JsonNode reduce =
                trader.order("symbol", ETH, "side", "BUY", "type", "MARKET", "quantity", "0.5", "reduceOnly", "true");
        assertThat(dec(reduce.path("profit"))).isEqualByComparingTo("-25"); // (2000 − 2050) × 0.5
        assertThat(dec(trader.balance().path("balance"))).isEqualByComparingTo("9971.4875"); // − 25 − 0.5125
        assertThat(dec(trader.positions(ETH).get(0).path("positionAmt"))).isEqualByComparingTo("0.5");

        SimHttp.Answer tooMuch = trader.call(
                "POST",
                "/openApi/swap/v2/trade/order",
                "symbol",
                ETH,
                "side",
                "BUY",
                "type",
                "MARKET",
                "quantity",
                "1",
                "reduceOnly",
                "true");
        assertThat(tooMuch.code()).isEqualTo(80014);
    }

    @Test
    void attachedStopLossClosesTheOneWayPosition() {
        trader.order(
                "symbol",
                ETH,
                "side",
                "BUY",
                "type",
                "MARKET",
                "quantity",
                "1",
                "stopLoss",
                "{\"type\":\"STOP_MARKET\",\"stopPrice\":1962.5}");
        sim.stepCandles(1);
        assertThat(trader.positions(ETH)).isEmpty();
        JsonNode stop = trader.admin().path("orders").get(1);
        assertThat(stop.path("reduceOnly").asBoolean()).isTrue();
        assertThat(dec(stop.path("avgPrice"))).isEqualByComparingTo("1962.5");
        assertThat(dec(trader.balance().path("balance"))).isEqualByComparingTo("9960.51875");
    }

    @Test
    void reduceOnlyTriggerMarketClosesTheOneWayPositionWhenThePriceFalls() {
        long entry = trader.order("symbol", ETH, "side", "BUY", "type", "MARKET", "quantity", "1")
                .path("orderId")
                .asLong();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> trader.query(ETH, entry).path("status").asText().equals("FILLED"));
        long exit = trader.order(
                        "symbol",
                        ETH,
                        "side",
                        "SELL",
                        "type",
                        "TRIGGER_MARKET",
                        "quantity",
                        "1",
                        "stopPrice",
                        "1962.5",
                        "reduceOnly",
                        "true")
                .path("orderId")
                .asLong();
        sim.stepCandles(1);
        JsonNode filled = trader.query(ETH, exit);
        assertThat(filled.path("status").asText()).isEqualTo("FILLED");
        assertThat(filled.path("reduceOnly").asBoolean()).isTrue();
        assertThat(dec(filled.path("profit"))).isEqualByComparingTo("-37.5"); // (1962.5 − 2000) × 1
        assertThat(trader.positions(ETH)).isEmpty();
    }

    @Test
    void restingLimitSellOpensShortAtItsPrice() {
        JsonNode limit = trader.order("symbol", ETH, "side", "SELL", "type", "LIMIT", "quantity", "1", "price", "2075");
        sim.stepCandles(1); // rises through 2075 on the second leg
        JsonNode filled = trader.query(ETH, limit.path("orderId").asLong());
        assertThat(filled.path("status").asText()).isEqualTo("FILLED");
        assertThat(dec(filled.path("avgPrice"))).isEqualByComparingTo("2075");
        assertThat(dec(filled.path("commission"))).isEqualByComparingTo("-0.415"); // 2075 × 0.02 %
        JsonNode position = trader.positions(ETH).get(0);
        assertThat(position.path("positionSide").asText()).isEqualTo("SHORT");
        assertThat(dec(position.path("unrealizedProfit"))).isEqualByComparingTo("25"); // (2075 − 2050) × 1
    }

    @Test
    void refusesLongOrShortPositionSideInOneWayMode() {
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
                                "MARKET",
                                "quantity",
                                "1")
                        .code())
                .isEqualTo(80014);
        assertThat(trader.call(
                                "POST",
                                "/openApi/swap/v2/trade/leverage",
                                "symbol",
                                ETH,
                                "side",
                                "LONG",
                                "leverage",
                                "3")
                        .code())
                .isEqualTo(109400);
        assertThat(trader.call(
                                "POST",
                                "/openApi/swap/v2/trade/leverage",
                                "symbol",
                                ETH,
                                "side",
                                "BOTH",
                                "leverage",
                                "3")
                        .code())
                .isZero();
    }
}
