package dev.trenddesk.command.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session cache with Axon's caching repository (docs/adr/0020-trading-session-cache.md): a session held in
 * memory is used only while it is as new as the event store; one that another node changed is read anew, and one
 * that another node changes between that check and the append fails on the (aggregate, sequence) key, leaves the
 * cache and is decided again on the stored state when the command is retried.
 */
class SessionCacheTest {

    private static final String ID = "session-1";

    private DuplicateRefusingEngine engine;
    private AtomicInteger storeReads;
    private AtomicReference<Runnable> afterCheck;
    private SessionCache cache;
    private EventSourcingRepository<Tally> repository;

    @BeforeEach
    void setUp() {
        storeReads = new AtomicInteger();
        engine = new DuplicateRefusingEngine(storeReads);
        afterCheck = new AtomicReference<>();
        Function<String, Optional<Long>> lastSequence = id -> {
            Optional<Long> stored = engine.lastSequenceNumberFor(id);
            Runnable race = afterCheck.getAndSet(null);
            if (race != null) {
                race.run();
            }
            return stored;
        };
        cache = new SessionCache(100, lastSequence);
        EmbeddedEventStore store =
                EmbeddedEventStore.builder().storageEngine(engine).build();
        repository = EventSourcingRepository.builder(Tally.class)
                .eventStore(store)
                .cache(cache)
                .build();
        inUnitOfWork(() -> {
            try {
                repository.newInstance(() -> new Tally(ID));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aSessionAsNewAsTheStoreIsTakenFromMemory() {
        int readsBefore = storeReads.get();
        add();
        add();
        assertThat(storeReads.get()).as("no read of the session's events").isEqualTo(readsBefore);
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(totals()).containsExactly(0, 1, 2);
    }

    @Test
    void aSessionAnotherNodeChangedIsReadAnew() {
        anotherNodeAppends(1, 1);
        add();
        assertThat(cache.stale()).isEqualTo(1);
        assertThat(totals()).as("decided on the other node's event").containsExactly(0, 1, 2);
    }

    @Test
    void aChangeBetweenTheCheckAndTheAppendCollidesLeavesTheCacheAndTheRetryDecidesOnTheStoredState() {
        afterCheck.set(() -> anotherNodeAppends(1, 1));
        assertThatThrownBy(this::add).isInstanceOf(ConcurrencyException.class);
        assertThat(cache.containsKey(ID))
                .as("the rolled-back session left the cache")
                .isFalse();

        add(); // what the command gateway's retry on a ConcurrencyException does
        assertThat(totals())
                .as("one event per sequence number, the retry counted the other node's")
                .containsExactly(0, 1, 2);
    }

    @Test
    void aCommandThatRollsBackLeavesTheCache() {
        assertThatThrownBy(() -> inUnitOfWork(() -> {
                    repository.load(ID).execute(Tally::add);
                    throw new IllegalStateException("the handler's transaction fails");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(cache.containsKey(ID)).isFalse();
        add();
        assertThat(totals()).containsExactly(0, 1);
    }

    @Test
    void theLeastRecentlyUsedSessionGoesFirst() {
        SessionCache small = new SessionCache(2, id -> Optional.empty());
        small.put("a", "A");
        small.put("b", "B");
        small.put("a", "A again");
        small.put("c", "C");
        assertThat(small.size()).isEqualTo(2);
        assertThat(small.containsKey("a")).isTrue();
        assertThat(small.containsKey("b")).as("least recently used").isFalse();
        assertThat(small.containsKey("c")).isTrue();
    }

    private void add() {
        inUnitOfWork(() -> repository.load(ID).execute(Tally::add));
    }

    private void anotherNodeAppends(long sequence, int total) {
        engine.appendEvents(new GenericDomainEventMessage<>("Tally", ID, sequence, new Added(ID, total)));
    }

    private List<Integer> totals() {
        DomainEventStream events = engine.readEvents(ID);
        return events.asStream()
                .map(DomainEventMessage::getPayload)
                .map(payload -> payload instanceof Added added ? added.total() : 0)
                .toList();
    }

    private static void inUnitOfWork(Runnable work) {
        DefaultUnitOfWork.startAndGet(null).execute(work);
    }

    record Started(String id) {}

    record Added(String id, int total) {}

    /** A small event-sourced aggregate whose every decision depends on its state: the next total. */
    static class Tally {

        @AggregateIdentifier
        private String id;

        private int total;

        Tally() {}

        Tally(String id) {
            apply(new Started(id));
        }

        void add() {
            apply(new Added(id, total + 1));
        }

        @EventSourcingHandler
        void on(Started event) {
            id = event.id();
        }

        @EventSourcingHandler
        void on(Added event) {
            total = event.total();
        }
    }

    /** Refuses a second event with an aggregate's sequence number, as the event table's unique key does. */
    static class DuplicateRefusingEngine extends InMemoryEventStorageEngine {

        private final AtomicInteger aggregateReads;

        DuplicateRefusingEngine(AtomicInteger aggregateReads) {
            this.aggregateReads = aggregateReads;
        }

        private final ThreadLocal<Boolean> sequenceLookup = ThreadLocal.withInitial(() -> false);

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            if (!sequenceLookup.get()) {
                aggregateReads.incrementAndGet();
            }
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        /** The store's one-row lookup of the last sequence number (this in-memory engine reads the events for it). */
        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            sequenceLookup.set(true);
            try {
                return super.lastSequenceNumberFor(aggregateIdentifier);
            } finally {
                sequenceLookup.set(false);
            }
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> refuseDuplicates(events));
            } else {
                refuseDuplicates(events);
            }
            super.appendEvents(events);
        }

        private void refuseDuplicates(List<? extends EventMessage<?>> events) {
            for (EventMessage<?> event : events) {
                if (event instanceof DomainEventMessage<?> domain
                        && lastSequenceNumberFor(domain.getAggregateIdentifier())
                                .filter(last -> last >= domain.getSequenceNumber())
                                .isPresent()) {
                    throw new ConcurrencyException(
                            "duplicate key: " + domain.getAggregateIdentifier() + " / " + domain.getSequenceNumber());
                }
            }
        }
    }
}
