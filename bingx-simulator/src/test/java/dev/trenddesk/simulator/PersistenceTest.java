package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulator with a data directory continues after a restart: accounts, settings, positions, open and
 * past orders, income, id counters, listen keys and the market clock with the same candle series.
 */
class PersistenceTest {

    private static final String ETH = "ETH-USDT";
    private static final String ORDER = "/openApi/swap/v2/trade/order";
    private static final long FIVE_MINUTES = 300_000L;

    /**
     * 13 March 2026, 01:00 UTC: an hour after a funding time, so the few candles a test closes never reach
     * the next one (00:00, 08:00, 16:00). From the wall clock, a run shortly before a funding time saw a
     * funding fee among the income it counts.
     */
    private static final long MARKET_START = 1_773_363_600_000L;

    /**
     * Two flat history candles at 2000, a flat live candle and a flat next one, then a candle walking
     * 2000 → 1990 → 2100 → 2080 (the fifth), then flat at 2080.
     */
    private static final List<Candle> CANDLES = List.of(
            Candle.of("2000", "2000", "2000", "2000"),
            Candle.of("2000", "2000", "2000", "2000"),
            Candle.of("2000", "2000", "2000", "2000"),
            Candle.of("2000", "2000", "2000", "2000"),
            Candle.of("2000", "2100", "1990", "2080"),
            Candle.of("2080", "2080", "2080", "2080"),
            Candle.of("2080", "2080", "2080", "2080"));

    @TempDir
    Path dir;

    private static SimulatorConfig.Builder stepped(Path dir) {
        return SimulatorConfig.builder()
                .clockMode(ClockMode.STEPPED)
                .historyCandles(2)
                .candles(ETH, CANDLES)
                .candles("BTC-USDT", List.of(Candle.of("30000", "30000", "30000", "30000")))
                .rateLimitsEnabled(false)
                .marketStart(MARKET_START)
                .dataDirectory(dir);
    }

    private static BigDecimal dec(JsonNode node) {
        return new BigDecimal(node.asText());
    }

