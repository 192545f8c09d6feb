package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Matching, fees and PnL in hedge mode, against hand-computed figures (see {@link TestMarket}). */
class HedgeModeMatchingTest {

    private static final String ETH = "ETH-USDT";
    private BingxSimulator sim;
    private SimHttp http;
    private SimHttp.Trader trader;

    @BeforeEach
    void startSimulator() {
        sim = TestMarket.start();
        http = new SimHttp(sim.baseUrl());
        trader = http.account("hedge-key", "hedge-secret", "10000", "HEDGE", 5);
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    private static BigDecimal dec(JsonNode node) {
        return new BigDecimal(node.asText());
    }

    @Test
    void opensAddsPartiallyClosesAndClosesLongWithFeesAndPnl() {
        JsonNode open =
                trader.order("symbol", ETH, "side", "BUY", "positionSide", "LONG", "type", "MARKET", "quantity", "1");
        assertThat(open.path("status").asText()).isEqualTo("FILLED");
        assertThat(dec(open.path("avgPrice"))).isEqualByComparingTo("2000");
        assertThat(dec(open.path("commission"))).isEqualByComparingTo("-1"); // 2000 × 0.05 %
        assertThat(dec(trader.balance().path("balance"))).isEqualByComparingTo("9999");

        sim.stepCandles(1); // price now 2050
        trader.order("symbol", ETH, "side", "BUY", "positionSide", "LONG", "type", "MARKET", "quantity", "1");
        JsonNode position = trader.positions(ETH).get(0);
        assertThat(position.path("positionSide").asText()).isEqualTo("LONG");
        assertThat(dec(position.path("positionAmt"))).isEqualByComparingTo("2");
        assertThat(dec(position.path("avgPrice"))).isEqualByComparingTo("2025");
        assertThat(dec(position.path("unrealizedProfit"))).isEqualByComparingTo("50");
        JsonNode balance = trader.balance();
        assertThat(dec(balance.path("balance"))).isEqualByComparingTo("9997.975"); // − 1.025 fee
        assertThat(dec(balance.path("equity"))).isEqualByComparingTo("10047.975");
        assertThat(dec(balance.path("usedMargin"))).isEqualByComparingTo("810"); // 2 × 2025 / 5

        JsonNode partial = trader.order(
                "symbol", ETH, "side", "SELL", "positionSide", "LONG", "type", "MARKET", "quantity", "0.5");
        assertThat(dec(partial.path("profit"))).isEqualByComparingTo("12.5"); // (2050 − 2025) × 0.5
        assertThat(dec(partial.path("commission"))).isEqualByComparingTo("-0.5125");
        assertThat(dec(trader.balance().path("balance"))).isEqualByComparingTo("10009.9625");
        assertThat(dec(trader.positions(ETH).get(0).path("positionAmt"))).isEqualByComparingTo("1.5");

        JsonNode close = trader.order(
                "symbol", ETH, "side", "SELL", "positionSide", "LONG", "type", "MARKET", "quantity", "1.5");
        assertThat(dec(close.path("profit"))).isEqualByComparingTo("37.5");
        assertThat(dec(trader.balance().path("balance"))).isEqualByComparingTo("10045.925"); // − 1.5375 fee
        assertThat(trader.positions(ETH)).isEmpty();

        JsonNode income = trader.call("GET", "/openApi/swap/v2/user/income", "symbol", ETH)
                .data();
        BigDecimal pnl = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        for (JsonNode line : income) {
            if (line.path("incomeType").asText().equals("REALIZED_PNL")) {
                pnl = pnl.add(dec(line.path("income")));
            } else {
                fees = fees.add(dec(line.path("income")));
            }
        }
        assertThat(pnl).isEqualByComparingTo("50");
        assertThat(fees).isEqualByComparingTo("-4.075");
    }

    @Test
    void opensAndClosesShortWithLoss() {
        trader.order("symbol", ETH, "side", "SELL", "positionSide", "SHORT", "type", "MARKET", "quantity", "1");
        assertThat(trader.positions(ETH).get(0).path("positionSide").asText()).isEqualTo("SHORT");
        sim.stepCandles(1);
        assertThat(dec(trader.positions(ETH).get(0).path("unrealizedProfit"))).isEqualByComparingTo("-50");
        JsonNode close =
                trader.order("symbol", ETH, "side", "BUY", "positionSide", "SHORT", "type", "MARKET", "quantity", "1");
        assertThat(dec(close.path("profit"))).isEqualByComparingTo("-50");
        assertThat(dec(trader.balance().path("balance"))).isEqualByComparingTo("9947.975"); // − 1 − 50 − 1.025
    }

    @Test
    void stopLossTriggersAtItsPriceAndCancelsTheTakeProfit() {
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
                "stopLoss",
                "{\"type\":\"STOP_MARKET\",\"stopPrice\":1962.5,\"workingType\":\"MARK_PRICE\"}",
                "takeProfit",
                "{\"type\":\"TAKE_PROFIT_MARKET\",\"stopPrice\":2200,\"workingType\":\"MARK_PRICE\"}");
        assertThat(trader.call("GET", "/openApi/swap/v2/trade/openOrders", "symbol", ETH)
                        .data()
                        .path("orders"))
                .hasSize(2);

        sim.stepCandles(1); // the path falls through 1962.5 on its way to 1950

        List<JsonNode> orders = new ArrayList<>();
        trader.admin().path("orders").forEach(orders::add);
        assertThat(orders).hasSize(3);
        JsonNode stop = orders.stream()
                .filter(o -> o.path("type").asText().equals("STOP_MARKET"))
                .findFirst()
                .orElseThrow();
        JsonNode take = orders.stream()
                .filter(o -> o.path("type").asText().equals("TAKE_PROFIT_MARKET"))
                .findFirst()
                .orElseThrow();
        assertThat(stop.path("status").asText()).isEqualTo("FILLED");
        assertThat(stop.path("side").asText()).isEqualTo("SELL");
        assertThat(stop.path("positionSide").asText()).isEqualTo("LONG");
        assertThat(dec(stop.path("avgPrice"))).isEqualByComparingTo("1962.5");
        assertThat(dec(stop.path("profit"))).isEqualByComparingTo("-37.5");
        assertThat(dec(stop.path("commission"))).isEqualByComparingTo("-0.98125");
        assertThat(take.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(trader.positions(ETH)).isEmpty();
        assertThat(dec(trader.balance().path("balance"))).isEqualByComparingTo("9960.51875"); // − 1 − 37.5 − 0.98125
        assertThat(trader.query(ETH, entry.path("orderId").asLong())
                        .path("status")
                        .asText())
                .isEqualTo("FILLED");
    }

    @Test
    void takeProfitTriggersAtItsPriceAndCancelsTheStopLoss() {
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
                "1",
                "stopLoss",
                "{\"type\":\"STOP_MARKET\",\"stopPrice\":1940}",
                "takeProfit",
                "{\"type\":\"TAKE_PROFIT_MARKET\",\"stopPrice\":2090}");

        sim.stepCandles(1); // down to 1950 (stop not reached), then up through 2090 to 2100

        JsonNode admin = trader.admin();
        JsonNode take = null;
        JsonNode stop = null;
        for (JsonNode order : admin.path("orders")) {
            if (order.path("type").asText().equals("TAKE_PROFIT_MARKET")) {
                take = order;
            } else if (order.path("type").asText().equals("STOP_MARKET")) {
                stop = order;
            }
        }
        assertThat(take.path("status").asText()).isEqualTo("FILLED");
        assertThat(dec(take.path("avgPrice"))).isEqualByComparingTo("2090");
        assertThat(dec(take.path("profit"))).isEqualByComparingTo("90");
        assertThat(stop.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(dec(trader.balance().path("balance"))).isEqualByComparingTo("10087.955"); // −1 + 90 − 1.045
        assertThat(admin.path("openOrders")).isEmpty();
    }

    @Test
    void restingLimitFillsAtItsPriceWithMakerFee() {
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
                "1",
                "price",
                "1980");
        assertThat(limit.path("status").asText()).isEqualTo("NEW");
        assertThat(dec(trader.balance().path("freezedMargin"))).isEqualByComparingTo("396"); // 1980 / 5

        sim.stepCandles(1);

        JsonNode filled = trader.query(ETH, limit.path("orderId").asLong());
        assertThat(filled.path("status").asText()).isEqualTo("FILLED");
        assertThat(dec(filled.path("avgPrice"))).isEqualByComparingTo("1980");
        assertThat(dec(filled.path("commission"))).isEqualByComparingTo("-0.396"); // 1980 × 0.02 %
        assertThat(dec(trader.positions(ETH).get(0).path("avgPrice"))).isEqualByComparingTo("1980");
        assertThat(dec(trader.balance().path("balance"))).isEqualByComparingTo("9999.604");
    }

