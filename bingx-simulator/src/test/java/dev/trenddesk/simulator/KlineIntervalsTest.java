package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kline interval a trader can choose: above 5m aggregated from the replayed 5m candles on UTC
 * boundaries, 1m and 3m cut from the intra-candle price path; REST and WebSocket agree, a restart serves
 * the same candles, and a simulator configured without an interval refuses it as BingX refuses one.
 */
class KlineIntervalsTest {

    /** 2024-03-01T10:00:00Z. */
    private static final long MARCH_1_10H = 1_709_287_200_000L;

    private static final List<String> ABOVE_5M = List.of("15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d");
    private static final String KLINES = "/openApi/swap/v3/quote/klines?symbol=";

    private static BingxSimulator recorded(long marketStart) {
        return BingxSimulator.start(SimulatorConfig.builder()
                .clockMode(ClockMode.STEPPED)
                .marketStart(marketStart)
                .rateLimitsEnabled(false)
                .build());
    }

    private static BigDecimal dec(JsonNode row, String field) {
        return new BigDecimal(row.path(field).asText());
    }

    @Test
    void intervalsAbove5mAggregateThe5mCandlesOnUtcBoundaries() {
        try (BingxSimulator sim = recorded(MARCH_1_10H + 7 * 300_000)) { // 10:35, 300 candles back = Feb 29 09:35
            SimHttp http = new SimHttp(sim.baseUrl());
            sim.stepCandles(2); // live 5m candle opens 10:45
            JsonNode fives =
                    http.get(KLINES + "ETH-USDT&interval=5m&limit=1440").data();
            assertThat(fives).hasSize(303);
            for (String interval : ABOVE_5M) {
                long length = millis(interval);
                JsonNode rows = http.get(KLINES + "ETH-USDT&interval=" + interval + "&limit=1440")
                        .data();
                long firstFive = fives.get(0).path("time").asLong();
                assertThat(rows.get(0).path("time").asLong())
                        .as(interval)
                        .isEqualTo(Math.floorDiv(firstFive, length) * length);
                assertThat(rows.get(rows.size() - 1).path("time").asLong())
                        .as(interval)
                        .isEqualTo(Math.floorDiv(sim.marketTime(), length) * length);
                for (JsonNode row : rows) {
                    long open = row.path("time").asLong();
                    assertThat(open % length).as("%s aligned to UTC", interval).isZero();
                    List<JsonNode> inside = new ArrayList<>();
                    fives.forEach(five -> {
                        long t = five.path("time").asLong();
                        if (t >= open && t < open + length) {
                            inside.add(five);
                        }
                    });
                    assertThat(inside).as("%s at %d", interval, open).isNotEmpty();
                    assertThat(dec(row, "open")).isEqualByComparingTo(dec(inside.getFirst(), "open"));
                    assertThat(dec(row, "close")).isEqualByComparingTo(dec(inside.getLast(), "close"));
                    assertThat(dec(row, "high"))
                            .isEqualByComparingTo(inside.stream()
                                    .map(r -> dec(r, "high"))
                                    .reduce(BigDecimal::max)
                                    .orElseThrow());
                    assertThat(dec(row, "low"))
                            .isEqualByComparingTo(inside.stream()
                                    .map(r -> dec(r, "low"))
                                    .reduce(BigDecimal::min)
                                    .orElseThrow());
                    assertThat(dec(row, "volume"))
                            .isEqualByComparingTo(inside.stream()
                                    .map(r -> dec(r, "volume"))
                                    .reduce(BigDecimal::add)
                                    .orElseThrow());
                }
            }
            // 1d: Feb 29 (from 09:35, where the series starts) and Mar 1 (live); 1h: 09:00 Feb 29 .. 10:00 Mar 1
            JsonNode days = http.get(KLINES + "ETH-USDT&interval=1d").data();
            assertThat(days).hasSize(2);
            assertThat(days.get(1).path("time").asLong()).isEqualTo(1_709_251_200_000L);
            assertThat(http.get(KLINES + "ETH-USDT&interval=1h&limit=1440").data())
                    .hasSize(26);
            JsonNode window = http.get(KLINES + "BTC-USDT&interval=15m&startTime=" + (MARCH_1_10H - 1) + "&endTime="
                            + (MARCH_1_10H + 1_800_000) + "&limit=1440")
                    .data();
            assertThat(window)
                    .extracting(r -> r.path("time").asLong())
                    .containsExactly(MARCH_1_10H, MARCH_1_10H + 900_000, MARCH_1_10H + 1_800_000);
        }
    }

