package dev.trenddesk.query.audit;

import dev.trenddesk.api.audit.AuditEntry;
import dev.trenddesk.api.audit.AuditFilter;
import dev.trenddesk.api.audit.AuditPage;
import dev.trenddesk.query.user.UserReadRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads audit_log through R2DBC: filtered pages by keyset (seq) and a paged stream for exports. */
@Component
public class AuditReadRepository {

    private static final int EXPORT_PAGE = 1_000;

    private final DatabaseClient db;

    public AuditReadRepository(DatabaseClient db) {
        this.db = db;
    }

    /** At most {@code limit} rows after {@code after} in chain order; {@code nextCursor} is set when more may follow. */
    public Mono<AuditPage> page(AuditFilter filter, Long after, int limit) {
        return rows(filter, after == null ? 0 : after, limit + 1).collectList().map(rows -> {
            boolean more = rows.size() > limit;
            List<AuditEntry> entries = more ? rows.subList(0, limit) : rows;
            return new AuditPage(entries, more ? entries.get(entries.size() - 1).seq() : null);
        });
    }

    /** Every matching row in chain order, fetched page by page so memory stays flat however long the log. */
    public Flux<AuditEntry> stream(AuditFilter filter) {
        return rows(filter, 0, EXPORT_PAGE)
                .collectList()
                .expand(page -> page.size() < EXPORT_PAGE
                        ? Mono.empty()
                        : rows(filter, page.get(page.size() - 1).seq(), EXPORT_PAGE)
                                .collectList())
                .concatMapIterable(page -> page);
    }

    private Flux<AuditEntry> rows(AuditFilter filter, long after, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        where.add("seq > :after");
        binds.put("after", after);
        if (filter.userId() != null) {
            where.add("user_id = :userId");
            binds.put("userId", filter.userId());
        }
        if (filter.actorId() != null) {
            where.add("actor_id = :actorId");
            binds.put("actorId", filter.actorId());
        }
        if (filter.aggregateId() != null) {
            where.add("aggregate_id = :aggregateId");
            binds.put("aggregateId", filter.aggregateId());
        }
        if (filter.eventType() != null) {
            where.add("event_type = :eventType");
            binds.put("eventType", filter.eventType());
        }
        if (filter.from() != null) {
            where.add("occurred_at >= :from");
            binds.put("from", java.time.OffsetDateTime.ofInstant(filter.from(), java.time.ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            where.add("occurred_at < :to");
            binds.put("to", java.time.OffsetDateTime.ofInstant(filter.to(), java.time.ZoneOffset.UTC));
        }
        if (filter.text() != null) {
            where.add("(event_type ilike :text or payload ilike :text)");
            binds.put(
                    "text",
                    "%"
                            + filter.text()
                                    .replace("\\", "\\\\")
                                    .replace("%", "\\%")
                                    .replace("_", "\\_") + "%");
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("select " + AuditChain.COLUMNS + " from audit_log where "
                + String.join(" and ", where) + " order by seq limit :limit");
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.bind("limit", limit).fetch().all().map(AuditReadRepository::toEntry);
    }

    static AuditEntry toEntry(Map<String, Object> row) {
        return new AuditEntry(
                ((Number) row.get("seq")).longValue(),
                (String) row.get("event_id"),
                UserReadRepository.instant(row.get("occurred_at")),
                (String) row.get("event_type"),
                (String) row.get("aggregate_type"),
                (String) row.get("aggregate_id"),
                row.get("aggregate_sequence") == null ? null : ((Number) row.get("aggregate_sequence")).longValue(),
                (String) row.get("user_id"),
                (String) row.get("actor_id"),
                (String) row.get("actor_role"),
                (String) row.get("client_ip"),
                (String) row.get("trace_id"),
                (String) row.get("payload"),
                (String) row.get("previous_hash"),
                (String) row.get("hash"));
    }
}
