package dev.trenddesk.query.audit;

import dev.trenddesk.api.audit.AuditEntry;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stores every event in audit_log with who caused it and its link in the hash chain. The
 * processing group runs one segment, so rows follow the event store's global order and a rebuild
 * from zero produces the very same chain. Writes with JDBC inside Axon's unit of work (ADR 0004); an
 * event already stored (a redelivery) is skipped, so the chain never gets a link twice.
 */
@Component
@ProcessingGroup(AuditProjection.GROUP)
public class AuditProjection {

    public static final String GROUP = "audit";

    private static final String ACTOR_ID = "actorId";
    private static final String ACTOR_ROLE = "actorRole";
    private static final String CLIENT_IP = "clientIp";
    private static final String TRACE_ID = "traceId";

    private final JdbcTemplate jdbc;
    private volatile Link lastLink;

    public AuditProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        String eventId = message.getIdentifier();
        if (Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from audit_log where event_id = ?)", Boolean.class, eventId))) {
            return;
        }
        Link previous = last();
        long seq = previous.seq() + 1;
        String previousHash = previous.hash();
        String aggregateType = null;
        String aggregateId = null;
        Long aggregateSequence = null;
        if (message instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
            aggregateType = domain.getType();
            aggregateId = domain.getAggregateIdentifier();
            aggregateSequence = domain.getSequenceNumber();
        }
        String json = AuditChain.canonicalJson(payload);
        AuditEntry row = new AuditEntry(
                seq,
                eventId,
                AuditChain.stored(message.getTimestamp()),
                message.getPayloadType().getSimpleName(),
                aggregateType,
                aggregateId,
                aggregateSequence,
                userConcerned(json),
                meta(message, ACTOR_ID),
                meta(message, ACTOR_ROLE),
                meta(message, CLIENT_IP),
                meta(message, TRACE_ID),
                json,
                previousHash,
                null);
        String hash = AuditChain.hash(row);
        jdbc.update(
                "insert into audit_log (" + AuditChain.COLUMNS
                        + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.seq(),
                row.eventId(),
                Timestamp.from(row.at()),
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
                row.previousHash(),
                hash);
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.onRollback(rolledBack -> lastLink = null));
        lastLink = new Link(seq, hash);
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

    @ResetHandler
    void reset() {
        lastLink = null;
        jdbc.update("delete from audit_log");
    }

    /** The user an event concerns: its {@code userId} field, when it has one. */
    static String userConcerned(String canonicalJson) {
        try {
            var node = AuditChain.CANONICAL.readTree(canonicalJson).get("userId");
            return node != null && node.isTextual() ? node.asText() : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static String meta(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
