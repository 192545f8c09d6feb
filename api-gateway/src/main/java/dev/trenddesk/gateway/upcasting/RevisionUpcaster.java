package dev.trenddesk.gateway.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.Function;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * One step of one event type: the stored JSON of {@code eventType} at {@code fromRevision} becomes its
 * JSON at {@code toRevision}. A subclass only says how the payload changes, e.g. adding a field with
 * the value old events implicitly had:
 *
 * <pre>{@code
 * final class TradingSessionStartedV1ToV2 extends RevisionUpcaster {
 *     TradingSessionStartedV1ToV2() {
 *         super(TradingSessionStarted.class, "1", "2");
 *     }
 *
 *     protected ObjectNode upcastPayload(ObjectNode payload) {
 *         ((ObjectNode) payload.get("settings")).put("strategy", "ADX");
 *         return payload;
 *     }
 * }
 * }</pre>
 *
 * Metadata, identifier, timestamp and aggregate of the event stay as they were.
 */
abstract class RevisionUpcaster extends SingleEventUpcaster {

    private final String payloadType;
    private final String fromRevision;
    private final String toRevision;

    protected RevisionUpcaster(Class<?> eventType, String fromRevision, String toRevision) {
        this(eventType.getName(), fromRevision, toRevision);
    }

    /** For an event type whose class was renamed or removed: its name as stored. */
    protected RevisionUpcaster(String payloadType, String fromRevision, String toRevision) {
        this.payloadType = Objects.requireNonNull(payloadType, "payload type");
        this.fromRevision = Objects.requireNonNull(fromRevision, "from revision");
        this.toRevision = Objects.requireNonNull(toRevision, "to revision");
        if (fromRevision.equals(toRevision)) {
            throw new IllegalArgumentException(
                    payloadType + ": an upcaster must change the revision (" + fromRevision + ")");
        }
    }

    /** The payload at {@code toRevision}; may change and return {@code payload} itself. */
    protected abstract ObjectNode upcastPayload(ObjectNode payload);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return payloadType.equals(representation.getType().getName())
                && fromRevision.equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcast(
                new SimpleSerializedType(payloadType, toRevision),
                ObjectNode.class,
                this::upcastPayload,
                Function.identity());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + payloadType + " " + fromRevision + " -> " + toRevision + "]";
    }
}
