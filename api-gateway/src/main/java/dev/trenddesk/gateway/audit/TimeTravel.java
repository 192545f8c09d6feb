package dev.trenddesk.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.audit.AggregateHistory;
import dev.trenddesk.api.audit.AggregateHistory.HistoricEvent;
import dev.trenddesk.command.AggregateView;
import dev.trenddesk.query.audit.AuditChain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/**
 * Rebuilds the state of an aggregate as of a moment by replaying its events up to then (never a
 * snapshot: the events up to T are the whole story) through the aggregate's own event sourcing
 * handlers, then shows what the aggregate exposes in {@link AggregateView#view()}, with the last
 * event's type and time. There is no second copy of any state change here: a change added to an
 * aggregate appears in time travel as it is (ADR 0016).
 *
 * <p>The aggregate is created with its no-argument constructor and replayed by Axon's
 * {@link EventSourcedAggregate} outside any repository: no command handler runs, nothing is
 * published, no snapshot is taken. An aggregate type with no known class (none today) shows the
 * latest value of each event field instead.
 */
class TimeTravel {

    /** Reads canonical JSON back exactly (decimals stay BigDecimal). */
    private static final ObjectMapper TREE =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final EventStore eventStore;
    private final Map<String, AggregateModel<?>> models = new LinkedHashMap<>();

    /**
     * @param aggregateTypes the aggregate classes, each stored under its simple name (Axon's default type)
     */
    public TimeTravel(EventStore eventStore, Collection<Class<?>> aggregateTypes) {
        this.eventStore = eventStore;
        for (Class<?> type : aggregateTypes) {
            models.put(type.getSimpleName(), model(type));
        }
    }

    public Optional<AggregateHistory> asOf(String aggregateId, Instant at) {
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0);
        List<HistoricEvent> events = new ArrayList<>();
        Replaying replaying = null;
        String type = null;
        long version = -1;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            type = event.getType();
            if (event.getTimestamp().isAfter(at)) {
                break;
            }
            if (replaying == null) {
                replaying = replaying(type);
            }
            replaying.apply(event);
            version = event.getSequenceNumber();
            events.add(new HistoricEvent(
                    event.getSequenceNumber(),
                    event.getIdentifier(),
                    event.getTimestamp(),
                    event.getPayloadType().getSimpleName(),
                    meta(event, "actorId"),
                    meta(event, "actorRole"),
                    AuditChain.canonicalJson(event.getPayload())));
        }
        if (type == null) {
            return Optional.empty();
        }
        String state = replaying == null
                ? JsonNodeFactory.instance.objectNode().toString()
                : replaying.state().toString();
        return Optional.of(new AggregateHistory(aggregateId, type, at, version, state, events));
    }

    /** The event store's events of an aggregate, oldest first, read lazily (batch by batch). */
    DomainEventStream events(String aggregateId) {
        return eventStore.readEvents(aggregateId, 0);
    }

    /** A replay of one aggregate of this type, to be given its events one at a time, oldest first. */
    Replaying replaying(String type) {
        return new Replaying(models.get(type));
    }

    /**
     * One aggregate rebuilt event by event through its own event sourcing handlers (or, for a type with no
     * known class, by laying each event's fields over the last). Holds the aggregate, not its events, so
     * memory stays that of the aggregate however long its history.
     */
    static final class Replaying {

        private final AggregateModel<?> model;
        private final ObjectNode laidOver = JsonNodeFactory.instance.objectNode();
        private EventSourcedAggregate<?> aggregate;
        private DomainEventMessage<?> last;

        private Replaying(AggregateModel<?> model) {
            this.model = model;
        }

        /** Applies the next event of the aggregate. */
        void apply(DomainEventMessage<?> event) {
            if (model == null) {
                layOver(laidOver, read(AuditChain.canonicalJson(event.getPayload())));
            } else {
                if (aggregate == null) {
                    aggregate = start(model, event);
                }
                aggregate.initializeState(DomainEventStream.of(event));
            }
            last = event;
        }

        /** The sequence number of the last event applied, or -1 before the first. */
        long version() {
            return last == null ? -1 : last.getSequenceNumber();
        }

        /** What the aggregate shows now, with its last event's type and time; empty before the first event. */
        ObjectNode state() {
            ObjectNode state = JsonNodeFactory.instance.objectNode();
            if (last == null) {
                return state;
            }
            if (model == null) {
                state.setAll(laidOver.deepCopy());
            } else if (aggregate.getAggregateRoot() instanceof AggregateView view) {
                state.setAll((ObjectNode) read(AuditChain.canonicalJson(view.view())));
            }
            state.put("lastEvent", last.getPayloadType().getSimpleName());
            state.put("lastEventAt", last.getTimestamp().toString());
            return state;
        }
    }

    /**
     * The aggregate created from its first event with its no-argument constructor, outside any repository,
     * ready to be given its events through its own event sourcing handlers.
     */
    private static <T> EventSourcedAggregate<T> start(AggregateModel<T> model, DomainEventMessage<?> first) {
        T root = new GenericAggregateFactory<>(model).createAggregateRoot(first.getAggregateIdentifier(), first);
        return EventSourcedAggregate.initialize(root, model, null, NoSnapshotTriggerDefinition.TRIGGER);
    }

    /**
     * The aggregate's model with its event sourcing handlers. Its command handlers ask for services
     * (a directory, the key vault) after the message that time travel has not got and never calls: such
     * a parameter, one no Axon resolver knows, makes its handler match no message.
     */
    private static <T> AggregateModel<T> model(Class<T> type) {
        ParameterResolverFactory unavailable =
                (executable, parameters, index) -> index == 0 ? null : Unavailable.SERVICE;
        return AnnotatedAggregateMetaModelFactory.inspectAggregate(
                type, new MultiParameterResolverFactory(ClasspathParameterResolverFactory.forClass(type), unavailable));
    }

    /** A command handler's service: never there, so its handler matches nothing. */
    private enum Unavailable implements ParameterResolver<Object> {
        SERVICE;

        @Override
        public Object resolveParameterValue(Message<?> message) {
            throw new IllegalStateException("time travel runs no command handler");
        }

        @Override
        public boolean matches(Message<?> message) {
            return false;
        }
    }

    /** Every field of the event but its time replaces the state's field of that name. */
    private static void layOver(ObjectNode state, JsonNode fields) {
        Iterator<Map.Entry<String, JsonNode>> it = fields.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("at")) {
                state.set(field.getKey(), field.getValue());
            }
        }
    }

    private static JsonNode read(String canonicalJson) {
        try {
            return TREE.readTree(canonicalJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON", e);
        }
    }

    private static String meta(DomainEventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
