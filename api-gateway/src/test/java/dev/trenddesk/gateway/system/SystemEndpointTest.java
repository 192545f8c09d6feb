package dev.trenddesk.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.bingx.ratelimit.RateLimit;
import dev.trenddesk.bingx.ratelimit.RateLimiterRegistry;
import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.Node;
import dev.trenddesk.gateway.support.People;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * /api/admin/system across two nodes on one database: both listed, who owns which segment, a node that stops
 * writing its row shown down, a gracefully stopped one shown stopped, the lag of a processor that is behind, dead
 * letters, and the same figures as gauges.
 */
class SystemEndpointTest {

    private static final String[] FAST = {"trenddesk.cluster.heartbeat-interval=1s", "trenddesk.cluster.down-after=3s"};

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static JsonNode node(JsonNode view, String id) {
        return StreamSupport.stream(view.get("nodes").spliterator(), false)
                .filter(n -> n.get("id").asText().equals(id))
                .findFirst()
                .orElse(null);
    }

    private static JsonNode processor(JsonNode view, String name) {
        return StreamSupport.stream(view.get("processors").spliterator(), false)
                .filter(p -> p.get("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no processor " + name + " in " + view));
    }

    @Test
    void theClusterAsTheAdminSeesIt() {
        String dataDir = "trenddesk.database.embedded.data-dir="
                + System.getProperty("trenddesk.test.build-dir", "target") + "/test-postgres/system-"
                + System.nanoTime();
        try (Node a = Node.start(with(FAST, dataDir, "trenddesk.node.id=system-a"))) {
            DatabaseEndpoint db = a.bean(DatabaseEndpoint.class);
            Node b = Node.start(with(
                    FAST,
                    "spring.datasource.url=" + a.jdbcUrl(),
                    "spring.datasource.username=" + db.username(),
                    "spring.datasource.password=" + db.password(),
                    "trenddesk.roles=command,query,gateway",
                    "trenddesk.node.id=system-b"));
            Api admin = Api.loggedIn(a.port(), IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
            JdbcTemplate jdbc = a.bean(JdbcTemplate.class);

            // both nodes up, each with its roles; every claimed segment is held by one of them
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode view = admin.get("/api/admin/system").json();
                assertThat(view.get("answeredBy").asText()).isEqualTo("system-a");
                assertThat(node(view, "system-a").get("status").asText()).isEqualTo("UP");
                assertThat(node(view, "system-b").get("status").asText()).isEqualTo("UP");
                assertThat(node(view, "system-b").get("roles").toString())
                        .isEqualTo("[\"command\",\"gateway\",\"query\"]");
                List<String> owners = new ArrayList<>();
                view.get("processors").forEach(p -> p.get("segments").forEach(s -> {
                    if (s.hasNonNull("owner")) {
                        owners.add(s.get("owner").asText());
                        assertThat(s.get("ownerUp").asBoolean()).isTrue();
                    }
                }));
                assertThat(owners).isNotEmpty().allMatch(o -> o.equals("system-a") || o.equals("system-b"));
                assertThat(owners).contains("system-a");
                assertThat(processor(view, "users").get("segmentCount").asInt()).isPositive();
            });
            // the same view on the other node, and as a stream
            assertThat(Api.loggedIn(b.port(), IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD)
                            .get("/api/admin/system")
                            .json()
                            .get("answeredBy")
                            .asText())
                    .isEqualTo("system-b");
            Api.Response stream = admin.get("/api/admin/system/stream?follow=false");
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.body()).startsWith("event:system").contains("\"system-a\"");

