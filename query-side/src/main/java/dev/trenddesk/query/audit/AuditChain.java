package dev.trenddesk.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.trenddesk.api.audit.AuditCheckpoint;
import dev.trenddesk.api.audit.AuditEntry;
import dev.trenddesk.api.audit.AuditVerification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit log's hash chain: the canonical form of a row, its hash, and the walk that checks every
 * link. Each row's hash is SHA-256 over the previous row's hash, a newline, and the canonical row (a
 * JSON array of every column but the hashes, in a fixed order, the payload as canonical JSON with
 * sorted keys). Editing any column of any row, or deleting or inserting a row, breaks the chain at
 * that row: the verifier names the first broken link. Used by the projection, the verify query and
 * the {@code verify-audit} command alike, so all three agree.
 */
public final class AuditChain {

    /** The previous hash of the first row. */
    public static final String GENESIS = "0".repeat(64);

    /** Columns in the order the canonical row lists them. */
    static final String COLUMNS = "seq, event_id, occurred_at, event_type, aggregate_type, aggregate_id, "
            + "aggregate_sequence, user_id, actor_id, actor_role, client_ip, trace_id, payload, previous_hash, hash";

    private static final int PAGE = 5_000;

    /** Canonical JSON: sorted keys, ISO instants, exact decimals; never the web's mapper. */
    static final ObjectMapper CANONICAL = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private AuditChain() {}

    /** The payload as canonical JSON (keys sorted at every level). */
    public static String canonicalJson(Object payload) {
        return write(canonicalTree(payload));
    }

    /** The payload as plain maps, lists and values (decimals exact), which {@link #write} turns into canonical JSON. */
    static Object canonicalTree(Object payload) {
        try {
            return CANONICAL.readValue(CANONICAL.writeValueAsString(payload), Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + payload.getClass().getName() + " as JSON", e);
        }
    }

    /** A canonical tree ({@link #canonicalTree}) as JSON, keys sorted at every level. */
    static String write(Object canonicalTree) {
        try {
            return CANONICAL.writeValueAsString(canonicalTree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the canonical payload as JSON", e);
        }
    }

    /** Time as stored: PostgreSQL keeps microseconds. */
    public static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /** The hash of a row given its predecessor's hash (the row's own hash fields are ignored). */
    public static String hash(AuditEntry row) {
        List<Object> canonical = Arrays.asList(
                row.seq(),
                row.eventId(),
                stored(row.at()).toString(),
                row.eventType(),
                row.aggregateType(),
                row.aggregateId(),
                row.aggregateSequence(),
                row.userId(),
                row.actorId(),
                row.actorRole(),
                row.clientIp(),
                row.traceId(),
                row.payload());
        try {
            String text = row.previousHash() + "\n" + CANONICAL.writeValueAsString(canonical);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash audit row " + row.seq(), e);
        }
    }

    /** Reads one audit_log row (JDBC). */
    public static AuditEntry row(ResultSet rs) throws SQLException {
        long aggregateSequence = rs.getLong("aggregate_sequence");
        Long aggregateSeq = rs.wasNull() ? null : aggregateSequence;
        return new AuditEntry(
                rs.getLong("seq"),
                rs.getString("event_id"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("event_type"),
                rs.getString("aggregate_type"),
                rs.getString("aggregate_id"),
                aggregateSeq,
                rs.getString("user_id"),
                rs.getString("actor_id"),
                rs.getString("actor_role"),
                rs.getString("client_ip"),
                rs.getString("trace_id"),
                rs.getString("payload"),
                rs.getString("previous_hash"),
                rs.getString("hash"));
    }

    /**
     * Walks the chain from seq 1 in pages, and stops at the first broken link: a gap in seq (a row
     * deleted), a previous hash that is not its predecessor's hash, or a hash that does not match
     * the row's content. Then checks it against the signed checkpoints (ADR 0025): every stored one signed by
     * a key of {@code keys} (null: none is checked), and the one the asker holds ({@code heldSeq}, {@code
     * heldHash}; null: none). A checkpoint's row must carry its hash, and a checkpoint beyond the chain's last
     * row shows rows cut off the end, which the chain alone cannot.
     */
    public static AuditVerification verify(
            JdbcTemplate jdbc, CheckpointSignatures keys, Long heldSeq, String heldHash) {
        List<Claim> claims = new ArrayList<>();
        int unverifiable = 0;
        if (keys != null) {
            for (AuditCheckpoint checkpoint : AuditCheckpointStore.all(jdbc)) {
                if (!keys.knows(checkpoint.keyId())) {
                    unverifiable++;
                } else if (!keys.verifies(checkpoint.keyId(), checkpoint.signedText(), checkpoint.signature())) {
                    return new AuditVerification(
                            false,
                            0,
                            checkpoint.seq(),
                            null,
                            "the checkpoint of row " + checkpoint.seq() + " signed at " + checkpoint.signedAt()
                                    + " does not carry a valid signature: the checkpoints were tampered with",
                            0,
                            null,
                            unverifiable);
                } else {
                    claims.add(new Claim(
                            checkpoint.seq(),
                            checkpoint.headHash(),
                            "the checkpoint signed at " + checkpoint.signedAt()));
                }
            }
        }
        if (heldSeq != null) {
            claims.add(new Claim(heldSeq, heldHash, "the checkpoint you hold"));
        }
        claims.sort(Comparator.comparingLong(Claim::seq));
        int checkpoints = claims.size();
        Long latest = claims.isEmpty() ? null : claims.getLast().seq();
        int next = 0;
        long expectedSeq = 1;
        String previousHash = GENESIS;
        long checked = 0;
        while (true) {
            List<AuditEntry> page = new ArrayList<>(PAGE);
            jdbc.query(
                    "select " + COLUMNS + " from audit_log where seq >= ? order by seq limit ?",
                    rs -> {
                        page.add(row(rs));
                    },
                    expectedSeq,
                    PAGE);
            if (page.isEmpty()) {
                if (next < claims.size()) {
                    Claim beyond = claims.getLast();
                    return new AuditVerification(
                            false,
                            checked,
                            expectedSeq,
                            null,
                            "rows " + expectedSeq + " to " + beyond.seq() + " are missing: " + beyond.source()
                                    + " covers the chain up to row " + beyond.seq()
                                    + ", so rows were cut off its end",
                            checkpoints,
                            latest,
                            unverifiable);
                }
                return new AuditVerification(true, checked, null, null, null, checkpoints, latest, unverifiable);
            }
            for (AuditEntry row : page) {
                checked++;
                String problem = null;
                if (row.seq() != expectedSeq) {
                    problem = "row " + expectedSeq + " is missing (deleted) before this row";
                } else if (!row.previousHash().equals(previousHash)) {
                    problem = "previous hash does not match the hash of row " + (expectedSeq - 1);
                } else if (!hash(row).equals(row.hash())) {
                    problem = "content does not match its hash (row edited)";
                }
                while (problem == null
                        && next < claims.size()
                        && claims.get(next).seq() == row.seq()) {
                    Claim claim = claims.get(next++);
                    if (!row.hash().equals(claim.hash())) {
                        problem = "its hash differs from the one " + claim.source()
                                + " records: the chain was rewritten from here or earlier";
                    }
                }
                if (problem != null) {
                    return new AuditVerification(
                            false, checked, row.seq(), row.eventId(), problem, checkpoints, latest, unverifiable);
                }
                previousHash = row.hash();
                expectedSeq++;
            }
        }
    }

    /** What a checkpoint says: row {@code seq} has hash {@code hash}; {@code source} names it in a finding. */
    private record Claim(long seq, String hash, String source) {}
}
