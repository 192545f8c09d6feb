package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BingX's account history endpoints: {@code v3/user/balance}, {@code v2/trade/allOrders},
 * {@code v1/trade/fullOrder} and {@code v2/trade/allFillOrders}, over {@link TestMarket}'s prices.
 */
class HistoryEndpointsTest {

    private static final String ETH = "ETH-USDT";
    private static final String ORDER = "/openApi/swap/v2/trade/order";
    private static final String ALL_ORDERS = "/openApi/swap/v2/trade/allOrders";
    private static final String FULL_ORDER = "/openApi/swap/v1/trade/fullOrder";
    private static final String FILLS = "/openApi/swap/v2/trade/allFillOrders";
    private BingxSimulator sim;
    private SimHttp http;
    private SimHttp.Trader trader;

    @BeforeEach
    void startSimulator() {
        sim = TestMarket.start();
        http = new SimHttp(sim.baseUrl());
        trader = http.account("history-key", "history-secret", "10000", "HEDGE", 5);
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    private static BigDecimal dec(JsonNode node) {
        return new BigDecimal(node.asText());
    }

    /** Places an order and waits until a query shows it {@code status} (the answer may be an acknowledgement). */
    private long placed(String status, String... keyValues) {
        long orderId = trader.order(keyValues).path("orderId").asLong();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> trader.query(ETH, orderId).path("status").asText().equals(status));
        return orderId;
    }

    private static List<Long> orderIds(JsonNode orders) {
        List<Long> ids = new ArrayList<>();
        orders.forEach(order -> ids.add(order.path("orderId").asLong()));
        return ids;
    }

    @Test
    void v3BalanceIsAnArrayOfAssetsWithTheFieldsOfV2() {
        placed("FILLED", "symbol", ETH, "side", "BUY", "positionSide", "LONG", "type", "MARKET", "quantity", "1");
        sim.stepCandles(1); // 2050: unrealised +50

        SimHttp.Answer v3 = trader.call("GET", "/openApi/swap/v3/user/balance");
        assertThat(v3.code()).isZero();
        JsonNode assets = v3.data();
        assertThat(assets.isArray()).isTrue();
        assertThat(assets).hasSize(2);
        JsonNode usdt = assets.get(0);
        JsonNode v2 = trader.balance();
        for (Iterator<Map.Entry<String, JsonNode>> it = v2.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            assertThat(usdt.path(field.getKey())).as(field.getKey()).isEqualTo(field.getValue());
        }
        assertThat(usdt.path("asset").asText()).isEqualTo("USDT");
        assertThat(dec(usdt.path("unrealizedProfit"))).isEqualByComparingTo("50");
        JsonNode usdc = assets.get(1);
        assertThat(usdc.path("asset").asText()).isEqualTo("USDC");
        for (String field : List.of(
                "balance",
                "equity",
                "unrealizedProfit",
                "realisedProfit",
                "availableMargin",
                "usedMargin",
                "freezedMargin")) {
            assertThat(dec(usdc.path(field))).as(field).isZero();
        }
    }

    @Test
    void allOrdersListsFinishedOrdersAndFullOrderAlsoTheOpenOnes() {
        long filled = placed(
                "FILLED", "symbol", ETH, "side", "BUY", "positionSide", "LONG", "type", "MARKET", "quantity", "1");
        long cancelled = trader.order(
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
                        "1500")
                .path("orderId")
                .asLong();
        assertThat(trader.call("DELETE", ORDER, "symbol", ETH, "orderId", String.valueOf(cancelled))
                        .code())
                .isZero();
        long open = trader.order(
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
                        "1501")
                .path("orderId")
                .asLong();
        trader.order(
                "symbol",
                "BTC-USDT",
                "side",
                "BUY",
                "positionSide",
                "LONG",
                "type",
                "LIMIT",
                "quantity",
                "0.001",
                "price",
                "20000");

        SimHttp.Answer history = trader.call("GET", ALL_ORDERS, "symbol", ETH);
        assertThat(history.code()).isZero();
        assertThat(orderIds(history.data().path("orders"))).containsExactly(filled, cancelled);
        JsonNode first = history.data().path("orders").get(0);
        assertThat(first.path("status").asText()).isEqualTo("FILLED");
        assertThat(dec(first.path("avgPrice"))).isEqualByComparingTo("2000");
        assertThat(dec(first.path("executedQty"))).isEqualByComparingTo("1");
        assertThat(first.path("positionSide").asText()).isEqualTo("LONG");
        assertThat(history.data().path("orders").get(1).path("status").asText()).isEqualTo("CANCELLED");

        SimHttp.Answer full = trader.call("GET", FULL_ORDER, "symbol", ETH);
        assertThat(full.code()).isZero();
        assertThat(orderIds(full.data().path("orders"))).containsExactly(filled, cancelled, open);
        assertThat(orderIds(trader.call("GET", FULL_ORDER).data().path("orders")))
                .hasSize(4); // every symbol

        // the latest ones by default; orderId: that one and later
        assertThat(orderIds(trader.call("GET", ALL_ORDERS, "symbol", ETH, "limit", "1")
                        .data()
                        .path("orders")))
                .containsExactly(cancelled);
        assertThat(orderIds(trader.call("GET", FULL_ORDER, "symbol", ETH, "orderId", String.valueOf(cancelled))
                        .data()
                        .path("orders")))
                .containsExactly(cancelled, open);
        long now = sim.marketTime();
        assertThat(trader.call(
                                "GET",
                                ALL_ORDERS,
                                "symbol",
                                ETH,
                                "startTime",
                                String.valueOf(now + 60_000),
                                "endTime",
                                String.valueOf(now + 120_000))
                        .data()
                        .path("orders"))
                .isEmpty();
    }

