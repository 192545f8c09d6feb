package dev.trenddesk.query.audit;

import dev.trenddesk.api.audit.AuditCategory;
import dev.trenddesk.api.audit.AuditEntry;
import dev.trenddesk.api.audit.AuditFilter;
import dev.trenddesk.api.audit.AuditPage;
import dev.trenddesk.query.user.UserReadRepository;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads audit_log through R2DBC: filtered pages by keyset (seq), oldest or newest first, with the usernames
 * of the users and actors in them, and a paged stream (chain order) for exports.
 */
@Component
public class AuditReadRepository {

    private static final int EXPORT_PAGE = 1_000;

    private final DatabaseClient db;

    public AuditReadRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * At most {@code limit} rows past {@code cursor} in the order asked (oldest first: seq above it;
     * newest first: seq below it); {@code nextCursor} is set when more may follow. The users and actors
     * of the rows that the users read model knows come with their usernames.
     */
    public Mono<AuditPage> page(AuditFilter filter, Long cursor, int limit, boolean newestFirst) {
        return resolve(filter)
                .flatMapMany(resolved -> rows(resolved, cursor, newestFirst, limit + 1))
                .collectList()
                .flatMap(rows -> {
                    boolean more = rows.size() > limit;
                    List<AuditEntry> entries = more ? rows.subList(0, limit) : rows;
                    Long next = more ? entries.get(entries.size() - 1).seq() : null;
                    return usernames(entries).map(names -> new AuditPage(entries, next, names));
                });
    }

    /** Every matching row in chain order, fetched page by page so memory stays flat however long the log. */
    public Flux<AuditEntry> stream(AuditFilter filter) {
        return resolve(filter).flatMapMany(resolved -> rows(resolved, null, false, EXPORT_PAGE)
                .collectList()
                .expand(page -> page.size() < EXPORT_PAGE
                        ? Mono.empty()
                        : rows(resolved, page.get(page.size() - 1).seq(), false, EXPORT_PAGE)
                                .collectList())
                .concatMapIterable(page -> page));
    }

    /** The filter with its user and actor as ids: a username is looked up in the users read model. */
    private Mono<AuditFilter> resolve(AuditFilter filter) {
        return Mono.zip(userId(filter.user()), userId(filter.actorId()))
                .map(ids -> new AuditFilter(
                        ids.getT1().orElse(null),
                        ids.getT2().orElse(null),
                        filter.aggregateId(),
                        filter.eventType(),
                        filter.from(),
                        filter.to(),
                        filter.text(),
                        filter.categories()));
    }

    /**
     * A user id as it is; a username as its user's id (case-insensitive, as usernames are unique), or,
     * when no user has it, the value itself: real rows name users by id, so it matches none of them,
     * while ids that are not UUIDs (an actor such as {@code system:reset-admin}) still match.
     */
    private Mono<Optional<String>> userId(String value) {
        if (value == null) {
            return Mono.just(Optional.empty());
        }
        if (uuid(value) != null) {
            return Mono.just(Optional.of(value.toLowerCase(Locale.ROOT)));
        }
        return db.sql("select id from users_view where lower(username) = lower(:username)")
                .bind("username", value)
                .map((row, meta) -> row.get("id", UUID.class).toString())
                .first()
                .map(Optional::of)
                .defaultIfEmpty(Optional.of(value));
    }

    /** Usernames of the user ids among the rows' users and actors. */
    private Mono<Map<String, String>> usernames(List<AuditEntry> entries) {
        UUID[] ids = entries.stream()
                .flatMap(e -> Stream.of(e.userId(), e.actorId()))
                .map(AuditReadRepository::uuid)
                .filter(Objects::nonNull)
                .distinct()
                .toArray(UUID[]::new);
        if (ids.length == 0) {
            return Mono.just(Map.of());
        }
        return db.sql("select id, username from users_view where id = any(:ids)")
                .bind("ids", ids)
                .map((row, meta) -> Map.entry(row.get("id", UUID.class).toString(), row.get("username", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static UUID uuid(String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Flux<AuditEntry> rows(AuditFilter filter, Long cursor, boolean newestFirst, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        if (cursor != null) {
            where.add(newestFirst ? "seq < :cursor" : "seq > :cursor");
            binds.put("cursor", cursor);
        }
        if (filter.user() != null) {
            where.add("user_id = :userId");
            binds.put("userId", filter.user());
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
        if (filter.categories() != null) {
            Set<AuditCategory> shown = filter.categories();
            if (shown.contains(AuditCategory.SYSTEM)) {
                // system takes every type this build does not know, so the rest are left out by name
                EnumSet<AuditCategory> hidden = EnumSet.complementOf(EnumSet.copyOf(shown));
                List<String> types = AuditCategory.types(hidden);
                if (!types.isEmpty()) {
                    where.add("not (event_type = any(:hiddenTypes))");
                    binds.put("hiddenTypes", types.toArray(String[]::new));
                }
            } else {
                where.add("event_type = any(:shownTypes)");
                binds.put("shownTypes", AuditCategory.types(shown).toArray(String[]::new));
            }
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
        DatabaseClient.GenericExecuteSpec spec = db.sql("select " + AuditChain.COLUMNS + " from audit_log"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by seq" + (newestFirst ? " desc" : "") + " limit :limit");
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
