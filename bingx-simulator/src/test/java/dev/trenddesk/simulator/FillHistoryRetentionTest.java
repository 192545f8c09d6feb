package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fills are kept like orders: pruned with the 7-day history, saved in state.json, absent from older files. */
class FillHistoryRetentionTest {

    private static final String ETH = "ETH-USDT";

    @TempDir
    Path dir;

    private static Fill fill(long tradeId, long time) {
        return new Fill(
                tradeId,
                100 + tradeId,
                ETH,
                "BUY",
                "LONG",
                "MARKET",
                "",
                "MARK_PRICE",
                new BigDecimal("2000"),
                BigDecimal.ONE,
                new BigDecimal("-1"),
                BigDecimal.ZERO,
                false,
                time);
    }

    @Test
    void fillsOlderThanTheHistoryWindowAreForgottenAndTheRestSurviveASaveAndRestore() {
        Account account = new Account("k", "s", new BigDecimal("100"), Set.of("READ"), List.of(), true, 5);
        account.fills.add(fill(1, 1_000));
        account.fills.add(fill(2, 5_000));
        account.forget(2_000);
        assertThat(account.fills).extracting(Fill::tradeId).containsExactly(2L);
        assertThat(Account.restore(account.saved()).fills).containsExactlyElementsOf(account.fills);
    }

    private static SimulatorConfig.Builder stepped(Path dir) {
        return SimulatorConfig.builder()
                .clockMode(ClockMode.STEPPED)
                .historyCandles(2)
                .candles(ETH, TestMarket.ETH)
                .candles("BTC-USDT", List.of(Candle.of("30000", "30000", "30000", "30000")))
                .rateLimitsEnabled(false)
                .dataDirectory(dir);
    }

    @Test
    void fillsSurviveARestartAndAFileWithoutFillsOrTriggerStateStillReads() throws IOException {
        try (BingxSimulator sim = BingxSimulator.start(stepped(dir).build())) {
            SimHttp.Trader trader = new SimHttp(sim.baseUrl()).account("kept-key", "kept-secret", "10000", "HEDGE", 5);
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
                    "1",
                    "price",
                    "1980");
            sim.stepCandles(1); // the resting limit fills at 1980
        }
        try (BingxSimulator sim = BingxSimulator.start(stepped(dir).build())) {
            JsonNode fills = new SimHttp(sim.baseUrl())
                    .admin("GET", "/sim/accounts/kept-key", null)
                    .json()
                    .path("fills");
            assertThat(fills).hasSize(1);
            assertThat(new BigDecimal(fills.get(0).path("price").asText())).isEqualByComparingTo("1980");
        }
        // a file as written before fills and trigger orders were kept
        Path file = dir.resolve("state.json");
        JsonNode tree = SimHttp.JSON.readTree(Files.readString(file));
        tree.path("accounts").forEach(account -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) account).remove("fills");
            account.path("orders").forEach(order -> ((com.fasterxml.jackson.databind.node.ObjectNode) order)
                    .remove(List.of("triggerRising", "triggered")));
        });
        Files.writeString(file, SimHttp.JSON.writeValueAsString(tree));
        assertThat(Files.readString(file)).doesNotContain("fills").doesNotContain("triggered");
        try (BingxSimulator sim = BingxSimulator.start(stepped(dir).build())) {
            JsonNode account = new SimHttp(sim.baseUrl())
                    .admin("GET", "/sim/accounts/kept-key", null)
                    .json();
            assertThat(account.path("fills")).isEmpty();
            assertThat(account.path("orders")).hasSize(1);
            assertThat(account.path("orders").get(0).path("status").asText()).isEqualTo("FILLED");
        }
    }
}
