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
        List<DomainEventMessage<?>> applied = new ArrayList<>();
        String type = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            type = event.getType();
            if (event.getTimestamp().isAfter(at)) {
                break;
            }
            applied.add(event);
        }
        if (type == null) {
            return Optional.empty();
        }
        List<HistoricEvent> events = new ArrayList<>();
        for (DomainEventMessage<?> event : applied) {
            events.add(new HistoricEvent(
                    event.getSequenceNumber(),
                    event.getIdentifier(),
                    event.getTimestamp(),
                    event.getPayloadType().getSimpleName(),
                    meta(event, "actorId"),
                    meta(event, "actorRole"),
                    AuditChain.canonicalJson(event.getPayload())));
        }
        long version = applied.isEmpty() ? -1 : applied.getLast().getSequenceNumber();
        return Optional.of(new AggregateHistory(
                aggregateId, type, at, version, state(type, applied).toString(), events));
    }

    private ObjectNode state(String type, List<DomainEventMessage<?>> events) {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        if (events.isEmpty()) {
            return state;
        }
        AggregateModel<?> model = models.get(type);
        if (model == null) {
            events.forEach(event -> layOver(state, read(AuditChain.canonicalJson(event.getPayload()))));
        } else if (replay(model, events) instanceof AggregateView aggregate) {
            state.setAll((ObjectNode) read(AuditChain.canonicalJson(aggregate.view())));
        }
        DomainEventMessage<?> last = events.getLast();
        state.put("lastEvent", last.getPayloadType().getSimpleName());
        state.put("lastEventAt", last.getTimestamp().toString());
        return state;
    }

    /** The aggregate after its own event sourcing handlers applied the events, oldest first. */
    private static <T> T replay(AggregateModel<T> model, List<DomainEventMessage<?>> events) {
        T root = new GenericAggregateFactory<>(model)
                .createAggregateRoot(events.getFirst().getAggregateIdentifier(), events.getFirst());
        EventSourcedAggregate<T> aggregate =
                EventSourcedAggregate.initialize(root, model, null, NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(DomainEventStream.of(events));
        return aggregate.getAggregateRoot();
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
