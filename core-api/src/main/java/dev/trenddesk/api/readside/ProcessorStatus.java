package dev.trenddesk.api.readside;

/**
 * One event processor (projection or saga group) on the node that answered.
 *
 * @param lag          events stored but not yet processed (head of the event store minus the
 *                     processor's lowest position), or -1 while it has no position yet
 * @param replaying    true while it rebuilds from zero
 * @param deadLetters  sequences parked in the dead-letter queue for this group
 */
public record ProcessorStatus(
        String name,
        boolean running,
        boolean replaying,
        int claimedSegments,
        long position,
        long lag,
        long deadLetters) {}