    @Test
    void restartContinuesTheBooksTheIdsAndTheClock() {
        long marketTime;
        JsonNode hedgeBefore;
        JsonNode oneWayBefore;
        JsonNode klinesBefore;
        JsonNode incomeBefore;
        String klinesQuery;
        long lastOrderId;
        try (BingxSimulator sim = BingxSimulator.start(stepped(dir).build())) {
            SimHttp http = new SimHttp(sim.baseUrl());
            SimHttp.Trader hedge = http.account("hedge-key", "hedge-secret", "10000", "HEDGE", 5);
            SimHttp.Trader oneWay = http.account("oneway-key", "oneway-secret", "5000", "ONE_WAY", 3);
            assertThat(hedge.call(
                                    "POST",
                                    "/openApi/swap/v2/trade/leverage",
                                    "symbol",
                                    ETH,
                                    "side",
                                    "LONG",
                                    "leverage",
                                    "10")
                            .code())
                    .isZero();
            assertThat(hedge.call("POST", "/openApi/swap/v2/trade/marginType", "symbol", ETH, "marginType", "ISOLATED")
                            .code())
                    .isZero();
            hedge.order(
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
                    "entry-1",
                    "stopLoss",
                    "{\"type\":\"STOP_MARKET\",\"stopPrice\":1900}",
                    "takeProfit",
                    "{\"type\":\"TAKE_PROFIT_MARKET\",\"stopPrice\":2300}");
            hedge.order(
                    "symbol",
                    ETH,
                    "side",
                    "BUY",
                    "positionSide",
                    "LONG",
                    "type",
                    "LIMIT",
                    "quantity",
                    "0.5",
                    "price",
                    "1800",
                    "clientOrderId",
                    "Rest-1");
            oneWay.order(
                    "symbol",
                    ETH,
                    "side",
                    "SELL",
                    "type",
                    "MARKET",
                    "quantity",
                    "1",
                    "clientOrderId",
                    "short-1",
                    "stopLoss",
                    "{\"type\":\"STOP_MARKET\",\"stopPrice\":2060}");
            assertThat(sim.stepCandles(1)).isPositive(); // nothing triggers: the price stays at 2000
            marketTime = sim.marketTime();

            hedgeBefore = hedge.admin();
            oneWayBefore = oneWay.admin();
            assertThat(hedgeBefore.path("openOrders")).hasSize(3); // stop, take-profit, limit
            assertThat(oneWayBefore.path("openOrders")).hasSize(1); // the short's stop
            klinesQuery = "/openApi/swap/v3/quote/klines?symbol=" + ETH + "&interval=5m&startTime="
                    + (marketTime - 3 * FIVE_MINUTES) + "&limit=10";
            klinesBefore = http.get(klinesQuery).data();
            incomeBefore = hedge.call("GET", "/openApi/swap/v2/user/income").data();
            lastOrderId = oneWayBefore.path("orders").get(1).path("orderId").asLong();
        }

        // a marketStart in the configuration is ignored when saved state exists
        try (BingxSimulator sim = BingxSimulator.start(
                stepped(dir).marketStart(4_102_444_800_000L).build())) {
            assertThat(sim.marketTime()).isEqualTo(marketTime);
            SimHttp http = new SimHttp(sim.baseUrl());
            SimHttp.Trader hedge = http.new Trader("hedge-key", "hedge-secret");
            SimHttp.Trader oneWay = http.new Trader("oneway-key", "oneway-secret");

            assertThat(hedge.admin()).isEqualTo(hedgeBefore);
            assertThat(oneWay.admin()).isEqualTo(oneWayBefore);
            assertThat(http.get(klinesQuery).data()).isEqualTo(klinesBefore);
            assertThat(hedge.call("GET", "/openApi/swap/v2/user/income").data()).isEqualTo(incomeBefore);
            assertThat(dec(hedge.balance().path("realisedProfit"))).isEqualByComparingTo("-1"); // the entry's fee
            JsonNode leverage = hedge.call("GET", "/openApi/swap/v2/trade/leverage", "symbol", ETH)
                    .data();
            assertThat(leverage.path("longLeverage").asInt()).isEqualTo(10);
            assertThat(leverage.path("shortLeverage").asInt()).isEqualTo(5);
            assertThat(hedge.call("GET", "/openApi/swap/v2/trade/marginType", "symbol", ETH)
                            .data()
                            .path("marginType")
                            .asText())
                    .isEqualTo("ISOLATED");
            assertThat(oneWay.call("GET", "/openApi/swap/v1/positionSide/dual")
                            .data()
                            .path("dualSidePosition")
                            .asText())
                    .isEqualTo("false");

            JsonNode rest = hedge.call("GET", ORDER, "symbol", ETH, "clientOrderId", "rest-1")
                    .data()
                    .path("order");
            assertThat(rest.path("status").asText()).isEqualTo("NEW");
            assertThat(rest.path("price").asText()).isEqualTo("1800");
            assertThat(hedge.call(
                                    "POST",
                                    ORDER,
                                    "symbol",
                                    ETH,
                                    "side",
                                    "BUY",
                                    "positionSide",
                                    "LONG",
                                    "type",
                                    "LIMIT",
                                    "quantity",
                                    "0.5",
                                    "price",
                                    "1700",
                                    "clientOrderId",
                                    "rest-1")
                            .code())
                    .isEqualTo(109201);
            assertThat(oneWay.call(
                                    "POST",
                                    ORDER,
                                    "symbol",
                                    ETH,
                                    "side",
                                    "SELL",
                                    "type",
                                    "MARKET",
                                    "quantity",
                                    "0.1",
                                    "clientOrderId",
                                    "short-1")
                            .code())
                    .isEqualTo(109201);

            JsonNode fresh = hedge.order(
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
            assertThat(fresh.path("orderId").asLong()).isGreaterThan(lastOrderId);

            // the short's stop, placed before the restart, fills on the 2000 → 1990 → 2100 path at 2060
            sim.stepCandles(2);
            assertThat(oneWay.positions(ETH)).isEmpty();
            JsonNode stop = oneWay.admin().path("orders").get(1);
            assertThat(stop.path("type").asText()).isEqualTo("STOP_MARKET");
            assertThat(stop.path("status").asText()).isEqualTo("FILLED");
            assertThat(dec(stop.path("avgPrice"))).isEqualByComparingTo("2060");
            JsonNode income = oneWay.call("GET", "/openApi/swap/v2/user/income").data();
            long firstTranId = income.get(0).path("tranId").asLong();
            assertThat(income).hasSize(3); // fee of the entry; pnl and fee of the stop
            assertThat(income.get(2).path("tranId").asLong()).isGreaterThan(firstTranId);
            assertThat(income.get(1).path("incomeType").asText()).isEqualTo("REALIZED_PNL");
            assertThat(dec(income.get(1).path("income"))).isEqualByComparingTo("-60");
        }
    }

    @Test
    void everyChangeIsOnDiskWhenItIsAnswered() {
        StateFile file = new StateFile(dir);
        try (BingxSimulator sim = BingxSimulator.start(stepped(dir).build())) {
            SimHttp http = new SimHttp(sim.baseUrl());
            SimHttp.Trader trader = http.account("disk-key", "disk-secret", "10000", "ONE_WAY", 5);
            assertThat(account(file).balance()).isEqualByComparingTo("10000");

            trader.call("POST", "/openApi/swap/v2/trade/leverage", "symbol", ETH, "side", "BOTH", "leverage", "7");
            assertThat(account(file).leverages())
                    .containsEntry(ETH + "/LONG", 7)
                    .containsEntry(ETH + "/SHORT", 7);

            JsonNode limit = trader.order(
                    "symbol",
                    ETH,
                    "side",
                    "BUY",
                    "type",
                    "LIMIT",
                    "quantity",
                    "1",
                    "price",
                    "1500",
                    "clientOrderId",
                    "disk-1");
            assertThat(account(file).orders())
                    .singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo("NEW"))
                    .satisfies(o -> assertThat(o.orderId())
                            .isEqualTo(limit.path("orderId").asLong()));
            assertThat(file.read().orElseThrow().nextOrderId())
                    .isGreaterThan(limit.path("orderId").asLong());

            trader.call("DELETE", ORDER, "symbol", ETH, "clientOrderId", "disk-1");
            assertThat(account(file).orders().getFirst().status()).isEqualTo("CANCELLED");

            trader.call("POST", "/openApi/swap/v2/trade/cancelAllAfter", "type", "ACTIVATE", "timeOut", "60");
            assertThat(account(file).cancelAllAt()).isPositive();

            trader.call("POST", "/openApi/swap/v1/positionSide/dual", "dualSidePosition", "true");
            assertThat(account(file).hedgeMode()).isTrue();

            String listenKey = http.send("POST", "/openApi/user/auth/userDataStream", "disk-key", null)
                    .json()
                    .path("listenKey")
                    .asText();
            assertThat(file.read().orElseThrow().listenKeys())
                    .extracting(SavedState.ListenKeyState::listenKey)
                    .containsExactly(listenKey);

            long before = sim.marketTime();
            sim.stepCandles(2);
            assertThat(file.read().orElseThrow().market().marketTime()).isEqualTo(before + 2 * FIVE_MINUTES);
        }
    }

