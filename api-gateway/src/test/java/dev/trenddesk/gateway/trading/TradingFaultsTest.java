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
import dev.trenddesk.strategy.trading.ExecutionFastPath;
import java.math.BigDecimal;
import java.time.Duration;
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
 * Exchange faults while the bot trades (stepped simulator): a 504 after the order was executed, rate
 * limits (429, 100410) and server errors, a dropped WebSocket — never a duplicate order, never a lost
 * position; and two traders on one symbol stay independent when one breaches a limit.
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
class TradingFaultsTest {

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
    ExecutionFastPath fastPath;

    private TradingWorld world;

    @BeforeAll
    void setUp() {
        world = new TradingWorld(new People(port), simulator.baseUrl(), jdbc, credentials);
    }

    private final List<TradingWorld.Trader> traders = new java.util.ArrayList<>();

    /** Faults are exchange-wide: no bot of an earlier test may trade (and meet them) in the next. */
    @AfterEach
    void stopBotsAndClearFaults() {
        world.clearFaults();
        for (TradingWorld.Trader trader : traders) {
            trader.api().post("/api/me/bot/stop", Map.of("flatten", false));
        }
        traders.clear();
    }

    private TradingWorld.Trader trader(Map<String, Object> settings) {
        TradingWorld.Trader trader = world.trader(settings);
        traders.add(trader);
        return trader;
    }

    /**
     * On a single node every request is handed to the fast path as soon as it is committed; the execution processor,
     * reaching the same request, waits for that send (or sends it itself if the fast path had not started it): one
     * send either way.
     */
    @Test
    void theFastPathSendsTheOrderAndTheProcessorDoesNotSendItAgain() {
        TradingWorld.Trader trader = trader(TradingWorld.eagerSettings("HEDGE"));
        String sessionId = world.startBot(trader);
        long before = fastPath.handedOver();

        world.stepUntil("PositionOpened", 40, sessionId);

        assertThat(fastPath.handedOver() - before).isGreaterThanOrEqualTo(1);
        assertThat(attemptsOfTheEntry(sessionId)).as("sent once").isEqualTo(1);
        exactlyOneOrderPerRequest(trader, sessionId);
        positionsMatchTheExchange(trader, sessionId);
    }

    @Test
    void aTimeoutAfterTheOrderWasExecutedPlacesItOnce() {
        TradingWorld.Trader trader = trader(TradingWorld.eagerSettings("HEDGE"));
        String sessionId = world.startBot(trader);
        world.fault(Map.of("type", "TIMEOUT_504", "executed", true, "path", ORDER_PATH));

        world.stepUntil("PositionOpened", 40, sessionId);

        exactlyOneOrderPerRequest(trader, sessionId);
        positionsMatchTheExchange(trader, sessionId);
    }

    @Test
    void rateLimitsAndServerErrorsAreWaitedOutNotDropped() {
        TradingWorld.Trader trader = trader(TradingWorld.eagerSettings("HEDGE"));
        String sessionId = world.startBot(trader);
        world.fault(Map.of("type", "HTTP_429", "path", ORDER_PATH));
        world.fault(Map.of("type", "RATE_BLOCK_100410", "unblockAfterMs", 800, "path", ORDER_PATH));
        world.fault(Map.of("type", "HTTP_ERROR", "status", 503, "path", ORDER_PATH));

        world.stepUntil("PositionOpened", 40, sessionId);

        assertThat(world.events(sessionId, "OrderRejected")).isEmpty();
        // 429 and 100410 met the send (armed first, both within the first second), then the send that went
        // through; the 503 meets either a send or a look-up of the pending order (same path)
        assertThat(attemptsOfTheEntry(sessionId)).isGreaterThanOrEqualTo(3);
        exactlyOneOrderPerRequest(trader, sessionId);
        positionsMatchTheExchange(trader, sessionId);
    }

    @Test
    void aDroppedWebSocketLosesNoClose() {
        TradingWorld.Trader trader = trader(TradingWorld.eagerSettings("HEDGE"));
        String sessionId = world.startBot(trader);
        world.stepUntil("PositionOpened", 40, sessionId);
        world.fault(Map.of("type", "WS_DROP"));

        world.stepUntil("PositionClosed", 40, sessionId);

        exactlyOneOrderPerRequest(trader, sessionId);
        positionsMatchTheExchange(trader, sessionId);
    }

