package dev.trenddesk.gateway.upcasting;

import java.util.List;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * Every upcaster of stored events, in the order they run: the one place a new event revision is
 * registered. Each stored event (from the event store, Axon Server or a snapshot's history) passes
 * through this chain before it is deserialized, so an event written at any past revision reaches the
 * code at its current revision.
 *
 * <p>To change an event's shape: bump its {@code @Revision}, write one {@link RevisionUpcaster} per
 * event type and step (e.g. {@code TradingSessionStartedV1ToV2}) and append it here, after the
 * upcasters of earlier revisions. How, with fixtures and the shape snapshot: docs/events.md.
 */
public final class EventUpcasters {

    private EventUpcasters() {}

    /** Oldest step first; a later step reads what the earlier ones produced. */
    public static List<EventUpcaster> all() {
        return List.of(
                new UnversionedToRevision1(),
                new CredentialsConnectedV1ToV2(),
                new TradingSessionStartedV1ToV2(),
                new CandleClosedV1ToV2(),
                new SignalGeneratedV1ToV2(),
                new UserRegisteredV1ToV2(),
                new TradingSettingsUpdatedV1ToV2(),
                new TradingSessionSettingsChangedV1ToV2(),
                new TradingSessionStartedV2ToV3());
    }

    /** {@link #all()} as one chain, the way the event storage engine applies it. */
    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(all());
    }
}