    @Test
    void theStateWithEveryAccountsSecretIsTheOwnersAlone() throws IOException {
        Path folder = dir.resolve("simulator");
        try (BingxSimulator sim = BingxSimulator.start(stepped(folder).build())) {
            new SimHttp(sim.baseUrl()).account("private-key", "private-secret", "10000", "HEDGE", 5);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(StateFile.FILE_NAME))))
                .isEqualTo("rw-------");
    }

    private static SavedState.AccountState account(StateFile file) {
        return file.read().orElseThrow().accounts().getFirst();
    }

    @Test
    void acceleratedMarketResumesFromItsSavedTimeWithTheSameCandles() {
        long start = 4_102_444_800_000L; // 2100-01-01
        SimulatorConfig.Builder accelerated = SimulatorConfig.builder()
                .clockMode(ClockMode.ACCELERATED)
                .speed(60)
                .rateLimitsEnabled(false)
                .dataDirectory(dir);
        String query = "/openApi/swap/v3/quote/klines?symbol=BTC-USDT&interval=5m&startTime="
                + (start - 20 * FIVE_MINUTES) + "&limit=10";
        BingxSimulator first =
                BingxSimulator.start(accelerated.marketStart(start).build());
        JsonNode before = new SimHttp(first.baseUrl()).get(query).data();
        assertThat(before).hasSize(10);
        first.close(); // the last write holds the exact market time
        long saved = new StateFile(dir).read().orElseThrow().market().marketTime();
        assertThat(saved).isBetween(start, start + 10 * FIVE_MINUTES);
        long restarted = System.currentTimeMillis();
        try (BingxSimulator sim = BingxSimulator.start(
                accelerated.marketStart(start + 1_000 * FIVE_MINUTES).build())) {
            long elapsed = System.currentTimeMillis() - restarted;
            assertThat(sim.marketTime()).isBetween(saved, saved + (elapsed + 1_000) * 60);
            assertThat(new SimHttp(sim.baseUrl()).get(query).data()).isEqualTo(before);
        }
    }

    @Test
    void aCorruptStateFileFailsTheStartNamingTheFile() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"formatVersion\":1,\"accounts\":[{\"apiKey\":");
        assertThatThrownBy(() -> BingxSimulator.start(stepped(dir).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toAbsolutePath().toString());
        assertThat(Files.readString(file)).startsWith("{\"formatVersion\":1,\"accounts\""); // left untouched

        Files.writeString(file, "{\"formatVersion\":99}");
        assertThatThrownBy(() -> BingxSimulator.start(stepped(dir).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("format version 99");

        try (BingxSimulator sim =
                BingxSimulator.start(stepped(dir.resolve("whole")).build())) {
            new SimHttp(sim.baseUrl()).account("null-key", "null-secret", "10000", "HEDGE", 5);
        }
        String whole = Files.readString(dir.resolve("whole/state.json"));
        Files.writeString(file, whole.replace("\"positions\":[]", "\"positions\":null"));
        assertThatThrownBy(() -> BingxSimulator.start(stepped(dir).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toAbsolutePath().toString());
    }

    @Test
    void aLeftoverTempFileIsIgnored() throws IOException {
        try (BingxSimulator sim = BingxSimulator.start(stepped(dir).build())) {
            new SimHttp(sim.baseUrl()).account("kept-key", "kept-secret", "10000", "HEDGE", 5);
        }
        Files.writeString(dir.resolve("state.json.tmp"), "{\"formatVersion\":1,\"half");
        try (BingxSimulator sim = BingxSimulator.start(stepped(dir).build())) {
            assertThat(new SimHttp(sim.baseUrl())
                            .admin("GET", "/sim/accounts/kept-key", null)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aFileWrittenBeforeIpWhitelistsExistedReadsAsNoWhitelist() throws IOException {
        try (BingxSimulator sim = BingxSimulator.start(stepped(dir).build())) {
            new SimHttp(sim.baseUrl()).account("old-key", "old-secret", "10000", "HEDGE", 5);
        }
        Path file = dir.resolve("state.json");
        Files.writeString(file, Files.readString(file).replace("\"ipWhitelist\":[],", ""));
        assertThat(Files.readString(file)).doesNotContain("ipWhitelist");
        try (BingxSimulator sim = BingxSimulator.start(stepped(dir).build())) {
            JsonNode account = new SimHttp(sim.baseUrl())
                    .admin("GET", "/sim/accounts/old-key", null)
                    .json();
            assertThat(account.get("ipWhitelist")).isEmpty();
        }
    }

    @Test
    void withoutADataDirectoryNothingIsWritten() throws IOException {
        try (BingxSimulator sim = BingxSimulator.start(stepped(null).build())) {
            new SimHttp(sim.baseUrl()).account("memory-key", "memory-secret", "10000", "HEDGE", 5);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void parsesTheDataDirectoryOption() {
        assertThat(SimulatorMain.parse(new String[] {"--port", "8090", "--data", "/var/lib/sim"})
                        .dataDirectory())
                .isEqualTo(Path.of("/var/lib/sim"));
        assertThat(SimulatorMain.parse(new String[] {"--port", "8090"}).dataDirectory())
                .isNull();
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--data"}))
                .hasMessageContaining("--data needs a value");
    }
}
