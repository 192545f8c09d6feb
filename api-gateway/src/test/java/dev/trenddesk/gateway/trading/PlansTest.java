package dev.trenddesk.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.plan.SubscriptionCommands;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Plans and subscriptions over real HTTP against the built-in simulator (the stepped context of PlatformSettingsTest):
 * a Free trader cannot start a bot on a symbol outside the plan (422 naming the limit), can after an upgrade once it
 * is paid, and when the paid period ends the subscription turns PAST_DUE and the running bot opens nothing new, the
 * skip in the trader's decision log. The plan's backtests per day and notification channels hold, and every change is
 * in the audit log with who and why.
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
class PlansTest {

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

    @Test
    void aFreeTraderIsHeldToThePlanUpgradesPaysAndLapses() {
        Api admin = people.admin();
        Map<String, Object> eth = TradingWorld.eagerSettings("HEDGE");
        eth.put("leverage", 3);
        TradingWorld.Trader trader = world.trader(eth);
        String plan = "/api/admin/users/" + trader.id() + "/plan";

        // the shipped plans are there
        Api.Response plans = admin.get("/api/admin/plans");
        assertThat(plans.status()).as(plans.toString()).isEqualTo(200);
        assertThat(plans.json().findValuesAsText("planId")).as(plans.toString()).contains("free", "basic", "pro");

        // on Free: BTC-USDT only, so a bot on ETH-USDT does not start, naming the limit and the plan
        Api.Response free = admin.put(plan, Map.of("planId", "free", "reason", "trial account"));
        assertThat(free.status()).as(free.toString()).isEqualTo(200);
        JsonNode mine = trader.api().get("/api/me/plan").json();
        assertThat(mine.path("plan").path("name").asText()).isEqualTo("Free");
        assertThat(mine.path("plan").path("limits").path("symbols").toString()).isEqualTo("[\"BTC-USDT\"]");
        assertThat(mine.path("status").asText()).isEqualTo("ACTIVE");
        Api.Response refused = trader.api().post("/api/me/bot/start", Map.of());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().path("plan").asText()).isEqualTo("Free");
        assertThat(refused.json().path("limits").get(0).path("field").asText()).isEqualTo("symbols");
        assertThat(refused.json().path("limits").get(0).path("limit").asText()).isEqualTo("plan.symbols");
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("symbols");
        // saving settings beyond the plan is refused the same way
        Map<String, Object> higher = new HashMap<>(eth);
        higher.put("leverage", 5);
        Api.Response lever = trader.api().put("/api/me/settings", higher);
        assertThat(lever.status()).as(lever.toString()).isEqualTo(422);
        assertThat(lever.json().path("limits").findValuesAsText("limit")).contains("plan.maxLeverage");

        // upgraded to Basic: a paid plan is PAST_DUE until a payment covers the period
        Api.Response basic = admin.put(plan, Map.of("planId", "basic", "reason", "upgrade requested"));
        assertThat(basic.status()).as(basic.toString()).isEqualTo(200);
        assertThat(basic.json().path("status").asText()).isEqualTo("PAST_DUE");
        Api.Response unpaid = trader.api().post("/api/me/bot/start", Map.of());
        assertThat(unpaid.status()).as(unpaid.toString()).isEqualTo(409);
        assertThat(unpaid.json().path("code").asText()).isEqualTo("SUBSCRIPTION_PAST_DUE");
        Api.Response paid = admin.post(plan + "/payments", Map.of("amount", 19, "reference", "INV-1001"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(paid.json().path("paidThrough").isNull()).isFalse();
        String session = world.startBot(trader);

        // Pro, paid for a period that ends a minute on (market time; room for a slow machine between the two
        // requests, and one stepped 5-minute candle passes it): then PAST_DUE, and the bot opens nothing new
        Api.Response pro = admin.put(plan, Map.of("planId", "pro", "reason", "more symbols"));
        assertThat(pro.status()).as(pro.toString()).isEqualTo(200);
        // the exchange's time, which the platform's market clock follows (it may still be catching up with the
        // stepped market the shared context's earlier tests moved on: the answer's "now" can be behind it)
        Instant answered = Instant.parse(pro.json().path("now").asText());
        Instant market = Instant.ofEpochMilli(simulator.marketTime());
        Instant now = market.isAfter(answered) ? market : answered;
        Api.Response shortPaid = admin.post(
                plan + "/payments",
                Map.of(
                        "amount",
                        new java.math.BigDecimal("49.00"),
                        "reference",
                        "INV-1002",
                        "periodStart",
                        now.minus(30, ChronoUnit.DAYS).toString(),
                        "periodEnd",
                        now.plusSeconds(60).toString()));
        assertThat(shortPaid.status()).as(shortPaid.toString()).isEqualTo(200);
        assertThat(shortPaid.json().path("status").asText())
                .as(
                        "%s; market %s, answered %s",
                        ((com.fasterxml.jackson.databind.node.ObjectNode)
                                        shortPaid.json().deepCopy())
                                .without("plan"),
                        market,
                        answered)
                .isEqualTo("ACTIVE");
        // the market moves on (a stepped candle, or the wall clock) until the paid time is over
        for (int candle = 0;
                candle < 20
                        && !"PAST_DUE"
                                .equals(trader.api()
                                        .get("/api/me/plan")
                                        .json()
                                        .path("status")
                                        .asText());
                candle++) {
            world.stepDecided(session);
        }
        assertThat(trader.api().get("/api/me/plan").json().path("status").asText())
                .isEqualTo("PAST_DUE");
        int entriesBefore = entries(session);
        for (int candle = 0; candle < 40 && pastDueSkips(session).isEmpty(); candle++) {
            world.stepDecided(session);
        }
        assertThat(pastDueSkips(session)).isNotEmpty().allMatch(r -> r.contains("past due"));
        assertThat(entries(session)).as("no entry while past due").isEqualTo(entriesBefore);
        assertThat(trader.api().get("/api/me/bot").json().path("status").asText())
                .isEqualTo("RUNNING");
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                        trader.api().get("/api/me/signals?limit=200").json())
                .anyMatch(
                        s -> "SUBSCRIPTION_PAST_DUE".equals(s.path("reasonCode").asText())));

