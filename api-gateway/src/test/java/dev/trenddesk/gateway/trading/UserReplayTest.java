package dev.trenddesk.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
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
 * The replay of one trader's history (GET /api/audit/users/{id}/replay) over real HTTP, with a bot trading
 * against the stepped simulator: the state at each step is what replaying the trader's aggregates up to that
 * event gives (no position before the entry, one from it on; a settings change shows from its own step), pages
 * join up forwards and backwards, and bad input is a 4xx naming the field.
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
class UserReplayTest {

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
    private Api auditor;
    private int auditorCalls;

    @BeforeAll
    void setUp() {
        people = new People(port);
        world = new TradingWorld(people, simulator.baseUrl(), jdbc, credentials);
    }

    /**
     * An auditor to ask: replays are rate-limited per user like the other heavy audit endpoints (10 a minute),
     * so a new auditor takes over every 9 requests.
     */
    private Api auditor() {
        if (auditor == null || auditorCalls++ >= 9) {
            auditor = people.create("auditor").login();
            auditorCalls = 1;
        }
        return auditor;
    }

    /** Entries on the first ready candle with a wide stop and target, so the position stays open. */
    private static Map<String, Object> settings(String risk) {
        Map<String, Object> settings = TradingWorld.eagerSettings("HEDGE");
        settings.put("riskPerTradePct", new BigDecimal(risk));
        settings.put("stopAtr", new BigDecimal("10"));
        settings.put("takeProfitR", new BigDecimal("10"));
        return settings;
    }