    @Test
    void historyRefusesBadParametersAsBingxDoes() {
        long now = System.currentTimeMillis();
        long eightDays = Duration.ofDays(8).toMillis();
        assertThat(trader.call(
                                "GET",
                                ALL_ORDERS,
                                "symbol",
                                ETH,
                                "startTime",
                                String.valueOf(now - eightDays),
                                "endTime",
                                String.valueOf(now))
                        .code())
                .isEqualTo(80014); // more than seven days
        assertThat(trader.call("GET", ALL_ORDERS, "limit", "1001").code()).isEqualTo(80014);
        assertThat(trader.call("GET", FULL_ORDER, "limit", "0").code()).isEqualTo(80014);
        assertThat(trader.call("GET", ALL_ORDERS, "symbol", "DOGE-USDT").code()).isEqualTo(109400);
        assertThat(trader.call(
                                "GET",
                                FILLS,
                                "symbol",
                                ETH,
                                "startTs",
                                String.valueOf(now - 60_000),
                                "endTs",
                                String.valueOf(now))
                        .code())
                .isEqualTo(80014); // tradingUnit missing
        assertThat(trader.call(
                                "GET",
                                FILLS,
                                "tradingUnit",
                                "LOTS",
                                "startTs",
                                String.valueOf(now - 60_000),
                                "endTs",
                                String.valueOf(now))
                        .code())
                .isEqualTo(80014);
        assertThat(trader.call("GET", FILLS, "tradingUnit", "COIN").code()).isEqualTo(80014); // no range
        assertThat(trader.call(
                                "GET",
                                FILLS,
                                "tradingUnit",
                                "COIN",
                                "startTs",
                                String.valueOf(now),
                                "endTs",
                                String.valueOf(now - 60_000))
                        .code())
                .isEqualTo(80014);
        // signed like every account endpoint
        assertThat(http.send("GET", ALL_ORDERS + "?timestamp=" + now, "history-key", null)
                        .json()
                        .path("code")
                        .asInt())
                .isEqualTo(100412);
    }

