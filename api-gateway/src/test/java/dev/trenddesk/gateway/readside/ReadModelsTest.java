package dev.trenddesk.gateway.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.OrderSide;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.api.trading.TradingSessionEvent.EquityObserved;
import dev.trenddesk.api.trading.TradingSessionEvent.FundingFeeCharged;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderFilled;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlaced;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionReduced;
import dev.trenddesk.api.trading.TradingSessionEvent.SignalGenerated;
import dev.trenddesk.api.trading.TradingSessionEvent.SignalSkipped;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionPaused;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionSettingsChanged;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.query.readside.TradingViewsProjection;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The per-user trading read models against the real PostgreSQL: the trading-views projection is
 * driven with TradingSession events for a real trader, then read over REST by that trader, by a
 * viewer they granted and by an admin (whose look is audited), while another trader sees none of it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadModelsTest {

    @LocalServerPort
    int port;

    @Autowired
    TradingViewsProjection tradingViews;

    @Autowired
    dev.trenddesk.query.readside.CandlesProjection candlesProjection;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    EventStore eventStore;

    private Projector projector;
    private People people;
    private Person traderA;
    private Person traderB;
    private Person viewer;
    private UserId a;
    private final TradingSessionId session = TradingSessionId.random();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final String openOrder = "td-" + UUID.randomUUID().toString().substring(0, 8) + "-open-1";
    private final String secondOrder = "td-" + UUID.randomUUID().toString().substring(0, 8) + "-open-2";

    @BeforeAll
    void tradeAsA() {
        projector = new Projector(transactions, eventStore);
        people = new People(port);
        traderA = people.create("trader");
        traderB = people.create("trader");
        viewer = people.create("viewer");
        assertThat(people.admin()
                        .put("/api/admin/users/" + viewer.id() + "/grants/" + traderA.id(), Map.of())
                        .status())
                .isEqualTo(200);
        a = UserId.of(traderA.id());
        Instant t = now.minus(Duration.ofMinutes(30));
        project(new TradingSessionStarted(
                session, a, TradingSettings.defaults(), new BigDecimal("1000"), t, ExchangeName.BINGX));
        project(new SignalGenerated(
                session,
                a,
                "ETH-USDT",
                Direction.LONG,
                t,
                java.util.Map.of(
                        "adx",
                        new BigDecimal("31.5"),
                        "plusDi",
                        new BigDecimal("28.1"),
                        "minusDi",
                        new BigDecimal("12.4"),
                        "atr",
                        new BigDecimal("14.2")),
                new BigDecimal("72.50"),
                t.plusSeconds(1)));
        project(new SignalSkipped(
                session,
                a,
                "ETH-USDT",
                t.plusSeconds(300),
                null,
                ReasonCode.NO_TREND,
                "ADX 18.2 < 25",
                t.plusSeconds(301)));
        project(new OrderPlacementRequested(
                session,
                a,
                openOrder,
                "ETH-USDT",
                OrderIntent.OPEN,
                OrderSide.BUY,
                ExchangePositionSide.LONG,
                Direction.LONG,
                new BigDecimal("0.5"),
                new BigDecimal("1950"),
                new BigDecimal("2100"),
                null,
                t,
                t.plusSeconds(2)));
        project(new OrderPlaced(session, a, openOrder, "ETH-USDT", "1234567890", t.plusSeconds(3)));
        project(new OrderFilled(
                session,
                a,
                openOrder,
                "ETH-USDT",
                "1234567890",
                new BigDecimal("2000"),
                new BigDecimal("0.5"),
                new BigDecimal("0.5"),
                t.plusSeconds(4)));
        project(new PositionOpened(
                session,
                a,
                "ETH-USDT",
                Direction.LONG,
                ExchangePositionSide.LONG,
                new BigDecimal("0.5"),
                new BigDecimal("2000"),
                new BigDecimal("1950"),
                new BigDecimal("2100"),
                openOrder,
                new BigDecimal("0.5"),
                t.plusSeconds(4)));
        PositionClosed win = new PositionClosed(
                session,
                a,
                "ETH-USDT",
                Direction.LONG,
                new BigDecimal("0.5"),
                new BigDecimal("2000"),
                new BigDecimal("2040"),
                new BigDecimal("20"),
                new BigDecimal("1"),
                ExitReason.TAKE_PROFIT,
                t.plusSeconds(600));
        EventMessage<PositionClosed> winMessage = GenericEventMessage.asEventMessage(win);
        long winPosition = projector.nextPosition();
        projector.project(tradingViews, winMessage, winPosition);
        // the winning close delivered a second time (a redelivery) changes nothing
        projector.project(tradingViews, winMessage, winPosition);
        project(new PositionClosed(
                session,
                a,
                "BTC-USDT",
                Direction.SHORT,
                new BigDecimal("0.01"),
                new BigDecimal("60000"),
                new BigDecimal("60400"),
                new BigDecimal("-4"),
                new BigDecimal("1"),
                ExitReason.STOP_LOSS,
                t.plusSeconds(900)));
        project(new PositionOpened(
                session,
                a,
                "ETH-USDT",
                Direction.LONG,
                ExchangePositionSide.LONG,
                new BigDecimal("0.2"),
                new BigDecimal("2050"),
                new BigDecimal("2000"),
                new BigDecimal("2150"),
                secondOrder,
                new BigDecimal("0.2"),
                t.plusSeconds(1000)));
        project(new EquityObserved(
                session,
                a,
                new BigDecimal("1014"),
                new BigDecimal("900"),
                new BigDecimal("1000"),
                new BigDecimal("1020"),
                t.plusSeconds(1001)));
        project(new TradingSessionPaused(session, a, t.plusSeconds(1002)));
    }

    private void project(Object event) {
        projector.project(tradingViews, event);
    }

    @Test
    void theChartsCandlesCarryTheEmasOnceDefined() {
        // 1d candles of a market nobody else writes in this suite: only these two
        Instant day = Instant.parse("2021-03-01T00:00:00Z");
        Map<String, BigDecimal> early = Map.of("atr", new BigDecimal("12.5"), "ema9", new BigDecimal("1520.12345678"));
        Map<String, BigDecimal> later = new java.util.HashMap<>(early);
        later.putAll(Map.of(
                "adx",
                new BigDecimal("27.1"),
                "ema21",
                new BigDecimal("1510.5"),
                "ema50",
                new BigDecimal("1490.25"),
                "ema100",
                new BigDecimal("1480"),
                "ema200",
                new BigDecimal("1470.75"),
                "ema9Prev",
                new BigDecimal("1519")));
        projector.project(
                candlesProjection,
                new CandleClosed(
                        "SOL-USDT",
                        Timeframe.D1,
                        day,
                        BigDecimal.ONE,
                        BigDecimal.TWO,
                        BigDecimal.ONE,
                        BigDecimal.TWO,
                        BigDecimal.TEN,
                        early,
                        false));
        projector.project(
                candlesProjection,
                new CandleClosed(
                        "SOL-USDT",
                        Timeframe.D1,
                        day.plus(Duration.ofDays(1)),
                        BigDecimal.ONE,
                        BigDecimal.TWO,
                        BigDecimal.ONE,
                        BigDecimal.TWO,
                        BigDecimal.TEN,
                        later,
                        false));

        Api.Response response = traderA.login().get("/api/me/candles?symbol=SOL-USDT&timeframe=1d");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode candles = response.json();
        assertThat(candles).hasSize(2);
        assertThat(candles.get(0).get("ema9").decimalValue()).isEqualByComparingTo("1520.12345678");
        assertThat(candles.get(0).path("ema21").isNumber())
                .as("not defined yet: no value")
                .isFalse();
        assertThat(candles.get(0).path("adx").isNumber()).isFalse();
        assertThat(candles.get(1).get("ema21").decimalValue()).isEqualByComparingTo("1510.5");
        assertThat(candles.get(1).get("ema50").decimalValue()).isEqualByComparingTo("1490.25");
        assertThat(candles.get(1).get("ema100").decimalValue()).isEqualByComparingTo("1480");
        assertThat(candles.get(1).get("ema200").decimalValue()).isEqualByComparingTo("1470.75");
        assertThat(candles.get(1).get("adx").decimalValue()).isEqualByComparingTo("27.1");
        JsonNode series = traderA.login().get("/api/me/candle-series").json();
        JsonNode sol = null;
        for (JsonNode each : series) {
            if (each.get("symbol").asText().equals("SOL-USDT")
                    && each.get("timeframe").asText().equals("1d")) {
                sol = each;
            }
        }
        assertThat(sol).as("the daily SOL-USDT series among %s", series).isNotNull();
        assertThat(sol.get("candles").asLong()).isEqualTo(2);
        assertThat(Instant.parse(sol.get("lastOpenTime").asText())).isEqualTo(day.plus(Duration.ofDays(1)));
    }

    @Test
    void traderSeesOwnDashboardWithAccountBotPositionsAndSignals() {
        JsonNode dashboard = traderA.login().get("/api/me/dashboard").json();
        assertThat(dashboard.get("userId").asText()).isEqualTo(traderA.id());
        assertThat(dashboard.get("username").asText()).isEqualTo(traderA.username());
        JsonNode account = dashboard.get("account");
        assertThat(account.get("equity").decimalValue()).isEqualByComparingTo("1014");
        assertThat(account.get("pnlToday").decimalValue()).isEqualByComparingTo("14");
        assertThat(account.get("pnlTodayPct").decimalValue()).isEqualByComparingTo("1.4");
        assertThat(account.get("pnlAllTime").decimalValue()).isEqualByComparingTo("14");
        JsonNode bot = dashboard.get("bot");
        assertThat(bot.get("sessionId").asText()).isEqualTo(session.toString());
        assertThat(bot.get("status").asText()).isEqualTo("PAUSED");
        assertThat(bot.get("exchange").asText())
                .as("the exchange its start recorded")
                .isEqualTo("BINGX");
        assertThat(bot.get("strategy").asText())
                .as("the strategy of its settings")
                .isEqualTo("ADX_TREND");
        assertThat(dashboard.get("positions")).hasSize(1);
        assertThat(dashboard.get("positions").get(0).get("quantity").decimalValue())
                .isEqualByComparingTo("0.2");
        assertThat(dashboard.get("signals")).hasSize(2);
    }

    @Test
    void theBotSummaryCarriesTheStrategyItsSessionRunsWithForEveryReader() {
        Person trader = people.create("trader");
        Person watcher = people.create("viewer");
        assertThat(people.admin()
                        .put("/api/admin/users/" + watcher.id() + "/grants/" + trader.id(), Map.of())
                        .status())
                .isEqualTo(200);
        UserId owner = UserId.of(trader.id());
        TradingSessionId emaSession = TradingSessionId.random();
        Instant t = now.minus(Duration.ofMinutes(10));
        TradingSettings crossover = TradingSettings.defaults().withStrategy(StrategyId.EMA_CROSS, 9, 21);
        project(new TradingSessionStarted(emaSession, owner, crossover, new BigDecimal("1000"), t, ExchangeName.BINGX));

        JsonNode started = watcher.login()
                .get("/api/users/" + trader.id() + "/dashboard")
                .json()
                .get("bot");
        assertThat(started.get("sessionId").asText()).isEqualTo(emaSession.toString());
        assertThat(started.get("strategy").asText())
                .as("what the viewer's chart draws")
                .isEqualTo("EMA_CROSS");
        assertThat(started.get("emaFast").asInt()).isEqualTo(9);
        assertThat(started.get("emaSlow").asInt()).isEqualTo(21);

        project(new TradingSessionSettingsChanged(
                emaSession,
                owner,
                TradingSettings.defaults().withStrategy(StrategyId.EMA_CROSS, 50, 200),
                t.plusSeconds(60)));
        JsonNode changed = trader.login().get("/api/me/dashboard").json().get("bot");
        assertThat(changed.get("status").asText()).isEqualTo("RUNNING");
        assertThat(changed.get("strategy").asText()).isEqualTo("EMA_CROSS");
        assertThat(changed.get("emaFast").asInt())
                .as("the settings changed while it runs")
                .isEqualTo(50);
        assertThat(changed.get("emaSlow").asInt()).isEqualTo(200);

        project(new TradingSessionSettingsChanged(emaSession, owner, TradingSettings.defaults(), t.plusSeconds(120)));
        JsonNode back = watcher.login()
                .get("/api/users/" + trader.id() + "/dashboard")
                .json()
                .get("bot");
        assertThat(back.get("strategy").asText()).isEqualTo("ADX_TREND");
        assertThat(back.get("emaFast").asInt()).isEqualTo(TradingSettings.EMA_FAST_DEFAULT);
        assertThat(back.get("emaSlow").asInt()).isEqualTo(TradingSettings.EMA_SLOW_DEFAULT);

        JsonNode run = trader.login().get("/api/me/sessions").json().get(0);
        assertThat(run.get("settingsChanges").asInt())
                .as("the run's settings were changed twice while it ran")
                .isEqualTo(2);
        assertThat(run.get("settings").get("strategy").asText())
                .as("the settings it trades with now")
                .isEqualTo("ADX_TREND");
        assertThat(run.get("settings").get("adxThreshold").decimalValue())
                .isEqualByComparingTo(TradingSettings.defaults().adxThreshold());
        assertThat(run.get("settings").get("symbols").get(0).asText())
                .isEqualTo(TradingSettings.defaults().symbols().getFirst());
    }

    @Test
    void sessionStatisticsCountEachTradeOnce() {
        JsonNode sessions = traderA.login().get("/api/me/sessions").json();
        assertThat(sessions).hasSize(1);
        JsonNode stats = sessions.get(0);
        assertThat(stats.get("trades").asInt()).isEqualTo(2);
        assertThat(stats.get("wins").asInt()).isEqualTo(1);
        assertThat(stats.get("losses").asInt()).isEqualTo(1);
        assertThat(stats.get("winRatePct").decimalValue()).isEqualByComparingTo("50");
        assertThat(stats.get("pnl").decimalValue()).isEqualByComparingTo("14");
        assertThat(stats.get("exchange").asText()).isEqualTo("BINGX");
        assertThat(stats.get("settings").get("timeframe").asText())
                .as("the settings the run started with")
                .isEqualTo(TradingSettings.defaults().timeframe().code());
        assertThat(stats.get("settingsChanges").asInt()).isZero();
    }

    @Test
    void performanceFollowsTheClosedTradesInTheOrderTheyClosed() {
        JsonNode p = traderA.login().get("/api/me/performance").json();
        assertThat(p.get("trades").asInt()).isEqualTo(2);
        assertThat(p.get("wins").asInt()).isEqualTo(1);
        assertThat(p.get("losses").asInt()).isEqualTo(1);
        assertThat(p.get("winRatePct").decimalValue()).isEqualByComparingTo("50");
        // net P&L of each close: 20 - 1 fee = 19, then -4 - 1 fee = -5
        assertThat(p.get("netPnl").decimalValue()).isEqualByComparingTo("14");
        assertThat(p.get("grossProfit").decimalValue()).isEqualByComparingTo("19");
        assertThat(p.get("grossLoss").decimalValue()).isEqualByComparingTo("5");
        assertThat(p.get("profitFactor").decimalValue()).isEqualByComparingTo("3.8");
        assertThat(p.get("averageTrade").decimalValue()).isEqualByComparingTo("7");
        assertThat(p.get("bestTrade").decimalValue()).isEqualByComparingTo("19");
        assertThat(p.get("worstTrade").decimalValue()).isEqualByComparingTo("-5");
        assertThat(p.get("maxDrawdown").decimalValue()).isEqualByComparingTo("5");
        assertThat(p.get("averageHoldSeconds").asLong())
                .as("the ETH trade, opened 4 s and closed 600 s after t; the BTC close has no opening on record")
                .isEqualTo(596);
        JsonNode curve = p.get("curve");
        assertThat(curve).hasSize(2);
        assertThat(curve.get(0).get("cumulativePnl").decimalValue()).isEqualByComparingTo("19");
        assertThat(curve.get(1).get("cumulativePnl").decimalValue()).isEqualByComparingTo("14");
        assertThat(Instant.parse(curve.get(0).get("at").asText()))
                .isBefore(Instant.parse(curve.get(1).get("at").asText()));
    }

    @Test
    void tradesAreFilteredAndPagedWithACursor() {
        Api api = traderA.login();
        JsonNode all = api.get("/api/me/trades").json();
        assertThat(all.get("trades")).hasSize(2);
        assertThat(all.get("trades").get(0).get("symbol").asText()).isEqualTo("BTC-USDT");
        assertThat(all.get("trades").get(0).hasNonNull("openedAt"))
                .as("a close whose opening is not on record")
                .isFalse();
        JsonNode eth = all.get("trades").get(1);
        assertThat(Duration.between(
                        Instant.parse(eth.get("openedAt").asText()),
                        Instant.parse(eth.get("closedAt").asText())))
                .as("held from the position's opening to its close")
                .isEqualTo(Duration.ofSeconds(596));
        assertThat(api.get("/api/me/trades?symbol=eth-usdt").json().get("trades"))
                .hasSize(1);
        assertThat(api.get("/api/me/trades?side=SHORT")
                        .json()
                        .get("trades")
                        .get(0)
                        .get("netPnl")
                        .decimalValue())
                .isEqualByComparingTo("-5");
        assertThat(api.get("/api/me/trades?from=" + now.plus(Duration.ofDays(1)))
                        .json()
                        .get("trades"))
                .isEmpty();
        JsonNode first = api.get("/api/me/trades?limit=1").json();
        assertThat(first.get("trades")).hasSize(1);
        String cursor = first.get("nextCursor").asText();
        JsonNode second = api.get("/api/me/trades?limit=1&cursor=" + cursor).json();
        assertThat(second.get("trades")).hasSize(1);
        assertThat(second.get("trades").get(0).get("symbol").asText()).isEqualTo("ETH-USDT");
        assertThat(second.hasNonNull("nextCursor")).isFalse();
    }

    @Test
    void ordersFollowTheirLifeAndSignalsKeepTheirIndicators() {
        Api api = traderA.login();
        JsonNode orders = api.get("/api/me/orders").json();
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).get("status").asText()).isEqualTo("FILLED");
        assertThat(orders.get(0).get("exchangeOrderId").asText()).isEqualTo("1234567890");
        JsonNode signals = api.get("/api/me/signals").json();
        assertThat(signals.get(0).get("outcome").asText()).isEqualTo("SKIPPED");
        assertThat(signals.get(0).get("reasonCode").asText()).isEqualTo("NO_TREND");
        assertThat(signals.get(1).get("adx").decimalValue()).isEqualByComparingTo("31.5");
        assertThat(signals.get(1).get("confidence").decimalValue()).isEqualByComparingTo("72.50");
    }

    @Test
    void anotherTraderSeesNoneOfItAndCannotReadItById() {
        Api b = traderB.login();
        assertThat(b.get("/api/me/trades").json().get("trades")).isEmpty();
        assertThat(b.get("/api/me/positions").json()).isEmpty();
        assertThat(b.get("/api/me/dashboard").json().get("account")).isNull();
        for (String part :
                new String[] {"dashboard", "trades", "positions", "sessions", "orders", "signals", "alerts"}) {
            Api.Response response = b.get("/api/users/" + traderA.id() + "/" + part);
            assertThat(response.status()).as(part).isEqualTo(404);
            assertThat(response.body()).doesNotContain("ETH-USDT");
        }
        // an id that exists nowhere answers exactly like someone else's
        Api.Response unknown = b.get("/api/users/" + UserId.random() + "/trades");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asText())
                .isEqualTo(b.get("/api/users/" + traderA.id() + "/trades")
                        .json()
                        .get("detail")
                        .asText());
    }

    @Test
    void grantedViewerReadsTheTraderAndAdminReadsAreAudited() {
        JsonNode viewed =
                viewer.login().get("/api/users/" + traderA.id() + "/trades").json();
        assertThat(viewed.get("trades")).hasSize(2);
        Api admin = people.admin();
        assertThat(admin.get("/api/users/" + traderA.id() + "/positions").status())
                .isEqualTo(200);
        assertThat(admin.get("/api/users/" + UserId.random() + "/positions").status())
                .isEqualTo(404);
        String adminId = admin.get("/api/me").json().get("id").asText();
        Api auditor = people.create("auditor").login();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode rows = auditor.get("/api/audit/events?type=AdminViewedUserData&user=" + traderA.id())
                    .json()
                    .get("entries");
            assertThat(rows).isNotEmpty();
            JsonNode row = rows.get(0);
            assertThat(row.get("actorId").asText()).isEqualTo(adminId);
            assertThat(row.get("actorRole").asText()).isEqualTo("admin");
            assertThat(row.get("payload").get("what").asText())
                    .isEqualTo("GET /api/users/" + traderA.id() + "/positions");
            assertThat(row.get("clientIp").isNull()).isFalse();
        });
    }

    @Test
    void badFiltersAndCursorsAre400ProblemJson() {
        Api api = traderA.login();
        for (String query : new String[] {
            "side=UP",
            "from=yesterday",
            "cursor=abc",
            "limit=0",
            "limit=501",
            "symbol=not%20a%20symbol",
            "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"
        }) {
            Api.Response response = api.get("/api/me/trades?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(query).contains("application/problem+json");
        }
        assertThat(api.get("/api/me/candles?timeframe=7m").status()).isEqualTo(400);
    }

    @Test
    void adminOverviewHasTotalsAndACardPerUser() {
        JsonNode overview = people.admin().get("/api/admin/overview").json();
        assertThat(overview.get("totals").get("users").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(overview.get("totals").get("pausedBots").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode card = null;
        for (JsonNode user : overview.get("users")) {
            if (user.get("userId").asText().equals(traderA.id())) {
                card = user;
            }
        }
        assertThat(card).isNotNull();
        assertThat(card.get("botStatus").asText()).isEqualTo("PAUSED");
        assertThat(card.get("equity").decimalValue()).isEqualByComparingTo("1014");
        assertThat(card.get("openPositions").asInt()).isEqualTo(1);
    }

    /**
     * A trader reduced the bot's position by hand at BingX: the position stays with the remaining quantity, the
     * reduced part is a trade of its own, counted once even when its event is delivered twice.
     */
    @Test
    void aPositionReducedAtTheExchangeKeepsTheRestAndTheReducedPartIsATrade() {
        Person trader = people.create("trader");
        UserId c = UserId.of(trader.id());
        TradingSessionId other = TradingSessionId.random();
        Instant t = now.minus(Duration.ofMinutes(20));
        project(new TradingSessionStarted(
                other, c, TradingSettings.defaults(), new BigDecimal("1000"), t, ExchangeName.BINGX));
        project(new PositionOpened(
                other,
                c,
                "SOL-USDT",
                Direction.SHORT,
                ExchangePositionSide.SHORT,
                new BigDecimal("4"),
                new BigDecimal("150"),
                new BigDecimal("155"),
                new BigDecimal("140"),
                "td-c-open",
                new BigDecimal("0.3"),
                t.plusSeconds(1)));
        EventMessage<PositionReduced> reduced = GenericEventMessage.asEventMessage(new PositionReduced(
                other,
                c,
                "SOL-USDT",
                Direction.SHORT,
                ExchangePositionSide.SHORT,
                new BigDecimal("1"),
                new BigDecimal("3"),
                new BigDecimal("150"),
                new BigDecimal("145"),
                new BigDecimal("5"),
                new BigDecimal("0.1"),
                ExitReason.MANUAL,
                "9001",
                t.plusSeconds(60)));
        long position = projector.nextPosition();
        projector.project(tradingViews, reduced, position);
        projector.project(tradingViews, reduced, position);

        Api api = trader.login();
        JsonNode positions = api.get("/api/me/positions").json();
        assertThat(positions).hasSize(1);
        assertThat(positions.get(0).get("quantity").decimalValue()).isEqualByComparingTo("3");
        assertThat(positions.get(0).get("entryPrice").decimalValue()).isEqualByComparingTo("150");
        JsonNode trades = api.get("/api/me/trades").json().get("trades");
        assertThat(trades).hasSize(1);
        assertThat(trades.get(0).get("quantity").decimalValue()).isEqualByComparingTo("1");
        assertThat(trades.get(0).get("netPnl").decimalValue()).isEqualByComparingTo("4.9");
        assertThat(trades.get(0).get("reason").asText()).isEqualTo("MANUAL");
        JsonNode stats = api.get("/api/me/sessions").json().get(0);
        assertThat(stats.get("trades").asInt()).isEqualTo(1);
        assertThat(stats.get("pnl").decimalValue()).isEqualByComparingTo("4.9");
    }

    /**
     * Funding fees on an open position are shown on it (each BingX tranId once, also when delivered twice) and
     * go with it into the closed trade's net result and the session's P&L; a liquidation is a trade with reason
     * LIQUIDATION.
     */
    @Test
    void fundingShowsOnThePositionAndCountsInItsTradeAndALiquidationIsATrade() {
        Person trader = people.create("trader");
        UserId d = UserId.of(trader.id());
        TradingSessionId funded = TradingSessionId.random();
        Instant t = now.minus(Duration.ofMinutes(20));
        project(new TradingSessionStarted(
                funded, d, TradingSettings.defaults(), new BigDecimal("1000"), t, ExchangeName.BINGX));
        project(new PositionOpened(
                funded,
                d,
                "ETH-USDT",
                Direction.LONG,
                ExchangePositionSide.LONG,
                new BigDecimal("1"),
                new BigDecimal("2000"),
                new BigDecimal("1900"),
                new BigDecimal("2100"),
                "td-d-open",
                new BigDecimal("1"),
                t.plusSeconds(1)));
        EventMessage<FundingFeeCharged> fee = GenericEventMessage.asEventMessage(new FundingFeeCharged(
                funded,
                d,
                "ETH-USDT",
                Direction.LONG,
                new BigDecimal("-0.2"),
                "4711",
                t.plusSeconds(60),
                t.plusSeconds(61)));
        long position = projector.nextPosition();
        projector.project(tradingViews, fee, position);
        projector.project(tradingViews, fee, position);
        project(new FundingFeeCharged(
                funded,
                d,
                "ETH-USDT",
                Direction.LONG,
                new BigDecimal("0.05"),
                "4712",
                t.plusSeconds(120),
                t.plusSeconds(121)));

        Api api = trader.login();
        JsonNode positions = api.get("/api/me/positions").json();
        assertThat(positions).hasSize(1);
        assertThat(positions.get(0).get("funding").decimalValue()).isEqualByComparingTo("-0.15");

        project(new PositionClosed(
                funded,
                d,
                "ETH-USDT",
                Direction.LONG,
                new BigDecimal("1"),
                new BigDecimal("2000"),
                new BigDecimal("2100"),
                new BigDecimal("100"),
                new BigDecimal("2"),
                ExitReason.TAKE_PROFIT,
                t.plusSeconds(300),
                new BigDecimal("-0.15")));
        project(new PositionOpened(
                funded,
                d,
                "ETH-USDT",
                Direction.LONG,
                ExchangePositionSide.LONG,
                new BigDecimal("1"),
                new BigDecimal("2100"),
                new BigDecimal("1900"),
                new BigDecimal("2300"),
                "td-d-open2",
                new BigDecimal("1"),
                t.plusSeconds(400)));
        assertThat(api.get("/api/me/positions").json().get(0).get("funding").decimalValue())
                .as("a new position on the symbol starts without the old one's funding")
                .isEqualByComparingTo("0");
        project(new PositionClosed(
                funded,
                d,
                "ETH-USDT",
                Direction.LONG,
                new BigDecimal("1"),
                new BigDecimal("2100"),
                new BigDecimal("1900.52"),
                new BigDecimal("-199.48"),
                new BigDecimal("11.57"),
                ExitReason.LIQUIDATION,
                t.plusSeconds(500)));

        JsonNode trades = api.get("/api/me/trades").json().get("trades");
        assertThat(trades).hasSize(2);
        JsonNode liquidated = trades.get(0);
        assertThat(liquidated.get("reason").asText()).isEqualTo("LIQUIDATION");
        assertThat(liquidated.get("netPnl").decimalValue()).isEqualByComparingTo("-211.05");
        assertThat(liquidated.get("funding").decimalValue()).isEqualByComparingTo("0");
        JsonNode won = trades.get(1);
        assertThat(won.get("funding").decimalValue()).isEqualByComparingTo("-0.15");
        assertThat(won.get("netPnl").decimalValue()).isEqualByComparingTo("97.85"); // 100 − 2 − 0.15
        JsonNode stats = api.get("/api/me/sessions").json().get(0);
        assertThat(stats.get("pnl").decimalValue()).isEqualByComparingTo("-113.2");
    }
}
