package dev.trenddesk.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import java.time.Duration;
import java.util.Map;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A bot started through the API trades on the exchange of the trader's verified key: the start records it,
 * the bot status, the session list and the dashboard show it, and a rebuild of the trading read models from
 * the events writes it again, with the strategy of the settings the running bot was last changed to. (Same context as {@link TradingLifecycleTest}.)
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
class SessionExchangeTest {

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CredentialsProvider credentials;

    private TradingWorld world;

    @BeforeAll
    void setUp() {
        world = new TradingWorld(new People(port), simulator.baseUrl(), jdbc, credentials);
    }

    @Test
    void theSessionRecordsAndShowsTheExchangeOfTheVerifiedKey() {
        TradingWorld.Trader trader = world.trader(TradingWorld.eagerSettings("HEDGE"));
        Api.Response started = trader.api().post("/api/me/bot/start", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().get("exchange").asText()).isEqualTo("BINGX");
        String sessionId = started.json().get("sessionId").asText();
        try {
            assertThat(jdbc.queryForObject("""
                    select payload_revision from domain_event_entry where aggregate_identifier = ? and sequence_number = 0
                    """, String.class, sessionId))
                    .as("TradingSessionStarted at its current revision")
                    .isEqualTo(TradingSessionStarted.class
                            .getAnnotation(Revision.class)
                            .value());
            assertThat(new String(
                            jdbc.queryForObject("""
                    select payload from domain_event_entry where aggregate_identifier = ? and sequence_number = 0
                    """, byte[].class, sessionId), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"exchange\":\"BINGX\"");
            assertThat(trader.api().get("/api/me/bot").json().get("exchange").asText())
                    .isEqualTo("BINGX");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(trader.api()
                                .get("/api/me/sessions")
                                .json()
                                .get(0)
                                .get("exchange")
                                .asText())
                        .isEqualTo("BINGX");
                assertThat(trader.api()
                                .get("/api/me/dashboard")
                                .json()
                                .get("bot")
                                .get("exchange")
                                .asText())
                        .isEqualTo("BINGX");
                assertThat(trader.api()
                                .get("/api/me/dashboard")
                                .json()
                                .get("connection")
                                .get("exchange")
                                .asText())
                        .isEqualTo("BINGX");
            });

            Map<String, Object> crossover = new java.util.LinkedHashMap<>(TradingWorld.eagerSettings("HEDGE"));
            crossover.putAll(Map.of("strategy", "EMA_CROSS", "emaFast", 21, "emaSlow", 50));
            Api.Response changed = trader.api().put("/api/me/settings", crossover);
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode bot = trader.api().get("/api/me/dashboard").json().get("bot");
                assertThat(bot.get("strategy").asText())
                        .as("the running bot's new strategy")
                        .isEqualTo("EMA_CROSS");
                assertThat(bot.get("emaFast").asInt()).isEqualTo(21);
                assertThat(bot.get("emaSlow").asInt()).isEqualTo(50);
            });

            jdbc.update("""
                    update sessions_view set exchange = 'CLOBBERED', strategy = 'CLOBBERED', ema_fast = 0, ema_slow = 0
                    where session_id = ?::uuid""", sessionId);
            Api admin = new People(port).admin();
            assertThat(admin.post("/api/admin/projections/trading-read-models/rebuild", Map.of())
                            .status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForList(
                            "select exchange, strategy, ema_fast, ema_slow from sessions_view where session_id = ?::uuid",
                            sessionId))
                    .as("the start's exchange and the settings change's strategy, from the events")
                    .containsExactly(
                            Map.of("exchange", "BINGX", "strategy", "EMA_CROSS", "ema_fast", 21, "ema_slow", 50)));
        } finally {
            trader.api().post("/api/me/bot/stop", Map.of("flatten", false));
        }
    }
}
