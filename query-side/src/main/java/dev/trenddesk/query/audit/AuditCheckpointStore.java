package dev.trenddesk.query.audit;

import dev.trenddesk.api.audit.AuditCheckpoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Signed checkpoints of the audit chain's head (ADR 0025), kept in {@code audit_checkpoints}: one per head row at
 * most, whichever node signs it first.
 */
public final class AuditCheckpointStore {

    private AuditCheckpointStore() {}

    /**
     * Signs the chain's head when it is at least {@code minNewRows} rows past the newest checkpoint (1: any new
     * row); empty when there is nothing new enough or no row at all.
     */
    public static Optional<AuditCheckpoint> sign(
            JdbcTemplate jdbc, CheckpointSignatures keys, Instant now, long minNewRows) {
        List<Map<String, Object>> head = jdbc.queryForList("select seq, hash from audit_log order by seq desc limit 1");
        if (head.isEmpty()) {
            return Optional.empty();
        }
        long seq = ((Number) head.getFirst().get("seq")).longValue();
        String hash = (String) head.getFirst().get("hash");
        Long last = jdbc.queryForObject("select max(seq) from audit_checkpoints", Long.class);
        if (last != null && seq - last < Math.max(1, minNewRows)) {
            return Optional.empty();
        }
        Instant at = AuditChain.stored(now);
        AuditCheckpoint checkpoint =
                new AuditCheckpoint(seq, hash, at, keys.keyId(), keys.sign(AuditCheckpoint.signedText(seq, hash, at)));
        int inserted = jdbc.update(
                """
                insert into audit_checkpoints (seq, head_hash, signed_at, key_id, signature) values (?, ?, ?, ?, ?)
                on conflict (seq) do nothing""",
                checkpoint.seq(),
                checkpoint.headHash(),
                Timestamp.from(at),
                checkpoint.keyId(),
                checkpoint.signature());
        return inserted == 1 ? Optional.of(checkpoint) : Optional.empty();
    }

    /** The newest {@code limit} checkpoints, newest first. */
    public static List<AuditCheckpoint> newest(JdbcTemplate jdbc, int limit) {
        return jdbc.query(
                "select * from audit_checkpoints order by seq desc limit ?", (rs, n) -> checkpoint(rs), limit);
    }

    /** Every checkpoint, oldest first. */
    static List<AuditCheckpoint> all(JdbcTemplate jdbc) {
        return jdbc.query("select * from audit_checkpoints order by seq", (rs, n) -> checkpoint(rs));
    }

    private static AuditCheckpoint checkpoint(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AuditCheckpoint(
                rs.getLong("seq"),
                rs.getString("head_hash"),
                rs.getTimestamp("signed_at").toInstant(),
                rs.getString("key_id"),
                rs.getString("signature"));
    }
}
