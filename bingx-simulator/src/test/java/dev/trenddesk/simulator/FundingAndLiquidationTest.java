package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Funding every 8 hours of market time and liquidation of isolated positions, in STEPPED clock, against
 * hand-computed figures. The market starts at 07:50 UTC: the live candle opens 07:50, the second step
 * closes the 07:55 candle at 08:00, a funding time.
 */
class FundingAndLiquidationTest {

    private static final String ETH = "ETH-USDT";
    private static final String LISTEN_KEY_PATH = "/openApi/user/auth/userDataStream";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long START = Instant.parse("2024-01-01T07:50:00Z").toEpochMilli();
    private static final long EIGHT = Instant.parse("2024-01-01T08:00:00Z").toEpochMilli();
    private static final long SIXTEEN = Instant.parse("2024-01-01T16:00:00Z").toEpochMilli();

    private BingxSimulator sim;

    @AfterEach
    void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    private static BingxSimulator start(List<Candle> eth, Path dataDirectory) {
        SimulatorConfig.Builder builder = SimulatorConfig.builder()
                .clockMode(ClockMode.STEPPED)
                .marketStart(START)
                .historyCandles(2)
                .candles(ETH, eth)
                .candles("BTC-USDT", List.of(Candle.of("30000", "30000", "30000", "30000")))
                .rateLimitsEnabled(false)
                // the accounting is read right after each order: FILLED answers, as the matching tests use
                .placeAnswer(PlaceAnswer.FILLED);
        if (dataDirectory != null) {
            builder.dataDirectory(dataDirectory);
        }
        return BingxSimulator.start(builder.build());
    }

    private static List<Candle> flat(int count) {
        return new ArrayList<>(Collections.nCopies(count, Candle.of("2000", "2000", "2000", "2000")));
    }

    private static BigDecimal dec(JsonNode node) {
        return new BigDecimal(node.asText());
    }

