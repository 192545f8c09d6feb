package dev.trenddesk.gateway.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.query.readside.AlertsProjection;
import dev.trenddesk.query.readside.ProjectionWrites;
import dev.trenddesk.query.readside.ProjectionWrites.BatchedInsertFailedException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Batched projection writes (ADR 0021): a rebuild that writes each processor batch's rows with one
 * statement lands on exactly the rows of a rebuild that writes them event by event (every column, the
 * audit chain's hashes included; the reference is a rebuild too, since live the positions and order of
 * events whose transactions committed out of order differ from a replay's); and a batch whose one insert fails is rolled back and handled again
 * event by event, so only the failing event fails (and is dead-lettered by its processor).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchedProjectionWritesTest {

    @LocalServerPort
    int port;

    @Autowired
    EventBus eventBus;

    @Autowired
    EventStore eventStore;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionManager transactionManager;

    @Autowired
    AlertsProjection alerts;

    @Autowired
    ProjectionWrites writes;

    private JdbcTemplate jdbc;
    private People people;
    private Api admin;

    @BeforeAll
    void setUp() {
        jdbc = new JdbcTemplate(dataSource);
        people = new People(port);
        admin = people.admin();
    }

    @Test
    void aRebuildInBatchesWritesTheSameRowsAsARebuildEventByEvent() {
        Person first = people.create("trader");
        Person second = people.create("trader");
        // more events than one rebuild batch of either processor, two users, and one alert id raised
        // twice with different text: the first one stays, in a batch as one by one
        String twice = "batched-twice-" + UUID.randomUUID();
        raise(first, twice, "the first text");
        for (int i = 0; i < 1_100; i++) {
            raise(i % 2 == 0 ? first : second, "batched-" + UUID.randomUUID(), "alert " + i);
        }
        raise(second, twice, "the second text, ignored");
        awaitCaughtUp("alert-views");
        awaitCaughtUp("audit");
        long head = eventStore.createHeadToken().position().orElseThrow();

        // the reference: both projections rebuilt as before batching, each row written as its event is handled
        writes.batched(false);
        try {
            rebuild();
        } finally {
            writes.batched(true);
        }
        List<Map<String, Object>> alertsOneByOne = alertRows(head);
        long lastSeq = seqOf(head);
        List<Map<String, Object>> auditOneByOne = auditRows(lastSeq);
        assertThat(alertsOneByOne).hasSizeGreaterThan(1_100);
        assertThat(auditOneByOne).hasSizeGreaterThan(1_100);
        assertThat(jdbc.queryForObject("select message from alerts_view where alert_id = ?", String.class, twice))
                .isEqualTo("the first text");

        // batched (one statement per processor batch): every row the same, every column, the chain included
        rebuild();
        assertThat(alertRows(head)).isEqualTo(alertsOneByOne);
        assertThat(seqOf(head)).isEqualTo(lastSeq);
        assertThat(auditRows(lastSeq)).isEqualTo(auditOneByOne);
        JsonNode verify = admin.get("/api/audit/verify").json();
        assertThat(verify.get("intact").asBoolean()).as(verify.toString()).isTrue();
    }

    private void rebuild() {
        assertThat(admin.post("/api/admin/projections/alert-views/rebuild", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(admin.post("/api/admin/projections/audit/rebuild", Map.of()).status())
                .isEqualTo(200);
        awaitCaughtUp("alert-views");
        awaitCaughtUp("audit");
    }

    /** The audit seq of the event at this global index. */
    private long seqOf(long globalIndex) {
        return jdbc.queryForObject(
                "select seq from audit_log where event_id = (select event_identifier from domain_event_entry"
                        + " where global_index = ?)",
                Long.class,
                globalIndex);
    }

    @Test
    void aBatchWhoseInsertFailsIsRolledBackAndHandledAgainEventByEvent() {
        Person person = people.create("trader");
        long position = eventStore.createHeadToken().position().orElseThrow() + 1_000_000;
        TrackedEventMessage<?> good = replayed(alert(person, "batched-good-" + UUID.randomUUID(), "OK"), position);
        // a kind longer than the column: the insert fails
        TrackedEventMessage<?> poison =
                replayed(alert(person, "batched-poison-" + UUID.randomUUID(), "K".repeat(100)), position + 1);
        String goodId = ((AlertRaised) good.getPayload()).alertId();

        assertThatThrownBy(() -> handleInOneUnitOfWork(good, poison))
                .as("the batch's one insert fails at commit")
                .hasRootCauseInstanceOf(java.sql.SQLException.class)
                .isInstanceOf(BatchedInsertFailedException.class);
        assertThat(count(goodId)).as("rolled back with its batch").isZero();

        // handled again (as the processor retries the batch): now event by event, each under its savepoint
        handleInOneUnitOfWork(good);
        assertThat(count(goodId)).isEqualTo(1);
        assertThatThrownBy(() -> handleInOneUnitOfWork(poison))
                .as("the poison alone fails, in its handler, where the dead-letter queue takes it")
                .isNotInstanceOf(BatchedInsertFailedException.class)
                .hasRootCauseInstanceOf(java.sql.SQLException.class);
    }

    private void handleInOneUnitOfWork(TrackedEventMessage<?>... messages) {
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(alerts);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(messages[0]);
        unitOfWork.attachTransaction(transactionManager);
        try {
            for (TrackedEventMessage<?> message : messages) {
                adapter.handle(message);
            }
        } catch (Exception e) {
            unitOfWork.rollback(e);
            throw new IllegalStateException(e);
        }
        unitOfWork.commit();
    }

    /** As a rebuild delivers it: tracked with a replay token, so the handler sees a replay. */
    private static TrackedEventMessage<?> replayed(EventMessage<?> event, long position) {
        return new GenericTrackedEventMessage<>(
                ReplayToken.createReplayToken(
                        new GlobalSequenceTrackingToken(position + 10), new GlobalSequenceTrackingToken(position)),
                event);
    }

    private static EventMessage<AlertRaised> alert(Person to, String id, String kind) {
        return GenericEventMessage.asEventMessage(new AlertRaised(
                id,
                UserId.of(to.id()),
                AlertRaised.Severity.INFO,
                kind,
                "batched writes",
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    private void raise(Person to, String id, String message) {
        eventBus.publish(GenericEventMessage.asEventMessage(new AlertRaised(
                id,
                UserId.of(to.id()),
                AlertRaised.Severity.WARNING,
                "BATCHED",
                message,
                Instant.now().truncatedTo(ChronoUnit.MICROS))));
    }

    private long count(String alertId) {
        return jdbc.queryForObject("select count(*) from alerts_view where alert_id = ?", Long.class, alertId);
    }

    private List<Map<String, Object>> alertRows(long upTo) {
        return jdbc.queryForList("select * from alerts_view where event_index <= ? order by alert_id", upTo);
    }

    private List<Map<String, Object>> auditRows(long upTo) {
        return jdbc.queryForList("select * from audit_log where seq <= ? order by seq", upTo);
    }

    private void awaitCaughtUp(String name) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    for (JsonNode processor :
                            admin.get("/api/admin/projections").json()) {
                        if (processor.get("name").asText().equals(name)) {
                            assertThat(processor.get("lag").asLong())
                                    .as(processor.toString())
                                    .isZero();
                            return;
                        }
                    }
                    throw new AssertionError("no processor " + name);
                });
    }
}
