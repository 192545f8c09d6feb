package dev.trenddesk.api.audit;

import java.time.Instant;

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
}
