package dev.trenddesk.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.bingx.ApiCredentials;
import dev.trenddesk.bingx.BingxClient;
import dev.trenddesk.bingx.BingxClientFactory;
import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import dev.trenddesk.strategy.trading.FillTracker;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The exchange's word wins (issue 12), against the stepped simulator over HTTP: a simulator restart
 * that loses the bot's position is reconciled (by the rejected close or by the poll) instead of looping
 * on "No position to close"; a position the bot did not open is external and not traded; the third
 * rejection of the same entry pauses the bot. The poll runs only when a test asks for it, so each path
 * is the one under test.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/trading-reconcile",
            "trenddesk.simulator.clock-mode=STEPPED",
            "trenddesk.trading.poll-interval=1h",
            "trenddesk.trading.pending-grace=2s"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TradingReconciliationTest {

    private static final String ORDER_PATH = "/openApi/swap/v2/trade/order";

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CredentialsProvider credentials;

    @Autowired
    BingxClientFactory bingx;

    @Autowired
    FillTracker fillTracker;

    private TradingWorld world;
    private final List<TradingWorld.Trader> traders = new ArrayList<>();

    @BeforeAll
    void setUp() {
        world = new TradingWorld(new People(port), simulator.baseUrl(), jdbc, credentials);
    }

    @AfterEach
    void stopBots() {
        world.clearFaults();
        for (TradingWorld.Trader trader : traders) {
            trader.api().post("/api/me/bot/stop", Map.of("flatten", false));
        }
        traders.clear();
    }

    private TradingWorld.Trader trader() {
        TradingWorld.Trader trader = world.trader(TradingWorld.eagerSettings("HEDGE"));
        traders.add(trader);
        return trader;
    }

    private String openPositionThenLoseItInARestart(TradingWorld.Trader trader) {
        String sessionId = world.startBot(trader);
        world.stepUntil("PositionOpened", 40, sessionId);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from trading_ledger_position where session_id = ?::uuid",
                                Integer.class,
                                sessionId)
                        == 1);
        world.restartSimulatorLosingPositions(traders.toArray(TradingWorld.Trader[]::new));
        assertThat(world.account(trader.apiKey()).get("positions")).isEmpty();
        return sessionId;
    }

    @Test
    void aCloseBingxAnswersWithNoPositionToCloseReconcilesThePositionOnce() {
        TradingWorld.Trader trader = trader();
        String sessionId = openPositionThenLoseItInARestart(trader);

        dev.trenddesk.gateway.support.Api.Response stopped =
                trader.api().post("/api/me/bot/stop", Map.of("flatten", true));
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !world.events(sessionId, "PositionClosed").isEmpty());
        List<TradingWorld.Stored> closes = world.events(sessionId, "OrderPlacementRequested").stream()
                .filter(e -> e.payload().get("intent").asText().equals("CLOSE"))
                .toList();
        assertThat(closes).hasSize(1);
        List<TradingWorld.Stored> rejected = world.events(sessionId, "OrderRejected");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.getFirst().payload().get("code").asInt()).isEqualTo(80014);
        assertThat(rejected.getFirst().payload().get("message").asText()).contains("No position to close");
        assertThat(world.events(sessionId, "PositionReconciled")).hasSize(1);
        TradingWorld.Stored closed = world.events(sessionId, "PositionClosed").getFirst();
        assertThat(closed.payload().get("reason").asText()).isEqualTo("EXCHANGE_RECONCILED");

        // the trader sees it: the trade with its reason, the rejected order with BingX's code, an alert
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode trades = trader.api().get("/api/me/trades").json().get("trades");
            assertThat(trades)
                    .anySatisfy(t -> assertThat(t.get("reason").asText()).isEqualTo("EXCHANGE_RECONCILED"));
            JsonNode orders = trader.api().get("/api/me/orders").json();
            assertThat(orders).anySatisfy(o -> {
                assertThat(o.get("status").asText()).isEqualTo("REJECTED");
                assertThat(o.get("rejectCode").asInt()).isEqualTo(80014);
                assertThat(o.get("rejectMessage").asText()).contains("No position to close");
            });
            assertThat(kinds(trader)).contains("POSITION_RECONCILED");
            assertThat(trader.api().get("/api/me/positions").json()).isEmpty();
        });
    }

    @Test
    void aPositionGoneAfterARestartIsClosedByThePollAndTheBotTradesOn() {
        TradingWorld.Trader trader = trader();
        String sessionId = openPositionThenLoseItInARestart(trader);

        // missing in two polls in a row, nothing booked at BingX: closed to match the exchange
        fillTracker.pollAll();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            fillTracker.pollAll();
            return !world.events(sessionId, "PositionReconciled").isEmpty();
        });
        TradingWorld.Stored closed = world.events(sessionId, "PositionClosed").getLast();
        assertThat(closed.payload().get("reason").asText()).isEqualTo("EXCHANGE_RECONCILED");
        assertThat(world.events(sessionId, "PositionReconciled")
                        .getFirst()
                        .payload()
                        .get("pnlSource")
                        .asText())
                .isIn("LAST_PRICE", "ENTRY_PRICE");

        // holding nothing again, the bot opens a new position instead of sitting on a ghost
        int opened = world.events(sessionId, "PositionOpened").size();
        for (int i = 0; i < 40 && world.events(sessionId, "PositionOpened").size() == opened; i++) {
            world.stepDecided(sessionId);
        }
        assertThat(world.events(sessionId, "PositionOpened")).hasSizeGreaterThan(opened);
        assertThat(world.events(sessionId, "OrderRejected")).isEmpty();
        assertThat(trader.api().get("/api/me/bot").json().get("status").asText())
                .isEqualTo("RUNNING");
    }

    @Test
    void aPositionTheBotDidNotOpenIsExternalAndItsSymbolIsNotTraded() {
        TradingWorld.Trader trader = trader();
        String sessionId = world.startBot(trader);
        BingxClient hand = bingx.client(new ApiCredentials(trader.apiKey(), trader.secretKey()));
        hand.placeOrder(OrderRequest.market("ETH-USDT", OrderSide.SELL, PositionSide.SHORT, new BigDecimal("0.5")))
                .block(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            fillTracker.pollAll();
            return !world.events(sessionId, "ExternalPositionDetected").isEmpty();
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode positions = trader.api().get("/api/me/positions").json();
            assertThat(positions).hasSize(1);
            assertThat(positions.get(0).get("external").asBoolean()).isTrue();
            assertThat(positions.get(0).get("side").asText()).isEqualTo("SHORT");
            assertThat(kinds(trader)).contains("EXTERNAL_POSITION");
        });

        for (int i = 0; i < 6; i++) {
            world.stepDecided(sessionId);
        }
        assertThat(world.events(sessionId, "OrderPlacementRequested")).isEmpty();
        assertThat(world.events(sessionId, "SignalSkipped"))
                .anySatisfy(
                        e -> assertThat(e.payload().get("reasonCode").asText()).isEqualTo("EXTERNAL_POSITION"));
        assertThat(world.account(trader.apiKey()).get("positions")).hasSize(1);

        // closed by hand: gone, and the bot trades the symbol again
        hand.placeOrder(OrderRequest.market("ETH-USDT", OrderSide.BUY, PositionSide.SHORT, new BigDecimal("0.5")))
                .block(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            fillTracker.pollAll();
            return !world.events(sessionId, "ExternalPositionGone").isEmpty();
        });
        world.stepUntil("PositionOpened", 40, sessionId);
    }

    @Test
    void theThirdRejectionOfTheSameEntryPausesTheBotWithACriticalAlert() {
        TradingWorld.Trader trader = trader();
        String sessionId = world.startBot(trader);
        world.fault(
                Map.of("type", "REJECT", "code", 101204, "msg", "Insufficient margin", "path", ORDER_PATH, "count", 3));

        world.stepUntil("TradingSessionPaused", 30, sessionId);
        int requested = world.events(sessionId, "OrderPlacementRequested").size();
        for (int i = 0; i < 4; i++) {
            world.stepDecided(sessionId);
        }

        assertThat(requested).isEqualTo(3);
        assertThat(world.events(sessionId, "OrderPlacementRequested")).hasSize(3);
        assertThat(world.events(sessionId, "OrderRejected"))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.payload().get("code").asInt()).isEqualTo(101204));
        assertThat(world.events(sessionId, "SignalSkipped"))
                .anySatisfy(
                        e -> assertThat(e.payload().get("reasonCode").asText()).isEqualTo("REJECTION_BACKOFF"));
        TradingWorld.Stored paused =
                world.events(sessionId, "TradingSessionPaused").getFirst();
        assertThat(paused.payload().get("reason").asText()).isEqualTo("REJECTED_REPEATEDLY");
        assertThat(paused.payload().get("detail").asText())
                .contains("3 times in a row")
                .contains("101204");
        assertThat(world.account(trader.apiKey()).get("orders")).isEmpty();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode bot = trader.api().get("/api/me/bot").json();
            assertThat(bot.get("status").asText()).isEqualTo("PAUSED");
            assertThat(bot.get("pauseReason").asText()).isEqualTo("REJECTED_REPEATEDLY");
            assertThat(bot.get("pauseDetail").asText()).contains("101204");
            JsonNode alerts = trader.api().get("/api/me/alerts").json();
            assertThat(alerts).anySatisfy(a -> {
                assertThat(a.get("kind").asText()).isEqualTo("BOT_PAUSED");
                assertThat(a.get("severity").asText()).isEqualTo("CRITICAL");
            });
            assertThat(kinds(trader)).contains("ORDER_REJECTED");
            assertThat(trader.api().get("/api/me/orders").json())
                    .hasSize(3)
                    .allSatisfy(o -> assertThat(o.get("rejectCode").asInt()).isEqualTo(101204));
        });

        // the trader resumes: the entry goes out again (the simulator takes it now)
        assertThat(trader.api().post("/api/me/bot/resume", Map.of()).status()).isEqualTo(200);
        world.stepUntil("PositionOpened", 20, sessionId);
    }

    private static List<String> kinds(TradingWorld.Trader trader) {
        JsonNode alerts = trader.api().get("/api/me/alerts").json();
        return StreamSupport.stream(alerts.spliterator(), false)
                .map(a -> a.get("kind").asText())
                .toList();
    }
}
