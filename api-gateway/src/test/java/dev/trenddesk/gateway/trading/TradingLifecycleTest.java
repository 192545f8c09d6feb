package dev.trenddesk.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole trading path against the stepped simulator: candle → signal → order → fill → stop-loss /
 * take-profit → close, in hedge and in one-way mode, with exactly one order at the exchange per
 * decision; then pause, resume and stop with flatten through the API.
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
class TradingLifecycleTest {

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DeadlineManager deadlineManager;

    @Autowired
    CredentialsProvider credentials;

    private TradingWorld world;

    @BeforeAll
    void setUp() {
        world = new TradingWorld(new People(port), simulator.baseUrl(), jdbc, credentials);
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    /** The saga's order checks survive a restart: db-scheduler's table, and its task finds the manager. */
    @Test
    void deadlinesArePersistent() {
        assertThat(deadlineManager).isInstanceOf(DbSchedulerDeadlineManager.class);
        assertThat(context.getBean(DbSchedulerDeadlineManager.class)).isSameAs(deadlineManager);
    }

    @Test
    void hedgeModeTradesFromCandleToClose() {
        tradesOneWholeCycle("HEDGE", "LONG", "SHORT");
    }

    @Test
    void oneWayModeTradesFromCandleToClose() {
        tradesOneWholeCycle("ONE_WAY", "BOTH");
    }

    @Test
    void startNeedsPermissionAndCredentialsAndOnlyOneBotRunsUnderConcurrentStarts() throws Exception {
        // no trading permission, no credentials
        People people = new People(port);
        People.Person bare = people.create("trader");
        Api.Response refused = bare.login().post("/api/me/bot/start", Map.of());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.body()).contains("trading permission");
        assertThat(refused.json().get("code").asText()).isEqualTo("TRADING_PERMISSION_REQUIRED");
        assertThat(people.admin()
                        .patch("/api/admin/users/" + bare.id(), Map.of("tradingEnabled", true))
                        .status())
                .isEqualTo(200);
        Api.Response noKey = bare.login().post("/api/me/bot/start", Map.of());
        assertThat(noKey.status()).as(noKey.toString()).isEqualTo(409);
        assertThat(noKey.body()).contains("credentials");
        assertThat(noKey.json().get("code").asText()).isEqualTo("TRADING_KEY_NOT_VERIFIED");
        assertThat(bare.login().get("/api/me/bot").json().get("status").asText())
                .isEqualTo("STOPPED");

        // two starts at once: exactly one bot
        TradingWorld.Trader trader = world.trader(TradingWorld.eagerSettings("HEDGE"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Api.Response>> starts = List.of(
                    pool.submit(() -> trader.api().post("/api/me/bot/start", Map.of())),
                    pool.submit(() -> trader.api().post("/api/me/bot/start", Map.of())));
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Api.Response> start : starts) {
                statuses.add(
                        start.get(30, java.util.concurrent.TimeUnit.SECONDS).status());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from trading_active_session where user_id = ?::uuid",
                        Integer.class,
                        trader.id()))
                .isEqualTo(1);

        // the key cannot be disconnected while the bot runs; an admin can stop the bot
        Api.Response disconnect = trader.api().delete("/api/me/bingx");
        assertThat(disconnect.status()).as(disconnect.toString()).isEqualTo(409);
        assertThat(disconnect.body()).contains("stop your bot first");
        assertThat(disconnect.json().get("code").asText()).isEqualTo("DISCONNECT_WHILE_BOT_ACTIVE");
        Api.Response adminStop =
                people.admin().post("/api/admin/users/" + trader.id() + "/bot/stop", Map.of("flatten", false));
        assertThat(adminStop.status()).as(adminStop.toString()).isEqualTo(200);
        assertThat(adminStop.json().get("status").asText()).isEqualTo("STOPPED");
        assertThat(people.admin()
                        .get("/api/admin/users/" + trader.id() + "/bot")
                        .json()
                        .get("stopDetail")
                        .asText())
                .contains("admin");
    }

    private void tradesOneWholeCycle(String mode, String... positionSides) {
        TradingWorld.Trader trader = world.trader(TradingWorld.eagerSettings(mode));
        Api.Response started = trader.api().post("/api/me/bot/start", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().get("status").asText()).isEqualTo("RUNNING");
        String sessionId = started.json().get("sessionId").asText();

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(world.events(sessionId, "ExchangeAccountPrepared"))
                        .hasSize(1));
        assertThat(world.events(sessionId, "ExchangeAccountPrepared")
                        .getFirst()
                        .payload()
                        .get("effectiveMode")
                        .asText())
                .isEqualTo(mode);
        assertThat(world.account(trader.apiKey()).get("positionMode").asText()).isEqualTo(mode);