    @Test
    void allFillOrdersListsEveryExecutionWithPriceFeeAndRealisedPnl() {
        long start = sim.marketTime() - 1_000; // order and fill times are market time
        long open = placed(
                "FILLED", "symbol", ETH, "side", "BUY", "positionSide", "LONG", "type", "MARKET", "quantity", "1");
        sim.stepCandles(1); // 2050
        long close = placed(
                "FILLED", "symbol", ETH, "side", "SELL", "positionSide", "LONG", "type", "MARKET", "quantity", "1");
        long end = sim.marketTime() + 1_000;

        SimHttp.Answer answer = trader.call(
                "GET",
                FILLS,
                "symbol",
                ETH,
                "tradingUnit",
                "COIN",
                "startTs",
                String.valueOf(start),
                "endTs",
                String.valueOf(end));
        assertThat(answer.code()).isZero();
        JsonNode fills = answer.data().path("fill_orders");
        assertThat(fills).hasSize(2);
        JsonNode buy = fills.get(0);
        assertThat(buy.path("orderId").asText()).isEqualTo(String.valueOf(open));
        assertThat(buy.path("symbol").asText()).isEqualTo(ETH);
        assertThat(buy.path("side").asText()).isEqualTo("BUY");
        assertThat(buy.path("positionSide").asText()).isEqualTo("LONG");
        assertThat(buy.path("type").asText()).isEqualTo("MARKET");
        assertThat(dec(buy.path("volume"))).isEqualByComparingTo("1");
        assertThat(dec(buy.path("price"))).isEqualByComparingTo("2000");
        assertThat(dec(buy.path("amount"))).isEqualByComparingTo("2000");
        assertThat(dec(buy.path("commission"))).isEqualByComparingTo("-1");
        assertThat(dec(buy.path("realizedPnl"))).isEqualByComparingTo("0");
        assertThat(buy.path("currency").asText()).isEqualTo("USDT");
        long filledAt = Instant.parse(buy.path("filledTm").asText()).toEpochMilli();
        assertThat(filledAt).isBetween(start - 1_000, end);
        assertThat(buy.path("filledTime").asText()).endsWith("+0800");

        JsonNode sell = fills.get(1);
        assertThat(sell.path("orderId").asText()).isEqualTo(String.valueOf(close));
        assertThat(sell.path("side").asText()).isEqualTo("SELL");
        assertThat(dec(sell.path("price"))).isEqualByComparingTo("2050");
        assertThat(dec(sell.path("commission"))).isEqualByComparingTo("-1.025");
        assertThat(dec(sell.path("realizedPnl"))).isEqualByComparingTo("50");

        // one order's fills; CONT is the same unit as COIN for these contracts; other symbols and windows
        JsonNode one = trader.call(
                        "GET",
                        FILLS,
                        "tradingUnit",
                        "CONT",
                        "orderId",
                        String.valueOf(close),
                        "startTs",
                        String.valueOf(start),
                        "endTs",
                        String.valueOf(end))
                .data()
                .path("fill_orders");
        assertThat(one).hasSize(1);
        assertThat(dec(one.get(0).path("volume"))).isEqualByComparingTo("1");
        assertThat(trader.call(
                                "GET",
                                FILLS,
                                "symbol",
                                "BTC-USDT",
                                "tradingUnit",
                                "COIN",
                                "startTs",
                                String.valueOf(start),
                                "endTs",
                                String.valueOf(end))
                        .data()
                        .path("fill_orders"))
                .isEmpty();
        assertThat(trader.call(
                                "GET",
                                FILLS,
                                "tradingUnit",
                                "COIN",
                                "startTs",
                                String.valueOf(end),
                                "endTs",
                                String.valueOf(end + 60_000))
                        .data()
                        .path("fill_orders"))
                .isEmpty();
        assertThat(trader.admin().path("fills")).hasSize(2);
    }

    @Test
    void aLiquidationIsAFillWithItsLiquidationPrice() {
        sim.close();
        List<Candle> squeeze =
                new ArrayList<>(java.util.Collections.nCopies(3, Candle.of("2000", "2000", "2000", "2000")));
        squeeze.add(Candle.of("2000", "2400", "2000", "2300"));
        squeeze.add(Candle.of("2300", "2300", "2300", "2300"));
        sim = BingxSimulator.start(SimulatorConfig.builder()
                .clockMode(ClockMode.STEPPED)
                .historyCandles(2)
                .candles(ETH, squeeze)
                .candles("BTC-USDT", List.of(Candle.of("30000", "30000", "30000", "30000")))
                .rateLimitsEnabled(false)
                .build());
        SimHttp.Trader shorter =
                new SimHttp(sim.baseUrl()).account("short-key", "short-secret", "10000", "ONE_WAY", 10);
        shorter.call("POST", "/openApi/swap/v2/trade/marginType", "symbol", ETH, "marginType", "ISOLATED");
        long start = sim.marketTime() - 1_000; // order and fill times are market time
        shorter.order("symbol", ETH, "side", "SELL", "type", "MARKET", "quantity", "1");
        sim.stepCandles(2); // rises through the isolated short's liquidation price 2189.05
        await().atMost(Duration.ofSeconds(5)).until(() -> shorter.positions(ETH).isEmpty());

        JsonNode fills = shorter.call(
                        "GET",
                        FILLS,
                        "symbol",
                        ETH,
                        "tradingUnit",
                        "COIN",
                        "startTs",
                        String.valueOf(start),
                        "endTs",
                        String.valueOf(sim.marketTime() + 1_000))
                .data()
                .path("fill_orders");
        assertThat(fills).hasSize(2);
        JsonNode liquidation = fills.get(1);
        assertThat(liquidation.path("type").asText()).isEqualTo("LIQUIDATION");
        assertThat(liquidation.path("side").asText()).isEqualTo("BUY");
        assertThat(dec(liquidation.path("price"))).isEqualByComparingTo("2189.05");
        assertThat(dec(liquidation.path("liquidatedPrice"))).isEqualByComparingTo("2189.05");
        assertThat(dec(liquidation.path("volume"))).isEqualByComparingTo("1");
        assertThat(dec(liquidation.path("realizedPnl"))).isEqualByComparingTo("-189.05");
        assertThat(fills.get(0).path("liquidatedPrice").asText()).isEmpty();
    }
}
