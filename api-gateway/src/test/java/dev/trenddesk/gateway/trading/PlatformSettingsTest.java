package dev.trenddesk.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.platform.PlatformSettingsCommands;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The platform's settings over real HTTP against the built-in simulator (the stepped context of KillSwitchTest):
 * maintenance mode lets a running bot close its position and skips its next entry with the admin's reason in the
 * trader's decision log; new traders start with the admin's defaults; the allowed markets refuse new disallowed
 * settings and bot starts with a 422 naming the field and the allowed values while a trader keeps what they had;
 * only admins change anything, every role reads the allowed markets, and the audit log has who, why, before and after.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/trading-stepped",
            "trenddesk.simulator.clock-mode=STEPPED",
            "trenddesk.trading.poll-interval=1s",
            "trenddesk.trading.pending-grace=2s"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformSettingsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CredentialsProvider credentials;

    private People people;
    private TradingWorld world;

    @BeforeAll
    void setUp() {
        people = new People(port);
        world = new TradingWorld(people, simulator.baseUrl(), jdbc, credentials);
    }

    /** The shared context must find the platform as it was: no maintenance, no restriction, built-in defaults. */
    @AfterEach
    void restored() {
        Api admin = people.admin();
        assertThat(admin.put("/api/admin/platform/settings/maintenance", Map.of("on", false))
                        .status())
                .isEqualTo(200);
        assertThat(admin.put(
                                "/api/admin/platform/settings/markets",
                                Map.of("symbols", List.of(), "timeframes", List.of()))
                        .status())
                .isEqualTo(200);
        assertThat(admin.put("/api/admin/platform/settings/defaults", Map.of()).status())
                .isEqualTo(200);
    }

    @Test
    void maintenanceSkipsEntriesWithItsReasonWhileAnOpenPositionStillCloses() {
        TradingWorld.Trader trader = world.trader(TradingWorld.eagerSettings("HEDGE"));
        String session = world.startBot(trader);
        world.stepUntil("PositionOpened", 40, session);
        int entriesBefore = entries(session);

        Api admin = people.admin();
        Api.Response on =
                admin.put("/api/admin/platform/settings/maintenance", Map.of("on", true, "reason", "database upgrade"));
        assertThat(on.status()).as(on.toString()).isEqualTo(200);
        assertThat(on.json().get("maintenance").asBoolean()).isTrue();
        // every trader's banner reads it from the platform status
        JsonNode status = trader.api().get("/api/platform/status").json();
        assertThat(status.get("maintenance").asBoolean()).isTrue();
        assertThat(status.get("maintenanceReason").asText()).isEqualTo("database upgrade");
        assertThat(status.get("halted").asBoolean()).isFalse();

        // the open position still closes at its stop or take-profit, and the next entry is skipped with the reason
        world.stepUntil("PositionClosed", 40, session);
        for (int candle = 0; candle < 40 && maintenanceSkips(session).isEmpty(); candle++) {
            world.stepDecided(session);
        }
        assertThat(maintenanceSkips(session)).isNotEmpty().allMatch(r -> r.contains("maintenance (database upgrade)"));
        assertThat(entries(session)).as("no entry while in maintenance").isEqualTo(entriesBefore);
        assertThat(trader.api().get("/api/me/bot").json().get("status").asText())
                .isEqualTo("RUNNING");
        // the trader's decision log says why
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                        trader.api().get("/api/me/signals?limit=200").json())
                .anyMatch(
                        s -> "PLATFORM_MAINTENANCE".equals(s.path("reasonCode").asText())
                                && s.path("reason").asText().contains("database upgrade")));

        // bots may start and resume during maintenance (they open nothing until it ends)
        TradingWorld.Trader other = world.trader(TradingWorld.eagerSettings("HEDGE"));
        world.startBot(other);

        Api.Response off = admin.put("/api/admin/platform/settings/maintenance", Map.of("on", false, "reason", "done"));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(trader.api()
                        .get("/api/platform/status")
                        .json()
                        .get("maintenance")
                        .asBoolean())
                .isFalse();
        for (int candle = 0; candle < 40 && entries(session) == entriesBefore; candle++) {
            world.stepDecided(session);
        }
        assertThat(entries(session)).as("entries again after maintenance").isGreaterThan(entriesBefore);

        assertThat(audited())
                .containsSubsequence(
                        "MaintenanceModeChanged by " + IntegrationTest.ADMIN + ": database upgrade",
                        "MaintenanceModeChanged by " + IntegrationTest.ADMIN + ": done");
    }

    @Test
    void defaultsForNewTradersAndAllowedMarketsAreEnforcedAndAudited() {
        Api admin = people.admin();
        TradingWorld.Trader existing = world.trader(TradingWorld.eagerSettings("HEDGE"));
        JsonNode existingSettings = existing.api().get("/api/me/settings").json();

        // a restriction that would exclude the (built-in) defaults for new traders is refused, naming the field
        Api.Response excluding = admin.put(
                "/api/admin/platform/settings/markets",
                Map.of("symbols", List.of("BTC-USDT"), "timeframes", List.of()));
        assertThat(excluding.status()).as(excluding.toString()).isEqualTo(422);
        assertThat(excluding.json().get("errors").get(0).get("field").asText()).isEqualTo("symbols");

        // defaults: BTC only, 1h; new traders start with them, existing ones keep theirs
        Map<String, Object> defaults = new HashMap<>(dev.trenddesk.gateway.support.TradingSettings.eager("HEDGE"));
        defaults.put("symbols", List.of("BTC-USDT"));
        defaults.put("timeframe", "1h");
        defaults.put("maxPositions", 1);
        Api.Response set = admin.put(
                "/api/admin/platform/settings/defaults", Map.of("defaults", defaults, "reason", "one market to start"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().get("builtInDefaults").asBoolean()).isFalse();
        JsonNode newcomer =
                people.create("trader").login().get("/api/me/settings").json();
        assertThat(newcomer.get("symbols").toString()).isEqualTo("[\"BTC-USDT\"]");
        assertThat(newcomer.get("timeframe").asText()).isEqualTo("1h");
        assertThat(newcomer.get("maxPositions").asInt()).isEqualTo(1);
        assertThat(existing.api().get("/api/me/settings").json()).isEqualTo(existingSettings);

        // restrict to BTC on 1h and 5m
        Api.Response restricted = admin.put(
                "/api/admin/platform/settings/markets",
                Map.of("symbols", List.of("BTC-USDT"), "timeframes", List.of("5m", "1h"), "reason", "liquidity"));
        assertThat(restricted.status()).as(restricted.toString()).isEqualTo(200);
        for (Api reader : List.of(
                existing.api(),
                people.create("viewer").login(),
                people.create("auditor").login())) {
            JsonNode markets = reader.get("/api/platform/markets").json();
            assertThat(markets.get("symbols").toString()).isEqualTo("[\"BTC-USDT\"]");
            assertThat(markets.get("timeframes").toString()).isEqualTo("[\"5m\",\"1h\"]");
        }

        // the existing trader (ETH on 5m, from before) may keep ETH and change something else...
        Map<String, Object> kept = new HashMap<>(TradingWorld.eagerSettings("HEDGE"));
        kept.put("leverage", 3);
        Api.Response keep = existing.api().put("/api/me/settings", kept);
        assertThat(keep.status()).as(keep.toString()).isEqualTo(200);
        // ...but not add another disallowed symbol or timeframe
        Map<String, Object> added = new HashMap<>(kept);
        added.put("symbols", List.of("ETH-USDT", "SOL-USDT"));
        added.put("timeframe", "15m");
        Api.Response refused = existing.api().put("/api/me/settings", added);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("errors").findValuesAsText("field")).contains("symbols", "timeframe");
        assertThat(refused.toString()).contains("SOL-USDT is not allowed on this platform; allowed: BTC-USDT");
        // and cannot start a bot on settings outside the restriction
        Api.Response start = existing.api().post("/api/me/bot/start", Map.of());
        assertThat(start.status()).as(start.toString()).isEqualTo(422);
        assertThat(start.json().get("errors").get(0).get("field").asText()).isEqualTo("symbols");
        assertThat(existing.api().get("/api/me/bot").json().path("status").asText())
                .isNotEqualTo("RUNNING");

        // only admins read or change the settings
        assertThat(existing.api().get("/api/admin/platform/settings").status()).isEqualTo(403);
        assertThat(existing.api()
                        .put("/api/admin/platform/settings/maintenance", Map.of("on", true, "reason", "x"))
                        .status())
                .isEqualTo(403);
        Api.Response noReason = admin.put("/api/admin/platform/settings/maintenance", Map.of("on", true));
        assertThat(noReason.status()).as(noReason.toString()).isEqualTo(422);
        assertThat(noReason.json().get("errors").get(0).get("field").asText()).isEqualTo("reason");

        List<String> audit = audited();
        assertThat(audit)
                .containsSubsequence(
                        "NewTraderDefaultsChanged by " + IntegrationTest.ADMIN + ": one market to start",
                        "AllowedMarketsChanged by " + IntegrationTest.ADMIN + ": liquidity");
        JsonNode change = auditRows().stream()
                .filter(row -> row.get("eventType").asText().equals("AllowedMarketsChanged")
                        && row.get("payload").path("reason").asText().equals("liquidity"))
                .findFirst()
                .orElseThrow()
                .get("payload");
        assertThat(change.get("symbolsBefore").toString()).isEqualTo("[]");
        assertThat(change.get("symbols").toString()).isEqualTo("[\"BTC-USDT\"]");
    }

    /** The reasons of the session's entries skipped for maintenance. */
    private List<String> maintenanceSkips(String session) {
        return world.events(session, "SignalSkipped").stream()
                .filter(e -> "PLATFORM_MAINTENANCE"
                        .equals(e.payload().path("reasonCode").asText()))
                .map(e -> e.payload().path("reason").asText())
                .toList();
    }

    private int entries(String session) {
        return (int) world.events(session, "OrderPlacementRequested").stream()
                .filter(e -> "OPEN".equals(e.payload().path("intent").asText()))
                .count();
    }

    private List<JsonNode> auditRows() {
        List<JsonNode> rows = new ArrayList<>();
        people.admin()
                .get("/api/audit/events?category=all&aggregate=" + PlatformSettingsCommands.SETTINGS_ID
                        + "&order=oldest&limit=500")
                .json()
                .get("entries")
                .forEach(rows::add);
        return rows;
    }

    private List<String> audited() {
        List<String> audited = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            audited.clear();
            auditRows()
                    .forEach(row -> audited.add(row.get("eventType").asText() + " by "
                            + row.get("actorUsername").asText() + ": "
                            + row.get("payload").path("reason").asText()));
            return !audited.isEmpty();
        });
        return audited;
    }
}
