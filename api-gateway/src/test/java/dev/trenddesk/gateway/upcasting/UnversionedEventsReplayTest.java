package dev.trenddesk.gateway.upcasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserCommands.RevokeTradingPermission;
import dev.trenddesk.api.user.UserEvent.TradingPermissionGranted;
import dev.trenddesk.api.user.UserEvent.TradingPermissionRevoked;
import dev.trenddesk.api.user.UserEvent.UserRegistered;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.Names;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An event store holding events as the code before revisions wrote them (payload revision null) still
 * replays in the running application: the configured upcaster chain lifts them to revision 1, the
 * aggregate loads from them and decides on its replayed state, and the audit projection reads them.
 */
@IntegrationTest
class UnversionedEventsReplayTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    Configuration axon;

    @Autowired
    Serializer serializer;

    @Test
    void anAccountWhoseEventsHaveNoRevisionLoadsDecidesOnItsHistoryAndIsAudited() {
        UserId id = UserId.random();
        String username = Names.unique("unversioned");
        ObjectNode registered = (ObjectNode)
                StoredEventFixturesTest.Fixture.read("v0/UserRegistered.json").payload();
        registered.put("userId", id.toString()).put("username", username).put("email", username + "@example.com");
        ObjectNode granted = (ObjectNode) StoredEventFixturesTest.Fixture.read("v0/TradingPermissionGranted.json")
                .payload();
        granted.put("userId", id.toString());
        insertAsTheOldCodeDid(id, 0, UserRegistered.class, registered);
        insertAsTheOldCodeDid(id, 1, TradingPermissionGranted.class, granted);

        List<IntermediateEventRepresentation> read = axon.upcasterChain()
                .upcast(storedRows(id).stream().map(row -> new InitialEventRepresentation(row, serializer)))
                .toList();
        assertThat(read)
                .extracting(r -> r.getType().getRevision())
                .as("the application's upcaster chain")
                .containsExactly(
                        EventCatalog.revision(UserRegistered.class),
                        EventCatalog.revision(TradingPermissionGranted.class));

        commands.sendAndWait(new RevokeTradingPermission(id, Instant.now()));
        assertThat(jdbc.queryForList(
                        "select payload_type || '@' || payload_revision from domain_event_entry "
                                + "where aggregate_identifier = ? and sequence_number = 2",
                        String.class,
                        id.toString()))
                .as("permission was granted in the replayed history, so revoking it records an event")
                .containsExactly(TradingPermissionRevoked.class.getName() + "@1");

        List<Object> history = eventStore
                .readEvents(id.toString())
                .asStream()
                .map(m -> (Object) m.getPayload())
                .toList();
        assertThat(history).hasSize(3);
        assertThat(history.get(0)).isInstanceOfSatisfying(UserRegistered.class, event -> assertThat(event.username())
                .isEqualTo(username));
        assertThat(history.get(1)).isInstanceOf(TradingPermissionGranted.class);
        assertThat(history.get(2)).isInstanceOf(TradingPermissionRevoked.class);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                        "select event_type from audit_log where aggregate_id = ? order by aggregate_sequence",
                        String.class,
                        id.toString()))
                .containsExactly("UserRegistered", "TradingPermissionGranted", "TradingPermissionRevoked"));
    }

    /** A row as JdbcEventStorageEngine wrote it before events had revisions: payload_revision null. */
    private void insertAsTheOldCodeDid(UserId id, long sequence, Class<?> type, ObjectNode payload) {
        byte[] metadata = ("{\"actorId\":\"" + id + "\",\"actorRole\":\"admin\",\"clientIp\":\"127.0.0.1\","
                        + "\"traceId\":\"" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        jdbc.update(
                "insert into domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type, "
                        + "time_stamp, aggregate_identifier, sequence_number, type) values (?, ?, ?, null, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(),
                metadata,
                payload.toString().getBytes(StandardCharsets.UTF_8),
                type.getName(),
                Instant.now().toString(),
                id.toString(),
                sequence,
                "UserAccount");
    }

    private List<DomainEventData<byte[]>> storedRows(UserId id) {
        return jdbc.query(
                "select * from domain_event_entry where aggregate_identifier = ? order by sequence_number",
                (rs, n) -> new GenericDomainEventEntry<>(
                        rs.getString("type"),
                        rs.getString("aggregate_identifier"),
                        rs.getLong("sequence_number"),
                        rs.getString("event_identifier"),
                        rs.getString("time_stamp"),
                        rs.getString("payload_type"),
                        rs.getString("payload_revision"),
                        rs.getBytes("payload"),
                        rs.getBytes("meta_data")),
                id.toString());
    }
}
