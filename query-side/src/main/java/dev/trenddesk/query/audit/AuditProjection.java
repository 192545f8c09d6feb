package dev.trenddesk.query.audit;

import dev.trenddesk.api.audit.AuditEntry;
import dev.trenddesk.query.readside.BatchInsert;
import dev.trenddesk.query.readside.ProjectionWrites;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stores every event in audit_log with who caused it and its link in the hash chain. The
 * processing group runs one segment, so rows follow the event store's global order and a rebuild
 * from zero produces the very same chain. Writes with JDBC inside Axon's unit of work (ADR 0004): each
 * handled event's row is prepared (canonical payload, who, what) as it is handled, and right before the
 * batch's transaction commits the rows are chained in handling order and inserted with one statement
 * (ADR 0021), so a batch of 250 events costs one existence query and one insert instead of 500
 * statements. An event already stored (a redelivery) is skipped, so the chain never gets a link twice.
 */
@Component
@ProcessingGroup(AuditProjection.GROUP)
public class AuditProjection {

    public static final String GROUP = "audit";

    private static final String ACTOR_ID = "actorId";
    private static final String ACTOR_ROLE = "actorRole";
    private static final String CLIENT_IP = "clientIp";
    private static final String TRACE_ID = "traceId";

    /** The unit of work's resource: the rows of the batch, chained and inserted right before it commits. */
    private static final String PENDING = AuditProjection.class.getName() + ".pending";

    private final JdbcTemplate jdbc;
    private volatile Link lastLink;

    private final ProjectionWrites writes;

    public AuditProjection(JdbcTemplate jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        Object tree = AuditChain.canonicalTree(payload);
        String json = AuditChain.write(tree);
        String aggregateType = null;
        String aggregateId = null;
        Long aggregateSequence = null;
        if (message instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
            aggregateType = domain.getType();
            aggregateId = domain.getAggregateIdentifier();
            aggregateSequence = domain.getSequenceNumber();
        }
        AuditEntry unchained = new AuditEntry(
                0,
                message.getIdentifier(),
                AuditChain.stored(message.getTimestamp()),
                message.getPayloadType().getSimpleName(),
                aggregateType,
                aggregateId,
                aggregateSequence,
                userConcerned(tree),
                meta(message, ACTOR_ID),
                meta(message, ACTOR_ROLE),
                meta(message, CLIENT_IP),
                meta(message, TRACE_ID),
                json,
                null,
                null);
        if (!CurrentUnitOfWork.isStarted() || !writes.batched()) {
            // driven outside a processor (no unit of work), or batched writes turned off: chained and
            // written at once, alone
            append(List.of(unchained));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        List<AuditEntry> pending = unitOfWork.getOrComputeResource(PENDING, key -> {
            List<AuditEntry> rows = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> append(rows));
            unitOfWork.onRollback(rolledBack -> lastLink = null);
            return rows;
        });
        pending.add(unchained);
    }

    /**
     * Chains {@code rows} (in the order the processor handled their events) after the last link and
     * inserts them in one statement. An event already in the log (a redelivery), or twice among the
     * rows, is skipped, so the chain never gets a link twice: the same rule, checked once per batch,
     * as checking each event before its insert.
     */
    private void append(List<AuditEntry> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Set<String> skip = new HashSet<>(
                jdbc.queryForList("select event_id from audit_log where event_id = any(?)", String.class, (Object)
                        rows.stream().map(AuditEntry::eventId).toArray(String[]::new)));
        Link previous = last();
        List<Object[]> values = new ArrayList<>(rows.size());
        for (AuditEntry row : rows) {
            if (!skip.add(row.eventId())) {
                continue;
            }
            AuditEntry chained = chain(row, previous);
            values.add(new Object[] {
                chained.seq(),
                chained.eventId(),
                Timestamp.from(chained.at()),
                chained.eventType(),
                chained.aggregateType(),
                chained.aggregateId(),
                chained.aggregateSequence(),
                chained.userId(),
                chained.actorId(),
                chained.actorRole(),
                chained.clientIp(),
                chained.traceId(),
                chained.payload(),
                chained.previousHash(),
                chained.hash()
            });
            previous = new Link(chained.seq(), chained.hash());
        }
        if (values.isEmpty()) {
            return;
        }
        BatchInsert.insert(jdbc, "insert into audit_log (" + AuditChain.COLUMNS + ")", 15, "", values);
        lastLink = previous;
    }

    /** The row as the link after {@code previous}: its seq, previous hash and hash. */
    static AuditEntry chain(AuditEntry row, Link previous) {
        AuditEntry linked = linked(row, previous.seq() + 1, previous.hash(), null);
        return linked(linked, linked.seq(), linked.previousHash(), AuditChain.hash(linked));
    }

    private static AuditEntry linked(AuditEntry row, long seq, String previousHash, String hash) {
        return new AuditEntry(
                seq,
                row.eventId(),
                row.at(),
                row.eventType(),
                row.aggregateType(),
                row.aggregateId(),
                row.aggregateSequence(),
                row.userId(),
                row.actorId(),
                row.actorRole(),
                row.clientIp(),
                row.traceId(),
                row.payload(),
                previousHash,
                hash);
    }

    /** The chain's last link: seq and hash (seq 0 and the genesis hash for an empty log). */
    record Link(long seq, String hash) {}

    /**
     * The last link, remembered between events of a batch instead of read for every event. It is
     * forgotten when the unit of work rolls back; and should another node have appended meanwhile,
     * the insert at seq + 1 hits the primary key, the batch rolls back and the link is read again,
     * so a stale link can never be chained to.
     */
    private Link last() {
        Link cached = lastLink;
        if (cached != null) {
            return cached;
        }
        List<Map<String, Object>> rows = jdbc.queryForList("select seq, hash from audit_log order by seq desc limit 1");
        return rows.isEmpty()
                ? new Link(0, AuditChain.GENESIS)
                : new Link(((Number) rows.get(0).get("seq")).longValue(), (String)
                        rows.get(0).get("hash"));
    }

    /**
     * A rebuild chains the rows anew (their order, hence their seq and hashes, may differ), so the checkpoints of
     * the old chain go with it and the new one is signed afresh (ADR 0025); the rebuild is itself an audited act.
     */
    @ResetHandler
    void reset() {
        lastLink = null;
        jdbc.update("delete from audit_log");
        jdbc.update("delete from audit_checkpoints");
    }

    /** The user an event concerns: its {@code userId} field, when it has one and it is text. */
    static String userConcerned(Object canonicalTree) {
        return canonicalTree instanceof Map<?, ?> fields && fields.get("userId") instanceof String userId
                ? userId
                : null;
    }

    private static String meta(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