        // the history, newest first, with who and why; and the audit log
        JsonNode history = admin.get(plan).json().path("history");
        assertThat(history.findValuesAsText("kind"))
                .containsExactly("PAYMENT", "ASSIGNED", "PAYMENT", "ASSIGNED", "ASSIGNED");
        assertThat(history.get(0).path("reference").asText()).isEqualTo("INV-1002");
        assertThat(history.get(1).path("summary").asText()).isEqualTo("from Basic to Pro");
        assertThat(history.get(1).path("reference").asText(null)).isNull();
        assertThat(history.get(1).path("reason").asText()).isEqualTo("more symbols");
        assertThat(audited(SubscriptionCommands.idOf(dev.trenddesk.api.common.UserId.of(trader.id()))))
                .containsSubsequence(
                        "PlanAssigned by " + IntegrationTest.ADMIN + ": trial account",
                        "PlanAssigned by " + IntegrationTest.ADMIN + ": upgrade requested",
                        "PaymentRecorded by " + IntegrationTest.ADMIN + ": ");
        Api.Response stopped = trader.api().post("/api/me/bot/stop", Map.of("flatten", true));
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);
    }

    @Test
    void backtestsPerDayAndNotificationChannelsFollowThePlan() {
        Api admin = people.admin();
        var person = people.create("trader");
        assertThat(admin.put(
                                "/api/admin/users/" + person.id() + "/plan",
                                Map.of("planId", "free", "reason", "trial account"))
                        .status())
                .isEqualTo(200);
        Api trader = person.login();
        Map<String, Object> backtest = Map.of("dataset", "ETH-USDT");
        // Free: 3 a day
        for (int run = 0; run < 3; run++) {
            Api.Response ran = trader.post("/api/me/backtest", backtest);
            assertThat(ran.status()).as(ran.toString()).isEqualTo(200);
        }
        Api.Response fourth = trader.post("/api/me/backtest", backtest);
        assertThat(fourth.status()).as(fourth.toString()).isEqualTo(422);
        assertThat(fourth.json().path("limits").get(0).path("limit").asText()).isEqualTo("plan.backtestsPerDay");
        // Free notifies by e-mail only: a Telegram channel is refused naming it
        Api.Response telegram = trader.put(
                "/api/me/notifications",
                Map.of(
                        "telegram",
                        Map.of("enabled", true, "botToken", "123456:abcdefghijklmnopqrstuvwxyz", "chatId", "42")));
        assertThat(telegram.status()).as(telegram.toString()).isEqualTo(422);
        assertThat(telegram.json().path("limits").get(0).path("field").asText()).isEqualTo("telegram");
        assertThat(telegram.json().path("limits").get(0).path("limit").asText()).isEqualTo("plan.notificationChannels");
        // a viewer has no plan
        var viewer = people.create("viewer");
        Api.Response none =
                admin.put("/api/admin/users/" + viewer.id() + "/plan", Map.of("planId", "free", "reason", "x"));
        assertThat(none.status()).as(none.toString()).isEqualTo(409);
        assertThat(none.json().path("code").asText()).isEqualTo("PLAN_TRADER_ONLY");
    }

    private List<String> pastDueSkips(String session) {
        return world.events(session, "SignalSkipped").stream()
                .filter(e -> "SUBSCRIPTION_PAST_DUE"
                        .equals(e.payload().path("reasonCode").asText()))
                .map(e -> e.payload().path("reason").asText())
                .toList();
    }

    private int entries(String session) {
        return (int) world.events(session, "OrderPlacementRequested").stream()
                .filter(e -> "OPEN".equals(e.payload().path("intent").asText()))
                .count();
    }

    private List<String> audited(String aggregate) {
        List<String> audited = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            audited.clear();
            people.admin()
                    .get("/api/audit/events?category=all&aggregate=" + aggregate + "&order=oldest&limit=500")
                    .json()
                    .get("entries")
                    .forEach(row -> audited.add(row.get("eventType").asText() + " by "
                            + row.get("actorUsername").asText() + ": "
                            + row.get("payload").path("reason").asText()));
            return audited.size() >= 3;
        });
        return audited;
    }
}