    @Test
    void oneMinuteCandlesFollowThePricePathAndAddUpToThe5mCandle() {
        try (BingxSimulator sim = TestMarket.start()) {
            SimHttp http = new SimHttp(sim.baseUrl());
            long open = sim.marketTime(); // the live candle 2000 → 1950 → 2100 → 2050
            sim.stepCandles(1);
            JsonNode minutes = http.get(KLINES + "ETH-USDT&interval=1m&startTime=" + open + "&limit=5")
                    .data();
            // the path moves -5 per 10 s to 1950 at 100 s, +15 per 10 s to 2100 at 200 s, -5 per 10 s to 2050
            String[][] expected = {
                {"2000", "2000", "1970", "1970"},
                {"1970", "1980", "1950", "1980"},
                {"1980", "2070", "1980", "2070"},
                {"2070", "2100", "2070", "2080"},
                {"2080", "2080", "2050", "2050"}
            };
            for (int m = 0; m < 5; m++) {
                JsonNode row = minutes.get(m);
                assertThat(row.path("time").asLong()).isEqualTo(open + m * 60_000L);
                assertThat(List.of(
                                row.path("open").asText(),
                                row.path("high").asText(),
                                row.path("low").asText(),
                                row.path("close").asText()))
                        .as("minute %d", m)
                        .containsExactly(expected[m]);
            }
            assertThat(sum(minutes, "volume")).isEqualByComparingTo("1");

            // on the recorded data: every 5m candle is the aggregate of its five 1m candles, and 3m of its 1m
            try (BingxSimulator recorded = recorded(MARCH_1_10H)) {
                SimHttp rec = new SimHttp(recorded.baseUrl());
                recorded.stepCandles(3);
                JsonNode fives =
                        rec.get(KLINES + "ETH-USDT&interval=5m&limit=40").data();
                JsonNode ones =
                        rec.get(KLINES + "ETH-USDT&interval=1m&limit=200").data();
                JsonNode threes =
                        rec.get(KLINES + "ETH-USDT&interval=3m&limit=66").data();
                assertThat(ones.get(ones.size() - 1).path("time").asLong()).isEqualTo(recorded.marketTime());
                assertAggregates(fives, ones, 300_000);
                assertAggregates(threes, ones, 180_000);
            }
        }
    }

