package dev.trenddesk.gateway.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trenddesk.gateway.config.AxonConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Fails when an event's serialized shape changes without a new revision. The snapshot
 * {@code src/test/resources/events/shapes.json} lists every event class, its revision and the shape
 * (JSON paths and types, derived by the storage ObjectMapper) of every revision it has had.
 *
 * <p>After a deliberate change (a new event; a new revision with its upcaster; enum constants added)
 * record it with {@code mvn -B -pl api-gateway -am test -Dtest=EventShapeTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Devents.snapshot.update=true} (or the environment variable
 * {@code EVENTS_SNAPSHOT_UPDATE=true}). The switch never records a changed shape under an unchanged
 * revision, nor forgets an event class: those stay failures (see {@link EventShapeSnapshot}).
 */
class EventShapeTest {

    static final Path SNAPSHOT = Path.of("src", "test", "resources", "events", "shapes.json");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void everyEventsShapeIsRecordedUnderItsRevision() throws IOException {
        boolean update = updateRequested();
        SortedMap<String, EventShapeSnapshot.Entry> recorded = read();
        EventShapeSnapshot.Outcome outcome = EventShapeSnapshot.check(recorded, live(), update);
        if (update && outcome.changed()) {
            Files.writeString(SNAPSHOT, JSON.writeValueAsString(outcome.snapshot()) + "\n", StandardCharsets.UTF_8);
        }
        assertThat(outcome.problems())
                .as("event shapes against " + SNAPSHOT.toAbsolutePath())
                .isEmpty();
    }

    @Test
    void shapesAreJacksonsViewOfTheStoredJson() {
        SortedMap<String, String> started = EventShapes.of(
                AxonConfiguration.storageObjectMapper(),
                dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted.class);
        assertThat(started)
                .containsEntry("sessionId", "string")
                .containsEntry("initialBalance", "number big_decimal")
                .containsEntry("at", "string date-time")
                .containsEntry("settings", "object")
                .containsEntry("settings.leverage", "integer int")
                .containsEntry("settings.positionMode", "string enum HEDGE|ONE_WAY")
                .containsEntry("settings.symbols", "array")
                .containsEntry("settings.symbols[]", "string");
        assertThat(started.get("settings.timeframe")).startsWith("string enum 1m|3m|5m");
    }

    static SortedMap<String, EventShapeSnapshot.Live> live() {
        SortedMap<String, EventShapeSnapshot.Live> live = new TreeMap<>();
        ObjectMapper storage = AxonConfiguration.storageObjectMapper();
        for (Class<?> type : EventCatalog.all()) {
            live.put(
                    type.getName(),
                    new EventShapeSnapshot.Live(EventCatalog.revision(type), EventShapes.of(storage, type)));
        }
        return live;
    }

    static SortedMap<String, EventShapeSnapshot.Entry> read() throws IOException {
        if (!Files.exists(SNAPSHOT)) {
            return new TreeMap<>();
        }
        Map<String, EventShapeSnapshot.Entry> read = JSON.readValue(
                Files.readString(SNAPSHOT, StandardCharsets.UTF_8),
                new TypeReference<Map<String, EventShapeSnapshot.Entry>>() {});
        return new TreeMap<>(read);
    }

    private static boolean updateRequested() {
        return Boolean.parseBoolean(System.getProperty("events.snapshot.update"))
                || Boolean.parseBoolean(System.getenv("EVENTS_SNAPSHOT_UPDATE"));
    }
}
