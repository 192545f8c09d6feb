package dev.trenddesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.Node;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Commands to one aggregate from two symmetric nodes (every role) on one database at once. Each node locks an aggregate only against its own threads, so
 * two nodes append to the same event stream concurrently, and the event store's (aggregate id, sequence number)
 * key refuses the second append. The refused command is decided again on the aggregate as it now is
 * ({@link CommandRetryConfiguration}): every request gets its own right answer, no 500, and the aggregate's events
 * are one unbroken sequence holding every change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentCommandsAcrossNodesTest {

    private static final int GRANTS = 24;

    private Node first;
    private Node second;
    private People people;
    private Api onFirst;
    private Api onSecond;

    @BeforeAll
    void startTwoNodes() {
        first = Node.start("trenddesk.database.embedded.data-dir="
                + System.getProperty("trenddesk.test.build-dir", "target") + "/test-postgres/concurrent-commands-"
                + System.nanoTime());
        second = Node.start(
                "spring.datasource.url=" + first.jdbcUrl(),
                "spring.datasource.username="
                        + first.bean(DatabaseEndpoint.class).username(),
                "spring.datasource.password="
                        + first.bean(DatabaseEndpoint.class).password());
        people = new People(first.port());
        onFirst = people.admin();
        onSecond = Api.loggedIn(second.port(), IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
    }

    @AfterAll
    void stopNodes() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void grantsToOneViewerSentToTwoNodesAtOnceAllSucceed() throws Exception {
        Person viewer = people.create("viewer");
        List<Person> traders = new ArrayList<>();
        for (int i = 0; i < GRANTS; i++) {
            traders.add(people.create("trader"));
        }
        List<Api.Response> answers = atOnce(GRANTS, i -> (i % 2 == 0 ? onFirst : onSecond)
                .put(
                        "/api/admin/users/" + viewer.id() + "/grants/"
                                + traders.get(i).id(),
                        null));
        for (int i = 0; i < GRANTS; i++) {
            Api.Response answer = answers.get(i);
            assertThat(answer.status()).as("grant %d: %s", i, answer).isEqualTo(200);
            assertThat(answer.json().get("grantedTraders").toString())
                    .as("grant %d answers the viewer with that trader", i)
                    .contains(traders.get(i).id());
        }

        Set<String> expected = new HashSet<>();
        traders.forEach(trader -> expected.add(trader.id()));
        for (Api node : List.of(onFirst, onSecond)) {
            Set<String> granted = new HashSet<>();
            node.get("/api/admin/users/" + viewer.id())
                    .json()
                    .get("grantedTraders")
                    .forEach(id -> granted.add(id.asText()));
            assertThat(granted).isEqualTo(expected);
        }
        assertUnbrokenSequence(viewer.id());
        assertThat(events(viewer.id(), "ViewerAccessGranted"))
                .as("one grant event per trader, none lost, none twice")
                .isEqualTo(GRANTS);
    }

    /**
     * A trader changes their settings many times at once, half through each node: every request answers 200 with
     * the settings it sent (each waits to read its own write), and each change is one event.
     */
    @Test
    void settingsChangedThroughTwoNodesAtOnceEachAnswerTheirOwn() throws Exception {
        Person trader = people.create("trader");
        Api traderOnFirst = trader.login();
        Api traderOnSecond = traderOnFirst.sameSessionAt(second.port());
        int changes = 16;
        List<Api.Response> answers = atOnce(
                changes, i -> (i % 2 == 0 ? traderOnFirst : traderOnSecond).put("/api/me/settings", settings(10 + i)));
        for (int i = 0; i < changes; i++) {
            Api.Response answer = answers.get(i);
            assertThat(answer.status()).as("change %d: %s", i, answer).isEqualTo(200);
            assertThat(answer.json().get("adxThreshold").decimalValue())
                    .as("change %d answers its own settings", i)
                    .isEqualByComparingTo(BigDecimal.valueOf(10 + i));
        }
        assertUnbrokenSequence(trader.id());
        assertThat(events(trader.id(), "TradingSettingsUpdated"))
                .as("one event per change")
                .isEqualTo(changes);
    }

    private static Map<String, Object> settings(int adxThreshold) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("maxPositions", 2);
        settings.put("riskPerTradePct", new BigDecimal("1.0"));
        settings.put("dailyLossLimitPct", new BigDecimal("5"));
        settings.put("maxDrawdownPct", new BigDecimal("20"));
        settings.put("leverage", 3);
        settings.put("positionMode", "HEDGE");
        settings.put("adxThreshold", adxThreshold);
        settings.put("timeframe", "5m");
        settings.put("signalConfidence", 60);
        settings.put("stopAtr", 2);
        settings.put("takeProfitR", 2);
        settings.put("symbols", List.of("ETH-USDT"));
        return settings;
    }

    /** Sends {@code count} requests at the same moment from 12 threads; their answers in order. */
    private static List<Api.Response> atOnce(int count, IntFunction<Api.Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return request.apply(index);
                }));
            }
            go.countDown();
            List<Api.Response> done = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                done.add(answer.get(90, TimeUnit.SECONDS));
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertUnbrokenSequence(String aggregateId) {
        List<Long> sequence = first.bean(JdbcTemplate.class)
                .queryForList(
                        "select sequence_number from domain_event_entry where aggregate_identifier = ?"
                                + " order by sequence_number",
                        Long.class,
                        aggregateId);
        for (int i = 0; i < sequence.size(); i++) {
            assertThat(sequence.get(i))
                    .as("the aggregate's events are one unbroken sequence")
                    .isEqualTo(i);
        }
    }

    private long events(String aggregateId, String type) {
        return first.bean(JdbcTemplate.class)
                .queryForObject(
                        "select count(*) from domain_event_entry where aggregate_identifier = ?"
                                + " and payload_type like ?",
                        Long.class,
                        aggregateId,
                        "%" + type);
    }
}
