package dev.trenddesk.gateway.system;

import java.time.Instant;
import java.util.List;

/**
 * The whole cluster as one node sees it from the shared database (docs/system.md explains each figure).
 *
 * @param answeredBy     the node that built this view
 * @param generatedAt    when (the database's clock)
 * @param eventStoreHead the position of the newest stored event, -1 with none
 * @param exchange       the answering node's exchange health
 * @param rateLimits     the BingX rate-limit buckets of the answering node (each node keeps its own, in memory)
 */
public record SystemView(
        String answeredBy,
        Instant generatedAt,
        long eventStoreHead,
        List<ClusterNode> nodes,
        List<ClusterProcessor> processors,
        List<DeadLetterGroup> deadLetters,
        ExchangeHealth exchange,
        List<RateLimitLevel> rateLimits) {

    public enum NodeStatus {
        /** wrote its row within the last {@code trenddesk.cluster.down-after} */
        UP,
        /** has not written its row for longer: killed, frozen, or cut off from the database */
        DOWN,
        /** shut down gracefully (or is shutting down) */
        STOPPED
    }

    /**
     * @param secondsSinceSeen seconds since the node last wrote its row
     * @param processorsInError names of the event processors that node reports in error
     */
    public record ClusterNode(
            String id,
            NodeStatus status,
            String host,
            long pid,
            List<String> roles,
            String version,
            Instant startedAt,
            Instant lastSeen,
            Instant stoppedAt,
            long secondsSinceSeen,
            List<String> processorsInError) {}

    /**
     * An event processor across the cluster (its segments in {@code token_entry}).
     *
     * @param position  the slowest segment's position (the global index of the last event it handled), -1 when a
     *                  segment has handled none yet
     * @param lag       events stored after the slowest segment's position: {@code eventStoreHead - position}
     * @param claimed   segments some node holds a claim on
     * @param replaying a segment is replaying (rebuilding from an earlier position)
     * @param error     the node holding a segment reports the processor in error
     */
    public record ClusterProcessor(
            String name,
            int segmentCount,
            int claimed,
            long position,
            long lag,
            boolean replaying,
            boolean error,
            List<ProcessorSegment> segments) {}

    /**
     * @param owner    the node id holding the claim, null when unclaimed
     * @param ownerUp  the owner is a registered node that is up
     * @param position the global index of the last event this segment handled, -1 for none
     * @param caughtUp the owner reports the segment caught up with the event store (false when it cannot tell)
     * @param error    the type of the error the owner reports for this segment, null when none
     */
    public record ProcessorSegment(
            int segment,
            String owner,
            boolean ownerUp,
            long position,
            boolean replaying,
            boolean caughtUp,
            String error) {}

    /**
     * Axon's dead-letter queue of one processing group.
     *
     * @param sequences    sequences (e.g. one aggregate's events) held back, each blocking its later events
     * @param letters      dead-lettered events in them
     * @param oldest       when the oldest letter was enqueued
     */
    public record DeadLetterGroup(String processingGroup, long sequences, long letters, Instant oldest) {}

    /**
     * One group of the BingX client's rate-limit buckets on the answering node ({@code ip:market},
     * {@code ip:account}, {@code key:ORDER}, ...: per-key buckets of every API key form one group, no key is shown).
     *
     * @param permits         the emptiest bucket's requests per window
     * @param lowestAvailable requests the emptiest bucket of the group could still send now without waiting
     */
    public record RateLimitLevel(String bucket, int permits, int lowestAvailable) {}

    /**
     * What the answering node's exchange client has seen (each node talks to the exchange itself).
     *
     * @param lastRequest      when the last request completed, whatever its outcome
     * @param lastAnswer       when the exchange last answered (success, refusal or rate limit: it was reachable)
     * @param unreachableSince since when no request got an answer; null when the last one did
     * @param requests         requests completed since this node started
     * @param meanLatencyMillis their mean latency
     * @param maxLatencyMillis the slowest request of the recent past (Micrometer's decaying max)
     * @param rateLimited      refusals for a rate limit (HTTP 429/418) since this node started
     */
    public record ExchangeHealth(
            Instant lastRequest,
            Instant lastAnswer,
            Instant unreachableSince,
            long requests,
            double meanLatencyMillis,
            double maxLatencyMillis,
            long rateLimited) {}
}
