package dev.trenddesk.api.audit;

import java.time.Instant;
import java.util.Set;

/**
 * Which audit rows to return; every part is optional (null means "any"), parts combine with AND.
 *
 * @param user       the user the row concerns: a user id, or a username (resolved against the users read
 *                   model; an unknown username matches no row)
 * @param actorId    who caused the row: an actor id, or the username of a user who did
 * @param text       case-insensitive substring of the event type or the payload
 * @param from       inclusive lower bound on the event time
 * @param to         exclusive upper bound on the event time
 * @param categories the categories to show (see {@link AuditCategory}), or null for every category
 */
public record AuditFilter(
        String user,
        String actorId,
        String aggregateId,
        String eventType,
        Instant from,
        Instant to,
        String text,
        Set<AuditCategory> categories) {

    public AuditFilter {
        categories = categories == null ? null : Set.copyOf(categories);
    }

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null, null, null, null);
    }
}
