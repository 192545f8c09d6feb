package dev.trenddesk.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsHealthChecker;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import dev.trenddesk.strategy.credentials.VerifiedKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Key trouble stops the bot visibly, and a key the API shows VERIFIED starts a bot at once — over real
 * HTTP against the simulator, in the shared context.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyTroubleTest {

    private static final String BALANCE = "/openApi/swap/v2/user/balance";

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    CredentialsProvider credentials;

    @Autowired
    CredentialsHealthChecker checker;

    private People people;
    private TradingWorld world;

    @BeforeAll
    void setUp() {
        people = new People(port);
        world = new TradingWorld(people, simulator.baseUrl(), jdbc, credentials);
    }

    /**
     * Seen live: a trader replaced the working key with one that could not trade while the bot ran; the
     * bot stayed RUNNING and skipped every candle, with no alert. Now it pauses itself with an alert,
     * and resumes when a key that may trade verifies.
     */
    @Test
    void aKeyReplacedByOneThatCannotTradePausesTheBotWithAnAlertAndAWorkingKeyResumesIt() {
        TradingWorld.Trader trader = world.trader(TradingWorld.eagerSettings("HEDGE"));
        String sessionId = world.startBot(trader);

        String[] readOnly = world.simAccount("READ");
        Api.Response replaced =
                trader.api().post("/api/me/bingx", Map.of("apiKey", readOnly[0], "secretKey", readOnly[1]));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(botStatus(trader)).isEqualTo("PAUSED"));
        List<TradingWorld.Stored> paused = world.events(sessionId, "TradingSessionPaused");
        assertThat(paused).hasSize(1);
        assertThat(paused.get(0).payload().get("reason").asText()).isEqualTo("CREDENTIALS");
        assertThat(paused.get(0).payload().get("detail").asText()).contains("read-only");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(alerts(trader.id())).contains("BOT_PAUSED_CREDENTIALS"));
        JsonNode bot = trader.api().get("/api/me/bot").json();
        assertThat(bot.get("pauseReason").asText()).as("the bot card says why").isEqualTo("CREDENTIALS");
        assertThat(bot.get("pauseDetail").asText()).contains("read-only");

        String[] working = world.simAccount("READ", "TRADE");
        Api.Response fixed = trader.api().post("/api/me/bingx", Map.of("apiKey", working[0], "secretKey", working[1]));
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(200);
        assertThat(fixed.json().get("status").asText()).isEqualTo("VERIFIED");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(botStatus(trader)).isEqualTo("RUNNING"));
        assertThat(trader.api().get("/api/me/bot").json().hasNonNull("pauseReason"))
                .as("no pause reason once running")
                .isFalse();
        assertThat(world.events(sessionId, "TradingSessionResumed")).hasSize(1);
        assertThat(world.events(sessionId, "TradingSessionStopped")).isEmpty();
    }

    /** A key BingX stops accepting (here: this server's IP left the key's whitelist) pauses the bot until it is healthy again. */
    @Test
    void aKeyThatFailsItsHealthCheckPausesTheBotUntilItIsHealthyAgain() {
        TradingWorld.Trader trader = world.trader(TradingWorld.eagerSettings("HEDGE"));
        String sessionId = world.startBot(trader);
        UserId userId = UserId.of(trader.id());
        // keep the background checks of other users' keys (earlier tests, same database) out of the faults' way
        jdbc.update(
                "update credentials_secrets set next_health_check_at = ? where user_id <> ?",
                Timestamp.from(Instant.now().plus(Duration.ofHours(1))),
                UUID.fromString(trader.id()));

        world.fault(
                Map.of("type", "REJECT", "code", 100419, "msg", "IP not whitelisted", "count", 50, "path", BALANCE));
        try {
            checker.checkNow(userId).block(Duration.ofSeconds(30));
        } finally {
            world.clearFaults();
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(botStatus(trader)).isEqualTo("PAUSED"));
        assertThat(world.events(sessionId, "TradingSessionPaused")
                        .get(0)
                        .payload()
                        .get("detail")
                        .asText())
                .contains("whitelist");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(alerts(trader.id())).contains("BOT_PAUSED_CREDENTIALS"));

        await().atMost(Duration.ofSeconds(10)).until(() -> "UNHEALTHY"
                .equals(jdbc.queryForObject(
                        "select health from credentials_secrets where user_id = ?",
                        String.class,
                        UUID.fromString(trader.id()))));
        checker.checkNow(userId).block(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(botStatus(trader)).isEqualTo("RUNNING"));
    }

    /**
     * Seen live: right after GET /api/me/bingx said VERIFIED, a start answered 409 "verified BingX
     * credentials are required" for a few seconds. Replayed: the trading side's copy of the key is held
     * back (its row locked) while the API already shows VERIFIED, and released 1.5 s later — the lag
     * seen live. The start, sent at once, succeeds.
     */
    @Test
    void startWorksTheMomentTheKeyShowsVerified() throws Exception {
        People.Person person = people.create("trader");
        assertThat(people.admin()
                        .patch("/api/admin/users/" + person.id(), Map.of("tradingEnabled", true))
                        .status())
                .isEqualTo(200);
        Api api = person.login();
        assertThat(api.put("/api/me/settings", TradingWorld.eagerSettings("HEDGE"))
                        .status())
                .isEqualTo(200);
        String[] keys = world.simAccount("READ", "TRADE");
        UUID user = UUID.fromString(person.id());

        // the verification's first BingX call takes a moment: time to hold the trading side's copy back
        world.fault(Map.of("type", "LATENCY", "millis", 2000, "count", 1, "path", BALANCE));
        CompletableFuture<Api.Response> connecting = CompletableFuture.supplyAsync(
                () -> api.post("/api/me/bingx", Map.of("apiKey", keys[0], "secretKey", keys[1])));
        Connection lock = dataSource.getConnection();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> "PENDING"
                    .equals(jdbc
                            .queryForList(
                                    "select status from credentials_secrets where user_id = ?", String.class, user)
                            .stream()
                            .findFirst()
                            .orElse(null)));
            lock.setAutoCommit(false);
            try (PreparedStatement select =
                    lock.prepareStatement("select status from credentials_secrets where user_id = ? for update")) {
                select.setObject(1, user);
                try (ResultSet row = select.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1))
                            .as("locked before the verification is copied")
                            .isEqualTo("PENDING");
                }
            }
            Api.Response connected = connecting.get(30, TimeUnit.SECONDS);
            assertThat(connected.json().get("status").asText())
                    .as(connected.toString())
                    .isEqualTo("VERIFIED");
            assertThat(api.get("/api/me/bingx").json().get("status").asText()).isEqualTo("VERIFIED");
            assertThat(credentials
                            .verifiedKey(UserId.of(person.id()))
                            .map(VerifiedKey::key)
                            .blockOptional())
                    .as("the trading side's copy still lags")
                    .isEmpty();

            CompletableFuture.runAsync(
                    () -> release(lock), CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS));
            Api.Response started = api.post("/api/me/bot/start", Map.of());

            assertThat(started.status()).as(started.toString()).isEqualTo(200);
            assertThat(started.json().get("status").asText()).isEqualTo("RUNNING");
        } finally {
            release(lock);
            world.clearFaults();
            synchronized (lock) {
                lock.close();
            }
        }
        assertThat(api.post("/api/me/bot/stop", Map.of("flatten", true)).status())
                .isEqualTo(200);
    }

    private static void release(Connection lock) {
        synchronized (lock) {
            try {
                if (!lock.isClosed() && !lock.getAutoCommit()) {
                    lock.commit();
                    lock.setAutoCommit(true);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String botStatus(TradingWorld.Trader trader) {
        return trader.api().get("/api/me/bot").json().get("status").asText();
    }

    private List<String> alerts(String userId) {
        return jdbc.queryForList("""
                select convert_from(payload, 'UTF8') from domain_event_entry
                where payload_type = 'dev.trenddesk.api.alert.AlertRaised' order by global_index""", String.class).stream()
                .map(json -> {
                    try {
                        return Api.JSON.readTree(json);
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                })
                .filter(alert -> alert.get("userId").asText().equals(userId))
                .map(alert -> alert.get("kind").asText())
                .toList();
    }
}