        stepUntil(sessionId, "PositionOpened", 40);
        stepUntil(sessionId, "PositionClosed", 40);

        JsonNode request =
                world.events(sessionId, "OrderPlacementRequested").getFirst().payload();
        assertThat(request.get("intent").asText()).isEqualTo("OPEN");
        assertThat(request.get("positionSide").asText()).isIn((Object[]) positionSides);
        String clientOrderId = request.get("clientOrderId").asText();
        assertThat(clientOrderId).matches("^td[0-9a-f]{38}$");
        assertThat(world.ordersWithClientOrderId(trader.apiKey(), clientOrderId))
                .hasSize(1);

        List<String> types = world.events(sessionId).stream()
                .map(TradingWorld.Stored::simpleType)
                .toList();
        assertThat(types)
                .containsSubsequence(
                        "TradingSessionStarted",
                        "ExchangeAccountPrepared",
                        "SignalGenerated",
                        "OrderPlacementRequested",
                        "OrderPlaced",
                        "OrderFilled",
                        "PositionOpened",
                        "OrderFilled",
                        "PositionClosed");

        JsonNode opened = world.events(sessionId, "PositionOpened").getFirst().payload();
        JsonNode closed = world.events(sessionId, "PositionClosed").getFirst().payload();
        assertThat(closed.get("reason").asText()).isIn("STOP_LOSS", "TAKE_PROFIT", "DI_CROSS", "TREND_FADED");
        BigDecimal entry = new BigDecimal(opened.get("entryPrice").asText());
        BigDecimal exit = new BigDecimal(closed.get("exitPrice").asText());
        BigDecimal quantity = new BigDecimal(closed.get("quantity").asText());
        int sign = opened.get("side").asText().equals("LONG") ? 1 : -1;
        assertThat(new BigDecimal(closed.get("realisedPnl").asText()))
                .isEqualByComparingTo(exit.subtract(entry).multiply(quantity).multiply(BigDecimal.valueOf(sign)));
        assertThat(new BigDecimal(closed.get("fees").asText())).isPositive();

        // pause, resume, stop with flatten: the account ends flat and the bot STOPPED
        Api.Response paused = trader.api().post("/api/me/bot/pause", Map.of());
        assertThat(paused.json().get("status").asText()).as(paused.toString()).isEqualTo("PAUSED");
        assertThat(trader.api().post("/api/me/bot/pause", Map.of()).status()).isEqualTo(409);
        Api.Response resumed = trader.api().post("/api/me/bot/resume", Map.of());
        assertThat(resumed.json().get("status").asText()).as(resumed.toString()).isEqualTo("RUNNING");
        Api.Response stopped = trader.api().post("/api/me/bot/stop", Map.of("flatten", true));
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);
        assertThat(stopped.json().get("status").asText()).isEqualTo("STOPPED");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(world.account(trader.apiKey()).get("positions"))
                        .isEmpty());
        assertThat(trader.api().get("/api/me/bot").json().get("status").asText())
                .isEqualTo("STOPPED");
    }

    /** Steps one candle at a time, each time waiting for the session to have decided on it, until the event shows. */
    private void stepUntil(String sessionId, String eventType, int maxCandles) {
        for (int candle = 0; candle < maxCandles; candle++) {
            if (!world.events(sessionId, eventType).isEmpty()) {
                return;
            }
            int decided = world.events(sessionId, "EquityObserved").size();
            world.step(1);
            try {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> world.events(sessionId, "EquityObserved").size() > decided
                                || !world.events(sessionId, eventType).isEmpty());
                // let the execution and fill tracking finish what this candle started
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> jdbc.queryForObject(
                                        "select count(*) from trading_ledger_order where session_id = ?::uuid "
                                                + "and status in ('REQUESTED', 'PLACED')",
                                        Integer.class,
                                        sessionId)
                                == 0);
            } catch (org.awaitility.core.ConditionTimeoutException ignored) {
                // a candle older than the session is not decided on: step on
            }
        }
        assertThat(world.events(sessionId, eventType))
                .as(eventType + " within " + maxCandles + " candles")
                .isNotEmpty();
    }
}