    @Test
    void marketableLimitFillsAtOnceAtTheMarketPriceAsTaker() {
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
                "1",
                "price",
                "2010");
        assertThat(limit.path("status").asText()).isEqualTo("FILLED");
        assertThat(dec(limit.path("avgPrice"))).isEqualByComparingTo("2000");
        assertThat(dec(limit.path("commission"))).isEqualByComparingTo("-1");
    }

    @Test
    void standaloneStopMarketOpensWhenTriggered() {
        JsonNode stop = trader.order(
                "symbol",
                ETH,
                "side",
                "BUY",
                "positionSide",
                "LONG",
                "type",
                "STOP_MARKET",
                "quantity",
                "1",
                "stopPrice",
                "2072.5");
        assertThat(stop.path("status").asText()).isEqualTo("NEW");
        sim.stepCandles(1);
        JsonNode filled = trader.query(ETH, stop.path("orderId").asLong());
        assertThat(filled.path("status").asText()).isEqualTo("FILLED");
        assertThat(dec(filled.path("avgPrice"))).isEqualByComparingTo("2072.5");
        assertThat(dec(trader.positions(ETH).get(0).path("positionAmt"))).isEqualByComparingTo("1");
    }

    @Test
    void refusesOrderWithoutPositionSideInHedgeMode() {
        SimHttp.Answer answer = trader.call(
                "POST",
                "/openApi/swap/v2/trade/order",
                "symbol",
                ETH,
                "side",
                "BUY",
                "type",
                "MARKET",
                "quantity",
                "1");
        assertThat(answer.code()).isEqualTo(80014);
        assertThat(trader.admin().path("orders")).isEmpty();
    }

    @Test
    void refusesReduceOnlyInHedgeModeAsBingxDoes() {
        trader.order("symbol", ETH, "side", "BUY", "positionSide", "LONG", "type", "MARKET", "quantity", "1");
        // BingX: 109400 "In the Hedge mode, the 'ReduceOnly' field can not be filled." whatever its value;
        // side + positionSide already say whether an order closes
        for (String value : new String[] {"true", "false"}) {
            SimHttp.Answer answer = trader.call(
                    "POST",
                    "/openApi/swap/v2/trade/order",
                    "symbol",
                    ETH,
                    "side",
                    "SELL",
                    "positionSide",
                    "LONG",
                    "type",
                    "MARKET",
                    "quantity",
                    "1",
                    "reduceOnly",
                    value);
            assertThat(answer.code()).as("reduceOnly=" + value).isEqualTo(109400);
            assertThat(answer.json().path("msg").asText())
                    .contains("Hedge mode")
                    .contains("ReduceOnly");
        }
        assertThat(trader.admin().path("orders")).hasSize(1);
        assertThat(trader.positions(ETH)).hasSize(1);
    }

    @Test
    void refusesClosingMoreThanThePosition() {
        SimHttp.Answer answer = trader.call(
                "POST",
                "/openApi/swap/v2/trade/order",
                "symbol",
                ETH,
                "side",
                "SELL",
                "positionSide",
                "LONG",
                "type",
                "MARKET",
                "quantity",
                "1");
        assertThat(answer.code()).isEqualTo(80014);
    }

    @Test
    void rejectsOrderWhenMarginInsufficient() {
        http.admin("POST", "/sim/reset", null);
        SimHttp.Trader poor = http.account("poor-key", "poor-secret", "100", "HEDGE", 5);
        SimHttp.Answer market = poor.call(
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
                "1"); // needs 400 + 1 fee
        assertThat(market.code()).isEqualTo(101204);
        SimHttp.Answer limit = poor.call(
                "POST",
                "/openApi/swap/v2/trade/order",
                "symbol",
                ETH,
                "side",
                "BUY",
                "positionSide",
                "LONG",
                "type",
                "LIMIT",
                "quantity",
                "1",
                "price",
                "1900");
        assertThat(limit.code()).isEqualTo(101204);
        SimHttp.Answer fits = poor.call(
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
                "0.2"); // 80 + 0.2 fee
        assertThat(fits.code()).isZero();
        assertThat(poor.admin().path("orders")).hasSize(1);
    }

    @Test
    void truncatesExcessPrecisionAsBingxDoes() {
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
                "1.239",
                "price",
                "1900.129");
        assertThat(limit.path("origQty").asText()).isEqualTo("1.23");
        assertThat(limit.path("price").asText()).isEqualTo("1900.12");
    }

    @Test
    void refusesDuplicateClientOrderIdAndFindsOrdersByLowerCasedId() {
        JsonNode first = trader.order(
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
                "Bot-ABC-1");
        assertThat(first.path("clientOrderId").asText()).isEqualTo("bot-abc-1");

        SimHttp.Answer again = trader.call(
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
                "0.1",
                "clientOrderId",
                "bot-abc-1");
        assertThat(again.code()).isEqualTo(109201);

        JsonNode found = trader.call("GET", "/openApi/swap/v2/trade/order", "symbol", ETH, "clientOrderId", "BOT-abc-1")
                .data()
                .path("order");
        assertThat(found.path("orderId").asLong())
                .isEqualTo(first.path("orderId").asLong());
        assertThat(trader.admin().path("orders")).hasSize(1);
    }

    @Test
    void refusesTradingWithReadOnlyKeyButAnswersQueries() {
        http.admin("POST", "/sim/accounts", """
                {"apiKey":"reader","secretKey":"reader-secret","balance":"500","permissions":["READ"]}""");
        SimHttp.Trader reader = http.new Trader("reader", "reader-secret");
        assertThat(reader.call(
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
                                "0.1")
                        .code())
                .isEqualTo(100004);
        assertThat(reader.call(
                                "POST",
                                "/openApi/swap/v2/trade/leverage",
                                "symbol",
                                ETH,
                                "side",
                                "LONG",
                                "leverage",
                                "3")
                        .code())
                .isEqualTo(100004);
        assertThat(dec(reader.balance().path("balance"))).isEqualByComparingTo("500");
    }

    @Test
    void cancelsRestingOrdersOneByOneAndAll() {
        JsonNode a = trader.order(
                "symbol",
                ETH,
                "side",
                "BUY",
                "positionSide",
                "LONG",
                "type",
                "LIMIT",
                "quantity",
                "0.1",
                "price",
                "1500");
        trader.order(
                "symbol",
                ETH,
                "side",
                "BUY",
                "positionSide",
                "LONG",
                "type",
                "LIMIT",
                "quantity",
                "0.1",
                "price",
                "1501");
        trader.order(
                "symbol",
                ETH,
                "side",
                "BUY",
                "positionSide",
                "LONG",
                "type",
                "LIMIT",
                "quantity",
                "0.1",
                "price",
                "1502");
        SimHttp.Answer cancelled = trader.call(
                "DELETE",
                "/openApi/swap/v2/trade/order",
                "symbol",
                ETH,
                "orderId",
                a.path("orderId").asText());
        assertThat(cancelled.data().path("order").path("status").asText()).isEqualTo("CANCELLED");
        SimHttp.Answer all = trader.call("DELETE", "/openApi/swap/v2/trade/allOpenOrders", "symbol", ETH);
        assertThat(all.data().path("success")).hasSize(2);
        assertThat(trader.admin().path("openOrders")).isEmpty();
        assertThat(trader.call("DELETE", "/openApi/swap/v2/trade/order", "symbol", ETH, "orderId", "42")
                        .code())
                .isEqualTo(80016);
    }

    @Test
    void closeAllPositionsClosesBothSidesAtMarket() {
        trader.order("symbol", ETH, "side", "BUY", "positionSide", "LONG", "type", "MARKET", "quantity", "1");
        trader.order("symbol", ETH, "side", "SELL", "positionSide", "SHORT", "type", "MARKET", "quantity", "0.5");
        SimHttp.Answer closed = trader.call("POST", "/openApi/swap/v2/trade/closeAllPositions");
        assertThat(closed.data().path("success")).hasSize(2);
        assertThat(trader.positions(ETH)).isEmpty();
    }

    @Test
    void refusesPositionModeChangeWhilePositionOpen() {
        trader.order("symbol", ETH, "side", "BUY", "positionSide", "LONG", "type", "MARKET", "quantity", "0.1");
        assertThat(trader.call("POST", "/openApi/swap/v1/positionSide/dual", "dualSidePosition", "false")
                        .code())
                .isEqualTo(109401);
        trader.call("POST", "/openApi/swap/v2/trade/closeAllPositions");
        assertThat(trader.call("POST", "/openApi/swap/v1/positionSide/dual", "dualSidePosition", "false")
                        .data()
                        .path("dualSidePosition")
                        .asText())
                .isEqualTo("false");
        assertThat(trader.call("GET", "/openApi/swap/v1/positionSide/dual")
                        .data()
                        .path("dualSidePosition")
                        .asText())
                .isEqualTo("false");
    }

    @Test
    void setsLeverageAndMarginTypeAndRefusesLeverageAboveMaximum() {
        assertThat(trader.call(
                                "POST",
                                "/openApi/swap/v2/trade/leverage",
                                "symbol",
                                ETH,
                                "side",
                                "SHORT",
                                "leverage",
                                "7")
                        .data()
                        .path("leverage")
                        .asInt())
                .isEqualTo(7);
        JsonNode leverage = trader.call("GET", "/openApi/swap/v2/trade/leverage", "symbol", ETH)
                .data();
        assertThat(leverage.path("longLeverage").asInt()).isEqualTo(5);
        assertThat(leverage.path("shortLeverage").asInt()).isEqualTo(7);
        assertThat(trader.call(
                                "POST",
                                "/openApi/swap/v2/trade/leverage",
                                "symbol",
                                ETH,
                                "side",
                                "LONG",
                                "leverage",
                                "126")
                        .code())
                .isEqualTo(101414);
        trader.call("POST", "/openApi/swap/v2/trade/marginType", "symbol", ETH, "marginType", "ISOLATED");
        assertThat(trader.call("GET", "/openApi/swap/v2/trade/marginType", "symbol", ETH)
                        .data()
                        .path("marginType")
                        .asText())
                .isEqualTo("ISOLATED");
    }

    @Test
    void testOrderValidatesWithoutPlacing() {
        SimHttp.Answer answer = trader.call(
                "POST",
                "/openApi/swap/v2/trade/order/test",
                "symbol",
                ETH,
                "side",
                "BUY",
                "positionSide",
                "LONG",
                "type",
                "MARKET",
                "quantity",
                "1");
        assertThat(answer.code()).isZero();
        assertThat(trader.admin().path("orders")).isEmpty();
        assertThat(trader.call(
                                "POST",
                                "/openApi/swap/v2/trade/order/test",
                                "symbol",
                                "DOGE-USDT",
                                "side",
                                "BUY",
                                "positionSide",
                                "LONG",
                                "type",
                                "MARKET",
                                "quantity",
                                "1")
                        .code())
                .isEqualTo(109400);
    }
}
