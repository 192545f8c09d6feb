package dev.trenddesk.api.audit;

import java.time.Instant;

/**
 * Which audit rows to return; every part is optional (null means "any"), parts combine with AND.
 *
 * @param text case-insensitive substring of the event type or the payload
 * @param from inclusive lower bound on the event time
 * @param to   exclusive upper bound on the event time
 */
public record AuditFilter(
        String userId, String actorId, String aggregateId, String eventType, Instant from, Instant to, String text) {

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null, null, null);
    }
}
