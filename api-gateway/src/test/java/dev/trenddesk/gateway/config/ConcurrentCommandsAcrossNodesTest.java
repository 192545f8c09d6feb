package dev.trenddesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.Node;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Commands to one aggregate from two nodes at once. Each node locks an aggregate only against its own threads, so
 * two nodes append to the same event stream concurrently, and the event store's (aggregate id, sequence number)
 * key refuses the second append. The refused command is decided again on the aggregate as it now is
 * ({@link CommandRetryConfiguration}): every request gets its own right answer, no 500, and the aggregate's events
 * are one unbroken sequence holding every change.
 */
class ConcurrentCommandsAcrossNodesTest {

    private static final int GRANTS = 24;

    @Test
    void grantsToOneViewerSentToTwoNodesAtOnceAllSucceed() throws Exception {
        String dataDir = "trenddesk.database.embedded.data-dir="
                + System.getProperty("trenddesk.test.build-dir", "target") + "/test-postgres/concurrent-commands-"
                + System.nanoTime();
        try (Node first = Node.start(dataDir);
                Node second = Node.start(
                        "spring.datasource.url=" + first.jdbcUrl(),
                        "spring.datasource.username="
                                + first.bean(DatabaseEndpoint.class).username(),
                        "spring.datasource.password="
                                + first.bean(DatabaseEndpoint.class).password(),
                        "trenddesk.roles=command,query,gateway")) {
            People people = new People(first.port());
            Person viewer = people.create("viewer");
            List<Person> traders = new ArrayList<>();
            for (int i = 0; i < GRANTS; i++) {
                traders.add(people.create("trader"));
            }
            Api onFirst = people.admin();
            Api onSecond = Api.loggedIn(second.port(), IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);

            ExecutorService pool = Executors.newFixedThreadPool(12);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Response>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < GRANTS; i++) {
                    Api node = i % 2 == 0 ? onFirst : onSecond;
                    String path = "/api/admin/users/" + viewer.id() + "/grants/"
                            + traders.get(i).id();
                    answers.add(pool.submit(() -> {
                        go.await();
                        return node.put(path, null);
                    }));
                }
                go.countDown();
                for (int i = 0; i < GRANTS; i++) {
                    Api.Response answer = answers.get(i).get(60, TimeUnit.SECONDS);
                    assertThat(answer.status()).as("grant %d: %s", i, answer).isEqualTo(200);
                    assertThat(answer.json().get("grantedTraders").toString())
                            .as("grant %d answers the viewer with that trader", i)
                            .contains(traders.get(i).id());
                }
            } finally {
                pool.shutdownNow();
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
            JdbcTemplate jdbc = first.bean(JdbcTemplate.class);
            List<Long> sequence = jdbc.queryForList(
                    "select sequence_number from domain_event_entry where aggregate_identifier = ?"
                            + " order by sequence_number",
                    Long.class,
                    viewer.id());
            for (int i = 0; i < sequence.size(); i++) {
                assertThat(sequence.get(i))
                        .as("the viewer's events are one unbroken sequence")
                        .isEqualTo(i);
            }
            Long grantedEvents = jdbc.queryForObject(
                    "select count(*) from domain_event_entry where aggregate_identifier = ?"
                            + " and payload_type like '%ViewerAccessGranted'",
                    Long.class, viewer.id());
            assertThat(grantedEvents)
                    .as("one grant event per trader, none lost, none twice")
                    .isEqualTo(GRANTS);
        }
    }
}
