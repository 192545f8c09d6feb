package dev.trenddesk.query.user;

import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserView;
import dev.trenddesk.query.ReadModelJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads users_view: through R2DBC for queries, through JDBC only inside the projection's own transaction. */
@Component
public class UserReadRepository {

    private static final String SELECT = """
            select u.id, u.username, u.email, u.role, u.active, u.trading_enabled, u.locked_until, u.last_login_at,
                   u.last_login_ip, u.created_at, u.settings::text as settings,
                   coalesce((select string_agg(g.trader_id::text, ',' order by g.trader_id)
                             from viewer_grants_view g where g.viewer_id = u.id), '') as granted
            from users_view u
            """;

    private final DatabaseClient db;

    public UserReadRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<UserView> findById(UserId id) {
        return db.sql(SELECT + " where u.id = :id")
                .bind("id", id.value())
                .fetch()
                .one()
                .map(UserReadRepository::toView);
    }

    public Mono<UserView> findByUsername(String username) {
        return db.sql(SELECT + " where lower(u.username) = lower(:username)")
                .bind("username", username)
                .fetch()
                .one()
                .map(UserReadRepository::toView);
    }

    public Flux<UserView> findAll() {
        return db.sql(SELECT + " order by lower(u.username)").fetch().all().map(UserReadRepository::toView);
    }

    Optional<UserView> findByIdBlocking(JdbcTemplate jdbc, UserId id) {
        return jdbc.queryForList(SELECT + " where u.id = ?", id.value()).stream()
                .findFirst()
                .map(UserReadRepository::toView);
    }

    static UserView toView(Map<String, Object> row) {
        String granted = (String) row.get("granted");
        List<UserId> grants = granted == null || granted.isEmpty()
                ? List.of()
                : Arrays.stream(granted.split(",")).map(UserId::of).toList();
        return new UserView(
                new UserId((UUID) row.get("id")),
                (String) row.get("username"),
                (String) row.get("email"),
                Role.valueOf((String) row.get("role")),
                (Boolean) row.get("active"),
                (Boolean) row.get("trading_enabled"),
                instant(row.get("locked_until")),
                instant(row.get("last_login_at")),
                (String) row.get("last_login_ip"),
                instant(row.get("created_at")),
                ReadModelJson.read((String) row.get("settings"), TradingSettings.class),
                grants);
    }

    /** timestamptz arrives as java.sql.Timestamp from JDBC and as OffsetDateTime from R2DBC. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass());
    }
}