            // a node killed without a shutdown stops writing its row: up at first, then down after down-after (3 s)
            jdbc.update("insert into cluster_nodes (node_id, host, pid, roles, version, started_at, last_seen)"
                    + " values ('system-killed', 'elsewhere', 1, 'saga', 'development', now(), now())");
            assertThat(node(admin.get("/api/admin/system").json(), "system-killed")
                            .get("status")
                            .asText())
                    .isEqualTo("UP");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode killed = node(admin.get("/api/admin/system").json(), "system-killed");
                assertThat(killed.get("status").asText()).isEqualTo("DOWN");
                assertThat(killed.get("secondsSinceSeen").asLong()).isGreaterThanOrEqualTo(3);
            });

            // a node shut down gracefully says so at once
            b.close();
            JsonNode afterB = admin.get("/api/admin/system").json();
            assertThat(node(afterB, "system-b").get("status").asText()).isEqualTo("STOPPED");
            assertThat(node(afterB, "system-b").hasNonNull("stoppedAt")).isTrue();

            // a processor that is stopped while events are stored falls behind: its lag is what it has not handled
            EventProcessingConfiguration processing = a.bean(EventProcessingConfiguration.class);
            StreamingEventProcessor audit = processing
                    .eventProcessor("audit", StreamingEventProcessor.class)
                    .orElseThrow();
            audit.shutDown();
            new People(a.port()).create("trader");
            new People(a.port()).create("viewer");
            JsonNode behind = processor(admin.get("/api/admin/system").json(), "audit");
            assertThat(behind.get("lag").asLong()).isPositive();
            assertThat(behind.get("claimed").asInt()).isZero();
            JsonNode view = admin.get("/api/admin/system").json();
            assertThat(behind.get("lag").asLong())
                    .isEqualTo(view.get("eventStoreHead").asLong()
                            - behind.get("position").asLong());

            // a dead letter in the users group is counted
            @SuppressWarnings("unchecked")
            SequencedDeadLetterQueue<EventMessage<?>> queue =
                    (SequencedDeadLetterQueue<EventMessage<?>>) (SequencedDeadLetterQueue<?>)
                            processing.deadLetterQueue("users").orElseThrow();
            queue.enqueue(
                    "system-test-sequence",
                    new GenericDeadLetter<EventMessage<?>>(
                            "system-test-sequence",
                            GenericEventMessage.asEventMessage("a test letter"),
                            new IllegalStateException("test letter")));
            JsonNode letters = StreamSupport.stream(
                            admin.get("/api/admin/system")
                                    .json()
                                    .get("deadLetters")
                                    .spliterator(),
                            false)
                    .filter(g -> g.get("processingGroup").asText().equals("users"))
                    .findFirst()
                    .orElseThrow();
            assertThat(letters.get("sequences").asLong()).isEqualTo(1);
            assertThat(letters.get("letters").asLong()).isEqualTo(1);
            assertThat(letters.hasNonNull("oldest")).isTrue();

            // this node's rate-limit headroom, per-key buckets grouped by category without the key; exchange health
            assertThat(admin.get("/api/admin/system").json().get("exchange").has("requests"))
                    .isTrue();
            RateLimiterRegistry.shared()
                    .bucket("key:system-test-key:SYSTEM_TEST", new RateLimit(5, Duration.ofHours(1)))
                    .acquire()
                    .block();
            JsonNode headroom = StreamSupport.stream(
                            admin.get("/api/admin/system")
                                    .json()
                                    .get("rateLimits")
                                    .spliterator(),
                            false)
                    .filter(l -> l.get("bucket").asText().equals("key:SYSTEM_TEST"))
                    .findFirst()
                    .orElseThrow();
            assertThat(headroom.get("permits").asInt()).isEqualTo(5);
            assertThat(headroom.get("lowestAvailable").asInt()).isEqualTo(4);
            assertThat(headroom.toString()).doesNotContain("system-test-key");

            // the same figures as gauges
            a.bean(SystemMetrics.class).refresh();
            MeterRegistry meters = a.bean(MeterRegistry.class);
            assertThat(meters.get(SystemMetrics.PROCESSOR_LAG)
                            .tag("processor", "audit")
                            .gauge()
                            .value())
                    .isPositive();
            assertThat(meters.get(SystemMetrics.DEAD_LETTERS)
                            .tag("group", "users")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
        }
    }
}
