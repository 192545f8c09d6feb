package dev.trenddesk.api.audit;

import java.time.Instant;
import java.util.List;

/**
 * Time travel: an aggregate's state as of a moment, rebuilt from its events up to that moment,
 * with those events.
 *
 * @param version the sequence number of the last event applied, or -1 when none happened by then
 * @param state   the rebuilt state as a JSON object
 * @param events  the events applied, oldest first
 */
public record AggregateHistory(
        String aggregateId,
        String aggregateType,
        Instant asOf,
        long version,
        String state,
        List<HistoricEvent> events) {

    public AggregateHistory {
        events = List.copyOf(events);
    }

    /** One event of the aggregate as stored: its type, time, who caused it and its payload as JSON. */
    public record HistoricEvent(
            long sequence,
            String eventId,
            Instant at,
            String eventType,
            String actorId,
            String actorRole,
            String payload) {}
}
