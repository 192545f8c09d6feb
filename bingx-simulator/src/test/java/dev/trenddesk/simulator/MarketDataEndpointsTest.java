package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BingX's public market data besides klines: quote/ticker, quote/depth and quote/trades over REST, and the
 * {@code @ticker}, {@code @trade} and {@code @depthN} WebSocket channels, in BingX's shapes, all derived
 * from the replay (hand-made prices of {@link TestMarket}: the live candle 2000 → 1950 → 2100 → 2050).
 */
class MarketDataEndpointsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void tickerCoversTheLast24HoursOfMarketTime() {
        try (BingxSimulator sim = TestMarket.start()) {
            SimHttp http = new SimHttp(sim.baseUrl());
            long base = sim.marketTime() - 2 * 300_000; // two history candles
            sim.stepCandles(1);
            SimHttp.Answer answer = http.get("/openApi/swap/v2/quote/ticker?symbol=ETH-USDT");
            assertThat(answer.code()).isZero();
            JsonNode ticker = answer.data();
            assertThat(ticker.path("symbol").asText()).isEqualTo("ETH-USDT");
            assertThat(ticker.path("lastPrice").asText()).isEqualTo("2050");
            assertThat(ticker.path("openPrice").asText()).isEqualTo("2000");
            assertThat(ticker.path("priceChange").asText()).isEqualTo("50");
            assertThat(ticker.path("priceChangePercent").asText()).isEqualTo("2.5");
            assertThat(ticker.path("highPrice").asText()).isEqualTo("2100");
            assertThat(ticker.path("lowPrice").asText()).isEqualTo("1950");
            assertThat(ticker.path("volume").asText()).isEqualTo("3");
            assertThat(new BigDecimal(ticker.path("quoteVolume").asText()))
                    .isBetween(new BigDecimal(4000 + 1950), new BigDecimal(4000 + 2100));
            assertThat(ticker.path("lastQty").asText()).isEqualTo("0.0334");
            assertThat(ticker.path("openTime").asLong()).isEqualTo(base);
            assertThat(ticker.path("closeTime").asLong()).isEqualTo(sim.marketTime());
            assertThat(ticker.path("bidPrice").asText()).isEqualTo("2049.99");
            assertThat(ticker.path("askPrice").asText()).isEqualTo("2050.01");
            assertThat(new BigDecimal(ticker.path("bidQty").asText())).isGreaterThanOrEqualTo(new BigDecimal("0.01"));

            JsonNode all = http.get("/openApi/swap/v2/quote/ticker").data();
            assertThat(all.isArray()).isTrue();
            assertThat(all).extracting(t -> t.path("symbol").asText()).containsExactly("BTC-USDT", "ETH-USDT");
            assertThat(all.get(0).path("lastPrice").asText()).isEqualTo("30000");
            assertThat(http.get("/openApi/swap/v2/quote/ticker?symbol=XRP-USDT").code())
                    .isEqualTo(109400);
        }
    }

    @Test
    void recentTradesAreTheReplaysSubSteps() {
        try (BingxSimulator sim = TestMarket.start()) {
            SimHttp http = new SimHttp(sim.baseUrl());
            long liveOpen = sim.marketTime();
            sim.stepCandles(1);
            JsonNode trades = http.get("/openApi/swap/v2/quote/trades?symbol=ETH-USDT&limit=5")
                    .data();
            assertThat(trades).hasSize(5);
            // the last 50 s of the candle: 2100 at 200 s falls 5 per 10 s to 2050 at 300 s
            assertThat(trades)
                    .extracting(t -> t.path("price").asText())
                    .containsExactly("2070", "2065", "2060", "2055", "2050");
            JsonNode last = trades.get(4);
            assertThat(last.path("time").asLong()).isEqualTo(liveOpen + 295_000);
            assertThat(last.path("qty").asText()).isEqualTo("0.0334");
            assertThat(new BigDecimal(last.path("quoteQty").asText())).isEqualByComparingTo("68.47");
            assertThat(last.path("isBuyerMaker").asBoolean()).isTrue();
            for (int i = 1; i < 5; i++) {
                assertThat(trades.get(i).path("time").asLong()
                                - trades.get(i - 1).path("time").asLong())
                        .isEqualTo(10_000);
                assertThat(Long.parseLong(trades.get(i).path("id").asText()))
                        .isEqualTo(Long.parseLong(trades.get(i - 1).path("id").asText()) + 1);
            }
            // the two history candles and the one that closed traded, 30 sub-steps each
            assertThat(http.get("/openApi/swap/v2/quote/trades?symbol=ETH-USDT").data())
                    .hasSize(90);
            assertThat(http.get("/openApi/swap/v2/quote/trades?symbol=ETH-USDT&limit=1001")
                            .code())
                    .isEqualTo(80014);
            assertThat(http.get("/openApi/swap/v2/quote/trades?symbol=ETH-USDT&limit=0")
                            .code())
                    .isEqualTo(80014);
            assertThat(http.get("/openApi/swap/v2/quote/trades").code()).isEqualTo(80014);
        }
    }

    @Test
    void depthIsABookAroundTheLivePriceWithTheContractsPrecision() {
        try (BingxSimulator sim = TestMarket.start()) {
            SimHttp http = new SimHttp(sim.baseUrl());
            sim.stepCandles(1);
            JsonNode book = http.get("/openApi/swap/v2/quote/depth?symbol=ETH-USDT&limit=5")
                    .data();
            assertThat(book.path("T").asLong()).isEqualTo(sim.marketTime());
            assertThat(book.path("bids"))
                    .extracting(l -> l.get(0).asText())
                    .containsExactly("2049.99", "2049.98", "2049.97", "2049.96", "2049.95");
            assertThat(book.path("asks"))
                    .extracting(l -> l.get(0).asText())
                    .containsExactly("2050.05", "2050.04", "2050.03", "2050.02", "2050.01");
            for (String side : List.of("bids", "asks")) {
                for (JsonNode level : book.path(side)) {
                    BigDecimal qty = new BigDecimal(level.get(1).asText());
                    assertThat(qty).isGreaterThanOrEqualTo(new BigDecimal("0.01"));
                    assertThat(qty.scale()).isLessThanOrEqualTo(2);
                }
                assertThat(book.path(side + "Coin")).isEqualTo(book.path(side));
            }
            assertThat(http.get("/openApi/swap/v2/quote/depth?symbol=ETH-USDT&limit=5")
                            .data())
                    .isEqualTo(book);
            assertThat(http.get("/openApi/swap/v2/quote/depth?symbol=ETH-USDT")
                            .data()
                            .path("bids"))
                    .hasSize(20);
            assertThat(http.get("/openApi/swap/v2/quote/depth?symbol=BTC-USDT&limit=1000")
                            .data()
                            .path("asks"))
                    .hasSize(1000);
            assertThat(http.get("/openApi/swap/v2/quote/depth?symbol=BTC-USDT&limit=5")
                            .data()
                            .path("bids")
                            .get(0)
                            .get(0)
                            .asText())
                    .isEqualTo("29999.9");
            assertThat(http.get("/openApi/swap/v2/quote/depth?symbol=ETH-USDT&limit=7")
                            .code())
                    .isEqualTo(80014);
            assertThat(http.get("/openApi/swap/v2/quote/depth?symbol=XRP-USDT").code())
                    .isEqualTo(109400);
        }
    }

    @Test
    void webSocketTickerTradeAndDepthChannelsAgreeWithRest() throws Exception {
        List<String> channels =
                List.of("ETH-USDT@ticker", "ETH-USDT@trade", "ETH-USDT@depth5", "ETH-USDT@depth20@500ms");
        try (BingxSimulator sim = TestMarket.start();
                WsTestClient ws = new WsTestClient(sim.wsUrl(), true)) {
            for (String channel : channels) {
                ws.send("{\"id\":\"" + channel + "\",\"reqType\":\"sub\",\"dataType\":\"" + channel + "\"}");
                JsonNode ack = SimHttp.JSON.readTree(ws.next(t -> t.contains("\"id\":\"" + channel + "\""), WAIT));
                assertThat(ack.path("code").asInt()).as(channel).isZero();
                assertThat(ack.path("dataType").asText())
                        .as("BingX's ack names no channel")
                        .isEmpty();
                assertThat(ack.path("data").isNull()).isTrue();
            }
            for (String refused :
                    List.of("ETH-USDT@depth7", "ETH-USDT@depth5@300ms", "XRP-USDT@ticker", "ETH-USDT@bookTicker")) {
                ws.send("{\"id\":\"" + refused + "\",\"reqType\":\"sub\",\"dataType\":\"" + refused + "\"}");
                assertThat(SimHttp.JSON
                                .readTree(ws.next(t -> t.contains("\"id\":\"" + refused + "\""), WAIT))
                                .path("code")
                                .asInt())
                        .as(refused)
                        .isEqualTo(80014);
            }
            sim.stepCandles(1);
            SimHttp http = new SimHttp(sim.baseUrl());
            JsonNode restTrades = http.get("/openApi/swap/v2/quote/trades?symbol=ETH-USDT&limit=30")
                    .data();
            JsonNode restTicker =
                    http.get("/openApi/swap/v2/quote/ticker?symbol=ETH-USDT").data();
            JsonNode restDepth = http.get("/openApi/swap/v2/quote/depth?symbol=ETH-USDT&limit=5")
                    .data();
            List<JsonNode> trades = new ArrayList<>();
            Map<String, JsonNode> lastPush = new LinkedHashMap<>();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String text;
                while ((text = ws.received.poll()) != null) {
                    if (!text.startsWith("{")) {
                        continue;
                    }
                    JsonNode push = SimHttp.JSON.readTree(text);
                    if (!push.hasNonNull("data")) {
                        continue;
                    }
                    String dataType = push.path("dataType").asText();
                    if (dataType.equals("ETH-USDT@trade")) {
                        push.path("data").forEach(trades::add);
                    }
                    lastPush.put(dataType, push);
                }
                assertThat(trades).hasSize(30);
                assertThat(lastPush).containsKeys("ETH-USDT@ticker", "ETH-USDT@depth5", "ETH-USDT@depth20@500ms");
                assertThat(lastPush.get("ETH-USDT@ticker").at("/data/C").asLong())
                        .isEqualTo(sim.marketTime());
            });
            for (int i = 0; i < 30; i++) {
                JsonNode pushed = trades.get(i);
                JsonNode rest = restTrades.get(i);
                assertThat(List.of(
                                pushed.path("p").asText(),
                                pushed.path("q").asText(),
                                pushed.path("T").asLong(),
                                pushed.path("m").asBoolean(),
                                pushed.path("s").asText()))
                        .containsExactly(
                                rest.path("price").asText(),
                                rest.path("qty").asText(),
                                rest.path("time").asLong(),
                                rest.path("isBuyerMaker").asBoolean(),
                                "ETH-USDT");
            }
            JsonNode ticker = lastPush.get("ETH-USDT@ticker").path("data");
            assertThat(ticker.path("e").asText()).isEqualTo("24hTicker");
            assertThat(List.of(
                            ticker.path("c").asText(),
                            ticker.path("o").asText(),
                            ticker.path("h").asText(),
                            ticker.path("l").asText(),
                            ticker.path("v").asText(),
                            ticker.path("q").asText(),
                            ticker.path("p").asText(),
                            ticker.path("P").asText(),
                            ticker.path("B").asText(),
                            ticker.path("A").asText()))
                    .containsExactly(
                            restTicker.path("lastPrice").asText(),
                            restTicker.path("openPrice").asText(),
                            restTicker.path("highPrice").asText(),
                            restTicker.path("lowPrice").asText(),
                            restTicker.path("volume").asText(),
                            restTicker.path("quoteVolume").asText(),
                            restTicker.path("priceChange").asText(),
                            restTicker.path("priceChangePercent").asText(),
                            restTicker.path("bidPrice").asText(),
                            restTicker.path("askPrice").asText());
            JsonNode depth = lastPush.get("ETH-USDT@depth5");
            assertThat(depth.path("ts").asLong()).isEqualTo(restDepth.path("T").asLong());
            assertThat(depth.at("/data/bids")).isEqualTo(restDepth.path("bids"));
            assertThat(depth.at("/data/asks")).isEqualTo(restDepth.path("asks"));
            assertThat(lastPush.get("ETH-USDT@depth20@500ms").at("/data/bids")).hasSize(20);
        }
    }
}
