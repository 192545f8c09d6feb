package dev.trenddesk.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.platform.PlatformCommands;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import java.time.Duration;
import java.util.ArrayList;
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
 * The platform's kill switch over real HTTP against the built-in simulator (the stepped context of
 * TradingLifecycleTest): two traders' bots are halted by one admin request, nobody starts or resumes a bot while
 * it is engaged (409 TRADING_HALTED naming the reason), everyone reads the status, the audit log has who and why,
 * and after the release bots start again.
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
class KillSwitchTest {

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

    /** The shared context must find trading allowed after this test, whatever happened in it. */
    @AfterEach
    void released() {
        if (people.admin().get("/api/platform/status").json().get("halted").asBoolean()) {
            people.admin().post("/api/admin/platform/release", Map.of());
        }
    }

    @Test
    void pausesEveryBotRefusesStartsAndResumesUntilReleasedAndIsAudited() {
        TradingWorld.Trader a = world.trader(TradingWorld.eagerSettings("HEDGE"));
        TradingWorld.Trader b = world.trader(TradingWorld.eagerSettings("HEDGE"));
        String sessionA = world.startBot(a);
        String sessionB = world.startBot(b);
        Api admin = people.admin();

        Api.Response engaged =
                admin.post("/api/admin/platform/halt", Map.of("reason", "BingX maintenance window", "flatten", false));
        assertThat(engaged.status()).as(engaged.toString()).isEqualTo(200);
        assertThat(engaged.json().get("halted").asBoolean()).isTrue();

        for (TradingWorld.Trader trader : List.of(a, b)) {
            await().atMost(WAIT)
                    .untilAsserted(
                            () -> assertThat(bot(trader).get("status").asText()).isEqualTo("PAUSED"));
            assertThat(bot(trader).get("pauseReason").asText()).isEqualTo("PLATFORM_HALT");
            assertThat(bot(trader).get("pauseDetail").asText()).contains("BingX maintenance window");
        }
        assertThat(world.events(sessionA, "TradingSessionPaused")).hasSize(1);
        assertThat(world.events(sessionB, "TradingSessionPaused")).hasSize(1);

        // every logged-in role reads the status
        for (Api reader : List.of(
                a.api(),
                admin,
                people.create("viewer").login(),
                people.create("auditor").login())) {
            JsonNode status = reader.get("/api/platform/status").json();
            assertThat(status.get("halted").asBoolean()).isTrue();
            assertThat(status.get("reason").asText()).isEqualTo("BingX maintenance window");
            assertThat(status.get("since").asText()).isNotBlank();
        }

        // nobody resumes or starts a bot meanwhile: the trader, nor an admin for them, nor a new trader
        assertHalted(a.api().post("/api/me/bot/resume", Map.of()));
        assertHalted(admin.post("/api/admin/users/" + b.id() + "/bot/resume", Map.of()));
        TradingWorld.Trader c = world.trader(TradingWorld.eagerSettings("HEDGE"));
        assertHalted(c.api().post("/api/me/bot/start", Map.of()));
        assertHalted(admin.post("/api/admin/users/" + c.id() + "/bot/start", Map.of()));
        assertThat(bot(c).get("status").asText()).isEqualTo("STOPPED");

        // engaging twice is refused; only admins engage or release
        Api.Response twice = admin.post("/api/admin/platform/halt", Map.of("reason", "again", "flatten", true));
        assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
        assertThat(twice.json().get("code").asText()).isEqualTo("KILL_SWITCH_ALREADY_ENGAGED");
        assertThat(a.api().post("/api/admin/platform/release", Map.of()).status())
                .isEqualTo(403);

        Api.Response release = admin.post("/api/admin/platform/release", Map.of("reason", "maintenance over"));
        assertThat(release.status()).as(release.toString()).isEqualTo(200);
        assertThat(release.json().get("halted").asBoolean()).isFalse();
        assertThat(a.api().get("/api/platform/status").json().get("halted").asBoolean())
                .isFalse();
        Api.Response again = admin.post("/api/admin/platform/release", Map.of());
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("KILL_SWITCH_NOT_ENGAGED");

        // released: nothing resumes by itself, but the traders may resume and start again
        assertThat(bot(a).get("status").asText()).isEqualTo("PAUSED");
        Api.Response resumed = a.api().post("/api/me/bot/resume", Map.of());
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.json().get("status").asText()).isEqualTo("RUNNING");
        world.startBot(c);

        // the audit log says who engaged and released it, and why
        List<String> audited = new ArrayList<>();
        await().atMost(WAIT).untilAsserted(() -> {
            audited.clear();
            admin.get("/api/audit/events?category=all&aggregate=" + PlatformCommands.HALT_ID + "&order=oldest")
                    .json()
                    .get("entries")
                    .forEach(row -> audited.add(row.get("eventType").asText() + " by "
                            + row.get("actorUsername").asText() + ": "
                            + row.get("payload").get("reason").asText()));
            assertThat(audited)
                    .containsSubsequence(
                            "KillSwitchEngaged by " + IntegrationTest.ADMIN + ": BingX maintenance window",
                            "KillSwitchReleased by " + IntegrationTest.ADMIN + ": maintenance over");
        });
    }

    @Test
    void withFlattenStopsEveryBotAndClosesItsPositionsAtTheExchange() {
        TradingWorld.Trader a = world.trader(TradingWorld.eagerSettings("HEDGE"));
        TradingWorld.Trader b = world.trader(TradingWorld.eagerSettings("HEDGE"));
        String sessionA = world.startBot(a);
        String sessionB = world.startBot(b);
        world.stepUntil("PositionOpened", 40, sessionA, sessionB);
        world.stepUntil("PositionOpened", 40, sessionB, sessionA);
        // the same settings on the same market: both entered on the same candle (and a stop may close one early)
        await().atMost(WAIT).untilAsserted(() -> assertThat(openPositions(a) + openPositions(b))
                .isPositive());

        Api.Response engaged =
                people.admin().post("/api/admin/platform/halt", Map.of("reason", "exchange incident", "flatten", true));
        assertThat(engaged.status()).as(engaged.toString()).isEqualTo(200);
        assertThat(engaged.json().get("flatten").asBoolean()).isTrue();

        for (TradingWorld.Trader trader : List.of(a, b)) {
            await().atMost(WAIT)
                    .untilAsserted(
                            () -> assertThat(bot(trader).get("status").asText()).isEqualTo("STOPPED"));
            assertThat(bot(trader).get("stopDetail").asText()).contains("exchange incident", "flattened");
            await().atMost(WAIT).untilAsserted(() -> assertThat(openPositions(trader))
                    .as("positions at the exchange")
                    .isZero());
        }
        assertThat(world.events(sessionA, "TradingSessionStopped")
                        .getFirst()
                        .payload()
                        .get("flatten")
                        .asBoolean())
                .isTrue();

        Api.Response start = a.api().post("/api/me/bot/start", Map.of());
        assertHalted(start);
        assertThat(start.json().get("detail").asText()).contains("exchange incident");

        assertThat(people.admin().post("/api/admin/platform/release", Map.of()).status())
                .isEqualTo(200);
        world.startBot(a);
    }

    private static void assertHalted(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.json().get("code").asText()).isEqualTo("TRADING_HALTED");
        assertThat(response.json().get("detail").asText()).contains("halted");
    }

    private static JsonNode bot(TradingWorld.Trader trader) {
        return trader.api().get("/api/me/bot").json();
    }

    private int openPositions(TradingWorld.Trader trader) {
        return world.account(trader.apiKey()).get("positions").size();
    }
}
