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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Settings changed while the bot runs reach it (over real HTTP, against the stepped simulator): lower
 * risk makes the next order smaller; what it cannot take with a position open is a 409 and nothing is
 * saved; a timeframe the exchange does not serve is a 422 naming the field, on changes and on both start
 * paths. The simulator here serves every interval but 1m ({@code trenddesk.simulator.intervals}), so 1m
 * stands for a timeframe the exchange refuses, while a bot on 15m trades on the simulator's aggregated
 * candles.
 */
@IntegrationTest
// its own database: the narrowed intervals make its context differ from the other stepped trading tests,
// whose cached context still holds trading-stepped
@TestPropertySource(
        properties = {
            "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/trading-intervals",
            "trenddesk.simulator.clock-mode=STEPPED",
            "trenddesk.simulator.intervals=3m,5m,15m,30m,1h,2h,4h,6h,8h,12h,1d",
            "trenddesk.trading.poll-interval=1s",
            "trenddesk.trading.pending-grace=2s"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TradingSettingsChangeTest {

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CredentialsProvider credentials;

    @Autowired
    dev.trenddesk.strategy.feed.MarketSubscriptions subscriptions;

    @Autowired
    dev.trenddesk.strategy.feed.MarketFeed feed;

    private People people;
    private TradingWorld world;

    @BeforeAll
    void setUp() {
        people = new People(port);
        world = new TradingWorld(people, simulator.baseUrl(), jdbc, credentials);
    }

    /** Entries on the first ready candle, a wide stop (the size is risk / stop distance, far from the margin). */
    private static Map<String, Object> settings() {
        Map<String, Object> settings = TradingWorld.eagerSettings("HEDGE");
        settings.put("maxPositions", 2);
        settings.put("riskPerTradePct", new BigDecimal("4.0"));
        settings.put("stopAtr", new BigDecimal("10"));
        settings.put("takeProfitR", new BigDecimal("10"));
        return settings;
    }

    private static Map<String, Object> with(Map<String, Object> settings, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(settings);
        changed.put(field, value);
        return changed;
    }

    /** What the position loses at its stop: quantity × |entry − stop|. */
    private static BigDecimal riskAtStop(JsonNode opened) {
        return new BigDecimal(opened.get("quantity").asText())
                .multiply(new BigDecimal(opened.get("entryPrice").asText())
                        .subtract(new BigDecimal(opened.get("stopLoss").asText()))
                        .abs());
    }

    @Test
    void aRunningBotTradesOnTheChangedSettingsAndRefusesWhatItCannotTake() {
        Map<String, Object> settings = settings();
        TradingWorld.Trader trader = world.trader(settings);
        String sessionId = world.startBot(trader);
        JsonNode bot = trader.api().get("/api/me/bot").json();
        assertThat(bot.at("/settings/riskPerTradePct").decimalValue()).isEqualByComparingTo("4.0");

        world.stepUntil("PositionOpened", 40, sessionId);
        BigDecimal firstRisk =
                riskAtStop(world.events(sessionId, "PositionOpened").getFirst().payload());
        assertThat(firstRisk).isGreaterThan(new BigDecimal("250")).isLessThanOrEqualTo(new BigDecimal("420"));

        // leverage with a position open: 409, and nothing is saved, not even the other changed values
        Api.Response leverage = trader.api()
                .put(
                        "/api/me/settings",
                        with(with(settings, "leverage", 10), "riskPerTradePct", new BigDecimal("1.0")));
        assertThat(leverage.status()).as(leverage.toString()).isEqualTo(409);
        assertThat(leverage.body()).contains("leverage cannot change from 5 to 10");
        assertThat(leverage.json().get("code").asText()).isEqualTo("POSITION_OPEN_LEVERAGE_CHANGE");
        JsonNode saved = trader.api().get("/api/me/settings").json();
        assertThat(saved.get("leverage").asInt()).isEqualTo(5);
        assertThat(saved.get("riskPerTradePct").decimalValue()).isEqualByComparingTo("4.0");
        assertThat(world.events(sessionId, "TradingSessionSettingsChanged")).isEmpty();

        // a timeframe the simulator does not serve: 422 naming the field, nothing saved
        Api.Response oneMinute = trader.api().put("/api/me/settings", with(settings, "timeframe", "1m"));
        assertThat(oneMinute.status()).as(oneMinute.toString()).isEqualTo(422);
        assertThat(oneMinute.json().at("/errors/0/field").asText()).isEqualTo("timeframe");
        assertThat(trader.api().get("/api/me/settings").json().get("timeframe").asText())
                .isEqualTo("5m");
        assertThat(world.events(sessionId, "TradingSessionSettingsChanged")).isEmpty();

        // lower risk (and one more symbol): the next entry risks a quarter
        Map<String, Object> lower = with(
                with(settings, "riskPerTradePct", new BigDecimal("1.0")), "symbols", List.of("ETH-USDT", "BTC-USDT"));
        Api.Response changed = trader.api().put("/api/me/settings", lower);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(world.events(sessionId, "TradingSessionSettingsChanged")).hasSize(1);
        // the sessions read model took the change (and told an open dashboard)
        java.time.Instant changedAt = java.time.Instant.parse(world.events(sessionId, "TradingSessionSettingsChanged")
                .getFirst()
                .payload()
                .get("at")
                .asText());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Duration.between(
                                        changedAt,
                                        jdbc.queryForObject(
                                                        "select updated_at from sessions_view where session_id = ?::uuid",
                                                        java.sql.Timestamp.class,
                                                        sessionId)
                                                .toInstant())
                                .abs()
                                .toMillis()
                        < 1);
        JsonNode runsWith = trader.api().get("/api/me/bot").json();
        assertThat(runsWith.at("/settings/riskPerTradePct").decimalValue()).isEqualByComparingTo("1.0");
        assertThat(runsWith.get("symbols")).extracting(JsonNode::asText).containsExactly("ETH-USDT", "BTC-USDT");

        stepUntilOpened(sessionId, 2, 40);
        JsonNode second = world.events(sessionId, "PositionOpened").get(1).payload();
        BigDecimal secondRisk = riskAtStop(second);
        assertThat(secondRisk)
                .as("risk of the entry after the change (%s)", second)
                .isLessThanOrEqualTo(new BigDecimal("110"))
                .isLessThan(firstRisk.divide(BigDecimal.TWO));
        List<String> types = world.events(sessionId).stream()
                .map(TradingWorld.Stored::simpleType)
                .toList();
        assertThat(types)
                .containsSubsequence(
                        "PositionOpened",
                        "TradingSessionSettingsChanged",
                        "ExchangeAccountPrepared",
                        "OrderPlacementRequested",
                        "PositionOpened");

        Api.Response stopped = trader.api().post("/api/me/bot/stop", Map.of("flatten", true));
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);
    }

    @Test
    void startingOnATimeframeTheExchangeDoesNotServeIsRefusedNamingTheField() {
        TradingWorld.Trader trader = world.trader(with(settings(), "timeframe", "1m"));
        Api.Response mine = trader.api().post("/api/me/bot/start", Map.of());
        assertThat(mine.status()).as(mine.toString()).isEqualTo(422);
        assertThat(mine.json().at("/errors/0/field").asText()).isEqualTo("timeframe");
        assertThat(mine.json().at("/errors/0/message").asText()).contains("1m").contains("ETH-USDT");
        Api.Response byAdmin = people.admin().post("/api/admin/users/" + trader.id() + "/bot/start", Map.of());
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(422);
        assertThat(byAdmin.json().at("/errors/0/field").asText()).isEqualTo("timeframe");
        assertThat(trader.api().get("/api/me/bot").json().get("status").asText())
                .isEqualTo("STOPPED");

        // the served timeframe starts
        assertThat(trader.api().put("/api/me/settings", settings()).status()).isEqualTo(200);
        String sessionId = world.startBot(trader);
        Api.Response stopped = trader.api().post("/api/me/bot/stop", Map.of("flatten", true));
        assertThat(stopped.status()).as(sessionId + " " + stopped).isEqualTo(200);
    }

    /**
     * A stream held by a running bot that delivers no candle for three of its periods raises
     * MARKET_DATA_SILENT for that bot's trader, in market time (the stepped simulator moves 5 minutes a step
     * and here does not serve 1m, so a 1m stream never delivers).
     */
    @Test
    void aStreamWithoutCandlesForThreePeriodsAlertsTheTraderWhoseBotHoldsIt() {
        TradingWorld.Trader trader = world.trader(settings());
        String sessionId = world.startBot(trader);
        dev.trenddesk.strategy.feed.StreamKey oneMinute =
                new dev.trenddesk.strategy.feed.StreamKey("ETH-USDT", dev.trenddesk.api.common.Timeframe.M1);
        subscriptions.acquire(sessionId, oneMinute.symbol(), oneMinute.timeframe());
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> feed.publishing().contains(oneMinute));
            for (int step = 0; step < 10 && silentAlerts(trader.id()) == 0; step++) {
                world.step(1);
                try {
                    await().atMost(Duration.ofSeconds(8)).until(() -> silentAlerts(trader.id()) > 0);
                } catch (org.awaitility.core.ConditionTimeoutException notYet) {
                    // the watch had not seen the stream before this step: one more
                }
            }
            String message = jdbc.queryForObject(
                    "select message from alerts_view where user_id = ?::uuid " + "and kind = 'MARKET_DATA_SILENT'",
                    String.class,
                    trader.id());
            assertThat(message).contains("ETH-USDT 1m").contains("3 periods");
            assertThat(silentAlerts(trader.id())).as("said once").isEqualTo(1);
        } finally {
            subscriptions.release(sessionId, oneMinute.symbol(), oneMinute.timeframe());
            trader.api().post("/api/me/bot/stop", Map.of("flatten", true));
        }
    }

    /**
     * A bot on 15m against the simulator: the feed publishes the simulator's 15m candles (aggregates of its
     * 5m candles on quarter-hour boundaries) as live CandleClosed events, and the bot decides on them.
     */
    @Test
    void aBotOnFifteenMinutesDecidesOnTheSimulatorsClosedFifteenMinuteCandles() {
        TradingWorld.Trader trader = world.trader(with(settings(), "timeframe", "15m"));
        String sessionId = world.startBot(trader);
        dev.trenddesk.strategy.feed.StreamKey quarter =
                new dev.trenddesk.strategy.feed.StreamKey("ETH-USDT", dev.trenddesk.api.common.Timeframe.M15);
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> feed.ready(quarter));
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.webSocketConnections() > 0);
            long warmedUp = publishedQuarters(true);
            for (int step = 0;
                    step < 8 && world.events(sessionId, "EquityObserved").isEmpty();
                    step++) {
                world.step(1);
                try {
                    await().atMost(Duration.ofSeconds(8)).until(() -> !world.events(sessionId, "EquityObserved")
                            .isEmpty());
                } catch (org.awaitility.core.ConditionTimeoutException notYet) {
                    // the 5m candle did not end a quarter hour: one more
                }
            }
            assertThat(world.events(sessionId, "EquityObserved"))
                    .as("decided on a 15m candle")
                    .isNotEmpty();
            assertThat(publishedQuarters(true)).as("live 15m candles published").isGreaterThan(warmedUp);
            List<java.sql.Timestamp> opens = jdbc.queryForList(
                    "select open_time from market_candle_published "
                            + "where symbol = 'ETH-USDT' and timeframe = '15m' and live order by open_time",
                    java.sql.Timestamp.class);
            assertThat(opens).allMatch(t -> t.toInstant().toEpochMilli() % 900_000 == 0);
            assertThat(world.events(sessionId, "EquityObserved").size())
                    .as("one decision per 15m candle at most, none on 5m candles")
                    .isLessThanOrEqualTo(opens.size());
        } finally {
            trader.api().post("/api/me/bot/stop", Map.of("flatten", true));
        }
    }

    private long publishedQuarters(boolean live) {
        Long count = jdbc.queryForObject(
                "select count(*) from market_candle_published where symbol = 'ETH-USDT' "
                        + "and timeframe = '15m' and live = ?",
                Long.class,
                live);
        return count == null ? 0 : count;
    }

    private int silentAlerts(String userId) {
        Integer count = jdbc.queryForObject(
                "select count(*) from alerts_view where user_id = ?::uuid " + "and kind = 'MARKET_DATA_SILENT'",
                Integer.class,
                userId);
        return count == null ? 0 : count;
    }

    /** Steps one candle at a time until the session has opened {@code positions} positions. */
    private void stepUntilOpened(String sessionId, int positions, int maxCandles) {
        for (int candle = 0; candle < maxCandles; candle++) {
            if (world.events(sessionId, "PositionOpened").size() >= positions) {
                return;
            }
            int decided = world.events(sessionId, "EquityObserved").size();
            world.step(1);
            try {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> world.events(sessionId, "EquityObserved").size() > decided);
                await().atMost(Duration.ofSeconds(20)).until(() -> world.pendingOrders(sessionId) == 0);
            } catch (org.awaitility.core.ConditionTimeoutException ignored) {
                // a candle skipped before the decision (e.g. while the account is set up again): step on
            }
        }
        assertThat(world.events(sessionId, "PositionOpened"))
                .as("positions opened within " + maxCandles + " candles")
                .hasSizeGreaterThanOrEqualTo(positions);
    }
}