    @Test
    void stepsThroughATradersHistoryWithTheStateAtEachEvent() {
        TradingWorld.Trader trader = world.trader(settings("2.0"));
        String sessionId = world.startBot(trader);
        world.stepUntil("PositionOpened", 40, sessionId);
        Api.Response changed = trader.api().put("/api/me/settings", settings("1.0"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        awaitAuditRow(trader.id(), "TradingSessionSettingsChanged");

        List<JsonNode> steps = new ArrayList<>();
        JsonNode first = replay("/api/audit/users/" + trader.person().username() + "/replay?limit=200");
        assertThat(first.at("/user/id").asText()).isEqualTo(trader.id());
        assertThat(first.at("/user/role").asText()).isEqualTo("trader");
        assertThat(first.get("earlier").asBoolean()).isFalse();
        assertThat(first.get("initial")).isEmpty();
        first.get("steps").forEach(steps::add);
        JsonNode page = first;
        while (page.get("later").asBoolean()) {
            page = replay("/api/audit/users/" + trader.id() + "/replay?limit=200&after="
                    + steps.getLast().get("seq").asLong());
            page.get("steps").forEach(steps::add);
        }
        assertThat(steps).allMatch(step -> trader.id().equals(step.get("userId").asText()));
        assertThat(steps.stream().map(s -> s.get("seq").asLong()).toList()).isSorted();
        assertThat(steps.getFirst().get("eventType").asText()).isEqualTo("UserRegistered");
        List<String> types =
                steps.stream().map(s -> s.get("eventType").asText()).toList();
        assertThat(types)
                .contains("CredentialsConnected")
                .containsSubsequence(
                        "TradingPermissionGranted",
                        "TradingSessionStarted",
                        "OrderPlacementRequested",
                        "PositionOpened",
                        "TradingSettingsUpdated")
                .containsSubsequence("PositionOpened", "TradingSessionSettingsChanged");

        // the states folded step by step: each step carries the state of the aggregate its event changed
        List<Map<String, JsonNode>> states = fold(List.of(), steps);
        int opened = types.indexOf("PositionOpened");
        int started = types.indexOf("TradingSessionStarted");
        assertThat(session(states.get(started), sessionId).get("status").asText())
                .isEqualTo("RUNNING");
        assertThat(session(states.get(opened - 1), sessionId).get("openPositions"))
                .as("no position before the entry")
                .isEmpty();
        JsonNode entered = session(states.get(opened), sessionId);
        assertThat(entered.get("openPositions"))
                .as("one position from the entry")
                .hasSize(1);
        assertThat(entered.get("lastEvent").asText()).isEqualTo("PositionOpened");
        assertThat(steps.get(opened).at("/state/aggregateId").asText()).isEqualTo(sessionId);
        assertThat(steps.get(opened).at("/state/version").asLong())
                .isEqualTo(steps.get(opened).get("aggregateSequence").asLong());

        // the settings in force: the account's change at its step, the running session's at its own
        int accountChange = types.lastIndexOf("TradingSettingsUpdated");
        int sessionChange = types.indexOf("TradingSessionSettingsChanged");
        assertThat(risk(states.get(accountChange - 1).get(trader.id()))).isEqualByComparingTo("2.0");
        assertThat(risk(states.get(accountChange).get(trader.id()))).isEqualByComparingTo("1.0");
        assertThat(risk(session(states.get(sessionChange - 1), sessionId))).isEqualByComparingTo("2.0");
        assertThat(risk(session(states.get(sessionChange), sessionId))).isEqualByComparingTo("1.0");
        assertThat(session(states.get(sessionChange), sessionId).get("openPositions"))
                .hasSize(1);

        // a page from the middle starts from the state just before it: the same as the steps before it gave
        long middle = steps.get(opened).get("seq").asLong();
        JsonNode fromMiddle = replay("/api/audit/users/" + trader.id() + "/replay?limit=3&after=" + (middle - 1));
        assertThat(fromMiddle.get("earlier").asBoolean()).isTrue();
        assertThat(fromMiddle.at("/steps/0/seq").asLong()).isEqualTo(middle);
        List<Map<String, JsonNode>> resumed = fold(list(fromMiddle.get("initial")), list(fromMiddle.get("steps")));
        assertThat(resumed.getFirst()).isEqualTo(states.get(opened));
        assertThat(resumed.getLast()).isEqualTo(states.get(opened + 2));
        // and the page before it, asked backwards, ends right before it
        JsonNode back = replay("/api/audit/users/" + trader.id() + "/replay?limit=4&before=" + middle);
        assertThat(back.get("later").asBoolean()).isTrue();
        assertThat(back.at("/steps/3/seq").asLong())
                .isEqualTo(steps.get(opened - 1).get("seq").asLong());
        List<Map<String, JsonNode>> backStates = fold(list(back.get("initial")), list(back.get("steps")));
        assertThat(backStates.getLast()).isEqualTo(states.get(opened - 1));

        // a time range: only the steps within it
        String from = steps.get(started).get("at").asText();
        JsonNode ranged = replay("/api/audit/users/" + trader.id() + "/replay?limit=200&from=" + from);
        assertThat(list(ranged.get("steps")))
                .allMatch(s -> !java.time.Instant.parse(s.get("at").asText()).isBefore(java.time.Instant.parse(from)));
        assertThat(ranged.get("earlier").asBoolean())
                .as("nothing earlier within the range")
                .isFalse();
        assertThat(list(ranged.get("initial")))
                .extracting(s -> s.get("aggregateType").asText())
                .contains("UserAccount", "ExchangeCredentials");

        Api.Response stopped = trader.api().post("/api/me/bot/stop", Map.of("flatten", true));
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Person trader = people.create("trader");
        Person viewer = people.create("viewer");
        String base = "/api/audit/users/" + trader.id() + "/replay";
        refused(base + "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", 400, "from");
        refused(base + "?from=yesterday", 400, "from");
        refused(base + "?after=5&before=9", 400, "before");
        refused(base + "?after=abc", 400, "after");
        refused(base + "?before=0", 400, "before");
        refused(base + "?limit=0", 400, "limit");
        refused(base + "?limit=201", 400, "limit");
        refused("/api/audit/users/no%20such%20user/replay", 400, "id");
        refused("/api/audit/users/nobody-" + System.nanoTime() + "/replay", 404, "id");
        refused("/api/audit/users/" + java.util.UUID.randomUUID() + "/replay", 404, "id");
        refused("/api/audit/users/" + viewer.id() + "/replay", 422, "id");
        refused("/api/audit/users/" + IntegrationTest.ADMIN + "/replay", 422, "id");
        // a trader with no events in the range: an empty page, not an error
        JsonNode empty = replay(base + "?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z");
        assertThat(empty.get("steps")).isEmpty();
        assertThat(empty.get("later").asBoolean()).isFalse();
    }

    @Test
    void tradersAndViewersMayNotReplay() {
        Person trader = people.create("trader");
        Person viewer = people.create("viewer");
        String path = "/api/audit/users/" + trader.id() + "/replay";
        assertThat(trader.login().get(path).status()).isEqualTo(403);
        assertThat(viewer.login().get(path).status()).isEqualTo(403);
        assertThat(Api.at(port).get(path).status()).isEqualTo(401);
        assertThat(people.admin().get(path).status()).isEqualTo(200);
    }

    @Test
    void replaysAreRateLimitedLikeTheOtherHeavyAuditEndpoints() {
        Person trader = people.create("trader");
        Api alone = people.create("auditor").login();
        String path = "/api/audit/users/" + trader.id() + "/replay?limit=1";
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(alone.get(path).status());
        }
        assertThat(statuses).containsOnly(200);
        Api.Response refused = alone.get(path);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
    }

    private void refused(String path, int status, String field) {
        Api.Response response = auditor().get(path);
        assertThat(response.status()).as(path + " " + response).isEqualTo(status);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.json().at("/errors/0/field").asText())
                .as(response.toString())
                .isEqualTo(field);
    }

    private JsonNode replay(String path) {
        Api.Response response = auditor().get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private void awaitAuditRow(String userId, String type) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from audit_log where user_id = ? and event_type = ?",
                                Integer.class,
                                userId,
                                type)
                        > 0);
    }

    /** The state of every aggregate after each step: the initial states overlaid with each step's state. */
    private static List<Map<String, JsonNode>> fold(List<JsonNode> initial, List<JsonNode> steps) {
        Map<String, JsonNode> now = new LinkedHashMap<>();
        initial.forEach(state -> now.put(state.get("aggregateId").asText(), state.get("state")));
        List<Map<String, JsonNode>> out = new ArrayList<>();
        for (JsonNode step : steps) {
            JsonNode state = step.get("state");
            if (state != null && !state.isNull()) {
                now.put(state.get("aggregateId").asText(), state.get("state"));
            }
            out.add(new LinkedHashMap<>(now));
        }
        return out;
    }

    private static JsonNode session(Map<String, JsonNode> state, String sessionId) {
        JsonNode session = state.get(sessionId);
        assertThat(session).as("session " + sessionId + " in " + state.keySet()).isNotNull();
        return session;
    }

    private static BigDecimal risk(JsonNode state) {
        return new BigDecimal(state.at("/settings/riskPerTradePct").asText());
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
