package dev.trenddesk.api.audit;

import java.time.Instant;
import java.util.List;

/** Questions for the audit log and the event store, for auditors and admins. */
public final class AuditQueries {

    private AuditQueries() {}

    /**
     * A page of audit rows matching {@code filter}, at most {@code limit} rows. Oldest first: seq
     * greater than {@code cursor} (null: from the start); newest first: seq less than {@code cursor}
     * (null: from the end). Answers an {@link AuditPage}.
     */
    public record FindAuditEntries(AuditFilter filter, Long cursor, int limit, boolean newestFirst) {}

    /** Every matching row in chain order, as a stream of {@link AuditEntry} (a streaming query). */
    public record StreamAuditEntries(AuditFilter filter) {}

    /**
     * Walks the whole chain and checks it against every stored checkpoint and, when given, the checkpoint the
     * asker holds ({@code heldSeq} with {@code heldHash}); answers an {@link AuditVerification}.
     */
    public record VerifyAuditChain(Long heldSeq, String heldHash) {}

    /** The newest {@code limit} checkpoints and the signing key; answers {@link AuditCheckpoints}. */
    public record FindAuditCheckpoints(int limit) {}

    /**
     * Signs a checkpoint of the chain's head now, unless the newest one already covers it; answers that
     * {@link AuditCheckpoint}, or null while the log is empty.
     */
    public record SignAuditCheckpoint() {}

    /**
     * The state of one aggregate as of {@code at}, from its events up to and including {@code at}.
     * Answers an {@link AggregateHistory}, or null when the aggregate has no event at all.
     */
    public record FindAggregateHistory(String aggregateId, Instant at) {}

    /**
     * The states a user's replay shows (the audit log's replay of one user, docs/audit.md): {@code steps} are
     * the user's audit rows of one page in chain order, the first of them at audit seq {@code firstSeq}. Every
     * aggregate the user's rows named before {@code firstSeq} is replayed from its first event up to the last
     * of its events among those rows, then each step's aggregate up to the step's event, at most
     * {@code maxEvents} events in all. Answers a {@link UserReplayStates}.
     */
    public record ReplayUserStates(String userId, long firstSeq, List<ReplayStep> steps, int maxEvents) {

        public ReplayUserStates {
            steps = List.copyOf(steps);
        }
    }

    /**
     * One step of a replay: the aggregate its event belongs to and that event's sequence number, or both
     * null for an event of no aggregate.
     */
    public record ReplayStep(String aggregateId, Long aggregateSequence) {}
}
