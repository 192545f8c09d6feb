package dev.trenddesk.api.plan;

import java.time.Instant;

/**
 * One change of a trader's subscription, newest first in answers.
 *
 * @param kind    ASSIGNED, PAYMENT or CANCELLED
 * @param summary what changed, in words (plan names, amount and reference, period)
 * @param reference a payment's reference (an invoice number, unique per trader); null for other changes
 * @param actorId   who did it (the event's metadata)
 */
public record PlanHistoryEntry(
        Instant at, String kind, String planId, String summary, String reason, String reference, String actorId) {}
