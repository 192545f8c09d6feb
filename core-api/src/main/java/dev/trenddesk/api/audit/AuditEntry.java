package dev.trenddesk.api.audit;

import java.time.Instant;

/**
 * One row of the audit log: one stored event with who caused it and its link in the hash chain.
 *
 * @param seq               position in the chain (1, 2, 3, ...), also the pagination cursor
 * @param eventId           Axon's event identifier
 * @param at                when the event happened (microsecond precision, as stored)
 * @param eventType         the payload's simple type name, e.g. {@code UserRegistered}
 * @param aggregateType     null for events without an aggregate (market, alerts, admin views)
 * @param aggregateSequence the event's sequence number within its aggregate, or null
 * @param userId            the user the event concerns, or null (market events)
 * @param payload           the event as canonical JSON (keys sorted; secrets are never in events)
 * @param previousHash      hash of the row before (64 zeros for the first row)
 * @param hash              SHA-256 over the previous hash and the canonical row, hex
 */
public record AuditEntry(
        long seq,
        String eventId,
        Instant at,
        String eventType,
        String aggregateType,
        String aggregateId,
        Long aggregateSequence,
        String userId,
        String actorId,
        String actorRole,
        String clientIp,
        String traceId,
        String payload,
        String previousHash,
        String hash) {}