    private static List<JsonNode> incomes(SimHttp.Trader trader, String type) {
        List<JsonNode> lines = new ArrayList<>();
        for (JsonNode line : trader.call("GET", "/openApi/swap/v2/user/income", "symbol", ETH)
                .data()) {
            if (line.path("incomeType").asText().equals(type)) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void premiumIndexShowsMarkPriceRateAndNextFundingTime() {
        sim = start(flat(8), null);
        SimHttp http = new SimHttp(sim.baseUrl());

        SimHttp.Answer one = http.get("/openApi/swap/v2/quote/premiumIndex?symbol=ETH-USDT");
        assertThat(one.code()).isZero();
        JsonNode index = one.data();
        assertThat(index.path("symbol").asText()).isEqualTo(ETH);
        assertThat(dec(index.path("markPrice"))).isEqualByComparingTo("2000");
        assertThat(dec(index.path("indexPrice"))).isEqualByComparingTo("2000");
        // flat market: premium 0, rate = 0 + clamp(0.01 % − 0, ±0.05 %) = 0.01 %
        assertThat(dec(index.path("lastFundingRate"))).isEqualByComparingTo("0.0001");
        assertThat(index.path("nextFundingTime").asLong()).isEqualTo(EIGHT);
        assertThat(index.path("time").asLong()).isEqualTo(START);

        JsonNode all = http.get("/openApi/swap/v2/quote/premiumIndex").data();
        assertThat(all.isArray()).isTrue();
        assertThat(all).extracting(n -> n.path("symbol").asText()).containsExactlyInAnyOrder("BTC-USDT", ETH);

        assertThat(http.get("/openApi/swap/v2/quote/premiumIndex?symbol=DOGE-USDT")
                        .code())
                .isEqualTo(109400);

        sim.stepCandles(2);
        assertThat(http.get("/openApi/swap/v2/quote/premiumIndex?symbol=ETH-USDT")
                        .data()
                        .path("nextFundingTime")
                        .asLong())
                .isEqualTo(SIXTEEN);
    }

    @Test
    void fundingRateFollowsThePremiumOfLastOverTheEightHourAverageClamped() {
        // 96 candles at 2000 then one closing at 2100: premium (2100 − 2001.04)/2001.04 / 20 ≈ 0.247 %,
        // so the rate is 0.247 % + clamp(0.01 % − 0.247 %, ±0.05 %) = 0.197 %
        List<Candle> candles = flat(96);
        candles.add(Candle.of("2000", "2100", "2000", "2100"));
        BigDecimal rate = Funding.rate(candles.stream().map(Candle::close).toList());
        assertThat(rate).isEqualByComparingTo("0.001973");
        // a jump of 50 % is clamped to BingX's +0.3 %
        candles.add(Candle.of("2100", "3000", "2100", "3000"));
        assertThat(Funding.rate(
                        candles.subList(1, 98).stream().map(Candle::close).toList()))
                .isEqualByComparingTo("0.003");
        List<Candle> falling = flat(96);
        falling.add(Candle.of("2000", "2000", "1000", "1000"));
        assertThat(Funding.rate(falling.stream().map(Candle::close).toList())).isEqualByComparingTo("-0.003");
    }

    @Test
    void chargesFundingEveryEightHoursOfMarketTimeLongsPayShortsReceive() throws Exception {
        sim = start(flat(8), null);
        SimHttp http = new SimHttp(sim.baseUrl());
        SimHttp.Trader trader = http.account("funding-key", "funding-secret", "10000", "HEDGE", 5);
        trader.order("symbol", ETH, "side", "BUY", "positionSide", "LONG", "type", "MARKET", "quantity", "1");
        trader.order("symbol", ETH, "side", "SELL", "positionSide", "SHORT", "type", "MARKET", "quantity", "2");
        BigDecimal afterFees = new BigDecimal("10000").subtract(new BigDecimal("3")); // 0.05 % of 6000
        assertThat(dec(trader.balance().path("balance"))).isEqualByComparingTo(afterFees);

        String listenKey = http.send("POST", LISTEN_KEY_PATH, "funding-key", null)
                .json()
                .path("listenKey")
                .asText();
        try (WsTestClient ws = new WsTestClient(sim.wsUrl() + "?listenKey=" + listenKey, true)) {
            await().atMost(WAIT).until(() -> sim.webSocketConnections() == 1);
            sim.stepCandles(1); // 07:55: no funding yet
            assertThat(incomes(trader, "FUNDING_FEE")).isEmpty();

            sim.stepCandles(1); // 08:00: 0.01 % of the notional at the mark 2000
            List<JsonNode> funding = incomes(trader, "FUNDING_FEE");
            assertThat(funding).hasSize(2);
            assertThat(funding)
                    .extracting(l -> dec(l.path("income")))
                    .usingComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .containsExactlyInAnyOrder(new BigDecimal("-0.2"), new BigDecimal("0.4"));
            assertThat(funding).allSatisfy(l -> {
                assertThat(l.path("symbol").asText()).isEqualTo(ETH);
                assertThat(l.path("tranId").asText()).isNotEmpty();
            });
            assertThat(funding.get(0).path("tranId").asText())
                    .isNotEqualTo(funding.get(1).path("tranId").asText());
            assertThat(dec(trader.balance().path("balance")))
                    .isEqualByComparingTo(afterFees.add(new BigDecimal("0.2")));

            JsonNode update = SimHttp.JSON
                    .readTree(ws.next(t -> t.contains("ACCOUNT_UPDATE") && t.contains("FUNDING_FEE"), WAIT))
                    .path("a");
            assertThat(update.path("m").asText()).isEqualTo("FUNDING_FEE");
            assertThat(update.path("B").get(0).path("a").asText()).isEqualTo("USDT");
        }

        sim.stepCandles(12); // one hour later: still two lines, the next funding is at 16:00
        assertThat(incomes(trader, "FUNDING_FEE")).hasSize(2);
        assertThat(trader.admin().path("incomes").toString()).contains("FUNDING_FEE");
    }

    @Test
    void fundingIsChargedOnceAcrossARestart(@TempDir Path dir) {
        sim = start(flat(8), dir);
        SimHttp.Trader trader =
                new SimHttp(sim.baseUrl()).account("restart-key", "restart-secret", "10000", "HEDGE", 5);
        trader.order("symbol", ETH, "side", "BUY", "positionSide", "LONG", "type", "MARKET", "quantity", "1");
        sim.stepCandles(2);
        assertThat(incomes(trader, "FUNDING_FEE")).hasSize(1);
        sim.close();

        sim = start(flat(8), dir);
        SimHttp.Trader again = new SimHttp(sim.baseUrl()).new Trader("restart-key", "restart-secret");
        assertThat(incomes(again, "FUNDING_FEE")).hasSize(1);
        sim.stepCandles(3);
        assertThat(incomes(again, "FUNDING_FEE")).hasSize(1);
        assertThat(dec(again.balance().path("balance"))).isEqualByComparingTo("9998.8"); // − 1 fee − 0.2 funding
    }

    private static List<Candle> crash() {
        List<Candle> candles = flat(3);
        candles.add(Candle.of("2000", "2000", "1500", "1600"));
        candles.add(Candle.of("1600", "1600", "1600", "1600"));
        return candles;
    }

    @Test
    void liquidatesAnIsolatedLongAtItsLiquidationPriceAndTheMarginIsLost() throws Exception {
        sim = start(crash(), null);
        SimHttp http = new SimHttp(sim.baseUrl());
        SimHttp.Trader trader = http.account("liq-key", "liq-secret", "10000", "HEDGE", 10);
        assertThat(trader.call("POST", "/openApi/swap/v2/trade/marginType", "symbol", ETH, "marginType", "ISOLATED")
                        .code())
                .isZero();
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
                "{\"type\":\"STOP_MARKET\",\"stopPrice\":1500}");
        JsonNode position = trader.positions(ETH).get(0);
        assertThat(position.path("isolated").asBoolean()).isTrue();
        // margin 200 (2000 / 10), maintenance 0.5 %: 2000 × (1 − 1/10) / (1 − 0.005) = 1809.045… → 1809.05
        assertThat(dec(position.path("liquidationPrice"))).isEqualByComparingTo("1809.05");

        String listenKey = http.send("POST", LISTEN_KEY_PATH, "liq-key", null)
                .json()
                .path("listenKey")
                .asText();
        try (WsTestClient ws = new WsTestClient(sim.wsUrl() + "?listenKey=" + listenKey, true)) {
            await().atMost(WAIT).until(() -> sim.webSocketConnections() == 1);
            sim.stepCandles(2); // the crash candle walks 2000 → 1500

            assertThat(trader.positions(ETH)).isEmpty();
            // opening fee 1 and the whole margin of 200 are gone; the stop at 1500 never fills
            assertThat(dec(trader.balance().path("balance"))).isEqualByComparingTo("9799");

            JsonNode fill = SimHttp.JSON
                    .readTree(
                            ws.next(t -> t.contains("ORDER_TRADE_UPDATE") && t.contains("\"o\":\"LIQUIDATION\""), WAIT))
                    .path("o");
            assertThat(fill.path("X").asText()).isEqualTo("FILLED");
            assertThat(fill.path("S").asText()).isEqualTo("SELL");
            assertThat(fill.path("ps").asText()).isEqualTo("LONG");
            assertThat(dec(fill.path("ap"))).isEqualByComparingTo("1809.05");
            assertThat(dec(fill.path("rp"))).isEqualByComparingTo("-190.95");
            assertThat(dec(fill.path("n"))).isEqualByComparingTo("-9.05"); // the rest of the margin
            long orderId = fill.path("i").asLong();
            JsonNode account = SimHttp.JSON
                    .readTree(ws.next(t -> t.contains("ACCOUNT_UPDATE") && t.contains("\"pa\":\"0\""), WAIT))
                    .path("a");
            assertThat(account.path("B").get(0).path("wb").asText()).isEqualTo("9799");

            JsonNode order = trader.query(ETH, orderId);
            assertThat(order.path("type").asText()).isEqualTo("LIQUIDATION");
            assertThat(order.path("status").asText()).isEqualTo("FILLED");
            assertThat(dec(order.path("profit"))).isEqualByComparingTo("-190.95");
            assertThat(dec(order.path("commission"))).isEqualByComparingTo("-9.05");
        }
        assertThat(trader.call("GET", "/openApi/swap/v2/trade/openOrders", "symbol", ETH)
                        .data()
                        .path("orders"))
                .isEmpty();
        assertThat(incomes(trader, "REALIZED_PNL"))
                .extracting(l -> dec(l.path("income")))
                .usingComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .containsExactly(new BigDecimal("-190.95"));
        assertThat(incomes(trader, "INSURANCE_CLEAR"))
                .extracting(l -> dec(l.path("income")))
                .usingComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .containsExactly(new BigDecimal("-9.05"));
    }

    @Test
    void liquidatesAnIsolatedShortWhenThePriceRisesThroughIt() {
        List<Candle> squeeze = flat(3);
        squeeze.add(Candle.of("2000", "2400", "2000", "2300"));
        squeeze.add(Candle.of("2300", "2300", "2300", "2300"));
        sim = start(squeeze, null);
        SimHttp.Trader trader = new SimHttp(sim.baseUrl()).account("short-key", "short-secret", "10000", "ONE_WAY", 10);
        trader.call("POST", "/openApi/swap/v2/trade/marginType", "symbol", ETH, "marginType", "ISOLATED");
        trader.order("symbol", ETH, "side", "SELL", "type", "MARKET", "quantity", "1");
        // 2000 × (1 + 1/10) / (1 + 0.005) = 2189.054… → 2189.05
        assertThat(dec(trader.positions(ETH).get(0).path("liquidationPrice"))).isEqualByComparingTo("2189.05");
        sim.stepCandles(2);
        assertThat(trader.positions(ETH)).isEmpty();
        assertThat(dec(trader.balance().path("balance"))).isEqualByComparingTo("9799");
    }

    @Test
    void aCrossPositionIsNotLiquidated() {
        sim = start(crash(), null);
        SimHttp.Trader trader = new SimHttp(sim.baseUrl()).account("cross-key", "cross-secret", "10000", "HEDGE", 10);
        trader.order("symbol", ETH, "side", "BUY", "positionSide", "LONG", "type", "MARKET", "quantity", "1");
        sim.stepCandles(2);
        assertThat(dec(trader.positions(ETH).get(0).path("positionAmt"))).isEqualByComparingTo("1");
        assertThat(incomes(trader, "REALIZED_PNL")).isEmpty();
        assertThat(incomes(trader, "INSURANCE_CLEAR")).isEmpty();
        // only the 08:00 funding moved the wallet: the close 1600 is far below the short average (1900),
        // the rate is clamped to −0.3 % and the long receives 1600 × 0.3 % = 4.8
        assertThat(incomes(trader, "FUNDING_FEE"))
                .extracting(l -> dec(l.path("income")))
                .usingComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .containsExactly(new BigDecimal("4.8"));
        assertThat(dec(trader.balance().path("balance"))).isEqualByComparingTo("10003.8");
    }

    @Test
    void aLiquidatedPositionStaysLiquidatedAfterARestart(@TempDir Path dir) {
        sim = start(crash(), dir);
        SimHttp.Trader trader = new SimHttp(sim.baseUrl()).account("liq-restart", "liq-secret", "10000", "HEDGE", 10);
        trader.call("POST", "/openApi/swap/v2/trade/marginType", "symbol", ETH, "marginType", "ISOLATED");
        trader.order("symbol", ETH, "side", "BUY", "positionSide", "LONG", "type", "MARKET", "quantity", "1");
        sim.stepCandles(2);
        sim.close();

        sim = start(crash(), dir);
        SimHttp.Trader again = new SimHttp(sim.baseUrl()).new Trader("liq-restart", "liq-secret");
        assertThat(again.positions(ETH)).isEmpty();
        assertThat(dec(again.balance().path("balance"))).isEqualByComparingTo("9799");
        assertThat(again.admin().path("orders").toString()).contains("LIQUIDATION");
    }
}