    @Test
    void restAndWebSocketAgreeForEveryIntervalAsCandlesClose() throws Exception {
        List<String> intervals = List.of("1m", "3m", "5m", "15m", "1h", "1d");
        try (BingxSimulator sim =
                        recorded(MARCH_1_10H - 300_000); // live candle 09:55: the hour closes on the first step
                WsTestClient ws = new WsTestClient(sim.wsUrl(), true)) {
            for (String interval : intervals) {
                ws.send("{\"id\":\"" + interval + "\",\"reqType\":\"sub\",\"dataType\":\"ETH-USDT@kline_" + interval
                        + "\"}");
                assertThat(SimHttp.JSON
                                .readTree(
                                        ws.next(t -> t.contains("\"id\":\"" + interval + "\""), Duration.ofSeconds(5)))
                                .path("code")
                                .asInt())
                        .isZero();
            }
            sim.stepCandles(4);
            SimHttp http = new SimHttp(sim.baseUrl());
            Map<String, Map<Long, JsonNode>> lastPushes = new LinkedHashMap<>();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String text;
                while ((text = ws.received.poll()) != null) {
                    if (!text.startsWith("{")) {
                        continue; // Ping
                    }
                    JsonNode push = SimHttp.JSON.readTree(text);
                    String dataType = push.path("dataType").asText();
                    if (push.hasNonNull("data") && dataType.contains("@kline_")) {
                        JsonNode candle =
                                push.path("data").isArray() ? push.path("data").get(0) : push.path("data");
                        lastPushes
                                .computeIfAbsent(
                                        dataType.substring(dataType.indexOf('_') + 1), k -> new LinkedHashMap<>())
                                .put(candle.path("T").asLong(), candle);
                    }
                }
                for (String interval : intervals) {
                    Map<Long, JsonNode> pushed = lastPushes.get(interval);
                    assertThat(pushed).as(interval).isNotNull();
                    JsonNode rows = http.get(KLINES + "ETH-USDT&interval=" + interval + "&limit=1440")
                            .data();
                    for (JsonNode row : rows) {
                        JsonNode candle = pushed.get(row.path("time").asLong());
                        if (candle == null) {
                            continue; // opened before the subscription
                        }
                        assertThat(List.of(
                                        candle.path("o").asText(),
                                        candle.path("h").asText(),
                                        candle.path("l").asText(),
                                        candle.path("c").asText(),
                                        candle.path("v").asText()))
                                .as("%s at %d", interval, row.path("time").asLong())
                                .containsExactly(
                                        row.path("open").asText(),
                                        row.path("high").asText(),
                                        row.path("low").asText(),
                                        row.path("close").asText(),
                                        row.path("volume").asText());
                    }
                    assertThat(pushed.keySet())
                            .as(interval)
                            .contains(rows.get(rows.size() - 1).path("time").asLong());
                }
            });
            assertThat(lastPushes.get("1m")).hasSizeGreaterThanOrEqualTo(20);
            assertThat(lastPushes.get("1h")).containsKeys(MARCH_1_10H - 3_600_000, MARCH_1_10H);
        }
    }

    @Test
    void aRestartServesTheSameOneMinuteCandles(@TempDir Path data) {
        String minutes;
        SimulatorConfig config = SimulatorConfig.builder()
                .clockMode(ClockMode.STEPPED)
                .marketStart(MARCH_1_10H)
                .rateLimitsEnabled(false)
                .dataDirectory(data)
                .build();
        try (BingxSimulator sim = BingxSimulator.start(config)) {
            sim.stepCandles(2);
            minutes = new SimHttp(sim.baseUrl())
                    .get(KLINES + "BTC-USDT&interval=1m&limit=30")
                    .body();
        }
        try (BingxSimulator again = BingxSimulator.start(config)) {
            assertThat(new SimHttp(again.baseUrl())
                            .get(KLINES + "BTC-USDT&interval=1m&limit=30")
                            .body())
                    .isEqualTo(minutes);
        }
    }

    @Test
    void unknownOrUnservedIntervalsAreRefusedWith80014() throws Exception {
        try (BingxSimulator sim = recorded(MARCH_1_10H)) {
            SimHttp http = new SimHttp(sim.baseUrl());
            for (String unknown : List.of("7m", "1w", "60", "")) {
                assertThat(http.get(KLINES + "ETH-USDT&interval=" + unknown).code())
                        .as(unknown)
                        .isEqualTo(80014);
            }
        }
        try (BingxSimulator fiveOnly = BingxSimulator.start(SimulatorConfig.builder()
                        .clockMode(ClockMode.STEPPED)
                        .intervals("5m")
                        .build());
                WsTestClient ws = new WsTestClient(fiveOnly.wsUrl(), true)) {
            SimHttp http = new SimHttp(fiveOnly.baseUrl());
            assertThat(http.get(KLINES + "ETH-USDT&interval=1m").code()).isEqualTo(80014);
            assertThat(http.get(KLINES + "ETH-USDT&interval=15m").code()).isEqualTo(80014);
            assertThat(http.get(KLINES + "ETH-USDT&interval=5m").code()).isZero();
            ws.send("{\"id\":\"one\",\"reqType\":\"sub\",\"dataType\":\"ETH-USDT@kline_1m\"}");
            assertThat(SimHttp.JSON
                            .readTree(ws.next(t -> t.contains("\"one\""), Duration.ofSeconds(5)))
                            .path("code")
                            .asInt())
                    .isEqualTo(80014);
        }
    }

    private static void assertAggregates(JsonNode outer, JsonNode ones, long length) {
        int checked = 0;
        for (JsonNode row : outer) {
            long open = row.path("time").asLong();
            List<JsonNode> inside = new ArrayList<>();
            ones.forEach(one -> {
                long t = one.path("time").asLong();
                if (t >= open && t < open + length) {
                    inside.add(one);
                }
            });
            if (inside.size() * 60_000L < length
                    || inside.getFirst().path("time").asLong() != open) {
                continue; // cut by the 1m window
            }
            checked++;
            assertThat(dec(row, "open")).as("open at %d", open).isEqualByComparingTo(dec(inside.getFirst(), "open"));
            assertThat(dec(row, "close")).as("close at %d", open).isEqualByComparingTo(dec(inside.getLast(), "close"));
            assertThat(dec(row, "high"))
                    .as("high at %d", open)
                    .isEqualByComparingTo(inside.stream()
                            .map(r -> dec(r, "high"))
                            .reduce(BigDecimal::max)
                            .orElseThrow());
            assertThat(dec(row, "low"))
                    .as("low at %d", open)
                    .isEqualByComparingTo(inside.stream()
                            .map(r -> dec(r, "low"))
                            .reduce(BigDecimal::min)
                            .orElseThrow());
            assertThat(dec(row, "volume"))
                    .as("volume at %d", open)
                    .isEqualByComparingTo(inside.stream()
                            .map(r -> dec(r, "volume"))
                            .reduce(BigDecimal::add)
                            .orElseThrow());
        }
        assertThat(checked).isGreaterThanOrEqualTo(30);
    }

    private static BigDecimal sum(JsonNode rows, String field) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode row : rows) {
            sum = sum.add(dec(row, field));
        }
        return sum;
    }

    private static long millis(String interval) {
        long n = Long.parseLong(interval.substring(0, interval.length() - 1));
        return switch (interval.charAt(interval.length() - 1)) {
            case 'm' -> n * 60_000;
            case 'h' -> n * 3_600_000;
            default -> n * 86_400_000;
        };
    }
}