    @Test
    void oneTradersBreachNeverTouchesAnother() {
        // A opens nothing by itself (confidence 100 is out of reach) and stops at 0.5 % of daily loss
        Map<String, Object> tight = new java.util.LinkedHashMap<>(TradingWorld.eagerSettings("HEDGE"));
        tight.put("dailyLossLimitPct", new BigDecimal("0.5"));
        tight.put("signalConfidence", new BigDecimal("100"));
        TradingWorld.Trader a = trader(tight);
        TradingWorld.Trader b = trader(TradingWorld.eagerSettings("HEDGE"));
        String sessionA = world.startBot(a);
        String sessionB = world.startBot(b);
        // the UTC day's opening equity is taken at the first decided candle (the simulator's market time
        // may have passed midnight since the sessions started)
        world.stepUntil("EquityObserved", 40, sessionA, sessionB);
        // trader A then loses about 0.7 % in fees by trading by hand on BingX, both on one symbol with B
        BingxClient handA = bingx.client(new ApiCredentials(a.apiKey(), a.secretKey()));
        for (int i = 0; i < 2; i++) {
            // BingX acknowledges an order and fills it a moment later: the close waits for the open's fill
            awaitFilled(
                    handA,
                    handA.placeOrder(OrderRequest.market(
                                    "ETH-USDT", OrderSide.BUY, PositionSide.LONG, new BigDecimal("20")))
                            .block(Duration.ofSeconds(10)));
            awaitFilled(
                    handA,
                    handA.placeOrder(OrderRequest.market(
                                    "ETH-USDT", OrderSide.SELL, PositionSide.LONG, new BigDecimal("20")))
                            .block(Duration.ofSeconds(10)));
        }

        world.stepUntil("RiskLimitBreached", 10, sessionA, sessionB);
        world.stepUntil("PositionOpened", 40, sessionB, sessionA);

        assertThat(world.events(sessionA, "RiskLimitBreached"))
                .hasSize(1)
                .allSatisfy(e -> assertThat(e.payload().get("kind").asText()).isEqualTo("DAILY_LOSS"));
        assertThat(world.events(sessionA, "OrderPlacementRequested")).isEmpty();
        assertThat(world.events(sessionB, "RiskLimitBreached")).isEmpty();
        assertThat(world.events(sessionB, "PositionOpened")).isNotEmpty();
        assertThat(b.api().get("/api/me/bot").json().get("status").asText()).isEqualTo("RUNNING");
        assertThat(a.api().get("/api/me/bot").json().get("status").asText()).isEqualTo("RUNNING");
        positionsMatchTheExchange(b, sessionB);
    }

    private static void awaitFilled(BingxClient client, dev.trenddesk.bingx.model.Order placed) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.queryOrder(placed.symbol(), placed.orderId())
                                .block(Duration.ofSeconds(10))
                                .status()
                        == dev.trenddesk.bingx.model.OrderStatus.FILLED);
    }

    /** How often the session's first order (its entry) was about to be sent, from its attempt row. */
    private Integer attemptsOfTheEntry(String sessionId) {
        String entry = world.events(sessionId, "OrderPlacementRequested")
                .getFirst()
                .payload()
                .get("clientOrderId")
                .asText();
        return jdbc.queryForObject(
                "select attempts from trading_order_attempt where client_order_id = ?", Integer.class, entry);
    }

    /** Every order the session asked for is at the exchange at most once; every placed one exactly once. */
    private void exactlyOneOrderPerRequest(TradingWorld.Trader trader, String sessionId) {
        List<TradingWorld.Stored> requests = world.events(sessionId, "OrderPlacementRequested");
        assertThat(requests).isNotEmpty();
        for (TradingWorld.Stored request : requests) {
            String coid = request.payload().get("clientOrderId").asText();
            List<JsonNode> atExchange = world.ordersWithClientOrderId(trader.apiKey(), coid);
            boolean placed = world.events(sessionId, "OrderPlaced").stream()
                    .anyMatch(e -> e.payload().get("clientOrderId").asText().equals(coid));
            assertThat(atExchange).as("orders at BingX with " + coid).hasSizeLessThanOrEqualTo(1);
            if (placed) {
                assertThat(atExchange).as("orders at BingX with " + coid).hasSize(1);
            }
        }
    }

    /** The positions the session holds are the positions BingX holds. */
    private void positionsMatchTheExchange(TradingWorld.Trader trader, String sessionId) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, BigDecimal> held = new java.util.HashMap<>();
            for (TradingWorld.Stored e : world.events(sessionId)) {
                String key = e.payload().path("symbol").asText() + "/"
                        + e.payload().path("side").asText();
                if (e.simpleType().equals("PositionOpened")) {
                    held.put(key, new BigDecimal(e.payload().get("quantity").asText()));
                } else if (e.simpleType().equals("PositionClosed")) {
                    held.remove(key);
                }
            }
            Map<String, BigDecimal> exchange = new java.util.HashMap<>();
            world.account(trader.apiKey())
                    .get("positions")
                    .forEach(p -> exchange.put(
                            p.get("symbol").asText() + "/"
                                    + p.get("positionSide").asText(),
                            new BigDecimal(p.get("positionAmt").asText()).abs()));
            assertThat(exchange.keySet()).isEqualTo(held.keySet());
            held.forEach((k, v) -> assertThat(exchange.get(k)).isEqualByComparingTo(v));
        });
    }
}
