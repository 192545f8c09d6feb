package dev.trenddesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.audit.AdminViewedUserData;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.gateway.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DefaultEventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.serialization.Serializer;
import org.axonframework.tracing.NoOpSpanFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The wake-up of tracking processors (docs/benchmarks/trading.md, "Wake-up"). A processor learns of a new event when
 * a commit in its own process wakes the event store's reader, or when the reader looks again after its fetch delay
 * (Axon's default: one second), and it may sleep out its whole availability timeout (a second) when a wake-up
 * signal is lost. Both fall-backs are bounded here: {@code trenddesk.events.fetch-delay} (100 ms) and
 * {@code trenddesk.events.wake-check} (50 ms).
 */
@IntegrationTest
class EventStoreWakeUpTest {

    @Value("${trenddesk.events.fetch-delay}")
    Duration fetchDelay;

    @Value("${trenddesk.events.wake-check}")
    Duration wakeCheck;

    @Autowired
    DataSource dataSource;

    @Autowired
    Serializer serializer;

    @Autowired
    EventSchema eventSchema;

    /**
     * Events appended by "another node" (a second storage engine on the same database, whose commits never wake this
     * node's reader) reach a stream of this node's event store within the configured fetch delay, not after Axon's
     * second: with a fetch delay of one second the median of 20 such events at random moments is ~500 ms. This
     * node's store is built as the application builds it, over a storage engine of its own, so no commit of the
     * running application wakes it either.
     */
    @Test
    void eventsCommittedByAnotherNodeArriveWithinTheFetchDelay() throws Exception {
        ConnectionProvider connections = () -> {
            java.sql.Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            return connection;
        };
        JdbcEventStorageEngine otherNode = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .schema(eventSchema)
                .build();
        JdbcEventStorageEngine thisNodesEngine = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .schema(eventSchema)
                .build();
        PromptEventStore eventStore = EventStoreConfiguration.promptEventStore(
                thisNodesEngine,
                NoOpMessageMonitor.INSTANCE,
                DefaultEventBusSpanFactory.builder()
                        .spanFactory(NoOpSpanFactory.INSTANCE)
                        .build(),
                fetchDelay,
                wakeCheck);
        String marker = "wake-up test " + UUID.randomUUID();
        Map<String, Instant> appended = new ConcurrentHashMap<>();
        List<Duration> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger seen = new AtomicInteger();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(eventStore.createHeadToken())) {
            Thread reader = new Thread(() -> {
                try {
                    while (reading.get()) {
                        if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                            TrackedEventMessage<?> next = stream.nextAvailable();
                            Instant at = Instant.now();
                            if (next.getPayload() instanceof AdminViewedUserData viewed
                                    && viewed.what().startsWith(marker)) {
                                Instant sent = appended.get(viewed.what());
                                latencies.add(Duration.between(sent, at));
                                seen.incrementAndGet();
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            reader.setDaemon(true);
            reader.start();
            java.util.Random random = new java.util.Random(19);
            for (int i = 0; i < 20; i++) {
                Thread.sleep(150 + random.nextInt(250));
                String what = marker + " #" + i;
                EventMessage<?> event = GenericEventMessage.asEventMessage(new AdminViewedUserData(
                                new UserId(UUID.randomUUID()), new UserId(UUID.randomUUID()), what, Instant.now()))
                        .andMetaData(MetaData.from(Map.of(
                                AxonConfiguration.ACTOR_ID, "system:wake-up-test",
                                AxonConfiguration.ACTOR_ROLE, "system")));
                appended.put(what, Instant.now());
                otherNode.appendEvents(event);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.get() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            reading.set(false);
            reader.join(5_000);
        } finally {
            eventStore.shutDown();
        }
        assertThat(latencies).as("every event reached the stream").hasSize(20);
        List<Duration> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        Duration median = sorted.get(sorted.size() / 2);
        System.out.println("wake-up of another node's events: median " + median.toMillis() + " ms, all " + sorted);
        assertThat(median)
                .as("median latency of another node's events (%s)", sorted)
                .isLessThan(Duration.ofMillis(300));
    }

    /**
     * A lost wake-up signal costs at most one wake check, not the processor's whole wait: a stream that, like Axon's
     * when the reader's signal comes between its look and its wait, sleeps out every wait it is given, is looked at
     * again every step.
     */
    @Test
    void aLostSignalCostsOneWakeCheckNotTheWholeWait() throws Exception {
        DeafStream deaf = new DeafStream(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
        long started = System.nanoTime();
        boolean found = deaf.hasNextAvailable(2, TimeUnit.SECONDS);
        assertThat(found)
                .as("Axon's stream alone: the event is found only after the whole wait")
                .isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

        DeafStream deafAgain = new DeafStream(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
        TrackingEventStream prompt = new PromptEventStore.PromptStream(deafAgain, TimeUnit.MILLISECONDS.toNanos(50));
        started = System.nanoTime();
        assertThat(prompt.hasNextAvailable(2, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    /** A stream whose event is there from {@code availableAt} on, but which notices only at the start of a wait. */
    private static final class DeafStream implements TrackingEventStream {

        private final long availableAt;

        DeafStream(long availableAt) {
            this.availableAt = availableAt;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (System.nanoTime() >= availableAt) {
                return true;
            }
            TimeUnit.NANOSECONDS.sleep(unit.toNanos(timeout));
            return false;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.empty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }
}
