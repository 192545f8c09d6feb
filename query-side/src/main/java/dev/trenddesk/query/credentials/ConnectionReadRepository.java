package dev.trenddesk.query.credentials;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.ConnectionView;
import dev.trenddesk.api.credentials.CredentialsHealth;
import dev.trenddesk.api.credentials.CredentialsStatus;
import dev.trenddesk.api.credentials.VerificationFailure;
import dev.trenddesk.query.user.UserReadRepository;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads connections_view (with the username from users_view): through R2DBC for queries, through
 * JDBC only inside the projection's own transaction.
 */
@Component
public class ConnectionReadRepository {

    private static final String SELECT = """
            select c.user_id, u.username, c.status, c.masked_api_key, c.account_type, c.asset, c.balance,
                   c.position_mode, c.leverage, c.connected_at, c.last_verified_at, c.last_checked_at, c.failure,
                   c.failure_detail, c.health, c.health_reason, c.health_changed_at, c.attempt_id,
                   c.result_attempt_id, c.updated_at, c.read_only, c.ip_whitelist, c.pending_masked_api_key,
                   c.pending_status, c.pending_attempt_id, c.pending_connected_at, c.pending_failure,
                   c.pending_failure_detail, c.pending_checked_at, c.exchange,
                   case when c.pending_status is not null then coalesce(c.pending_exchange, c.exchange) end
                       as pending_exchange
            from connections_view c left join users_view u on u.id = c.user_id
            """;

    private final DatabaseClient db;

    public ConnectionReadRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<ConnectionView> findById(UserId id) {
        return db.sql(SELECT + " where c.user_id = :id")
                .bind("id", id.value())
                .fetch()
                .one()
                .map(ConnectionReadRepository::toView);
    }

    public Flux<ConnectionView> findAll() {
        return db.sql(SELECT + " order by lower(coalesce(u.username, '')), c.user_id")
                .fetch()
                .all()
                .map(ConnectionReadRepository::toView);
    }

    Optional<ConnectionView> findByIdBlocking(JdbcTemplate jdbc, UserId id) {
        return jdbc.queryForList(SELECT + " where c.user_id = ?", id.value()).stream()
                .findFirst()
                .map(ConnectionReadRepository::toView);
    }

    static ConnectionView toView(Map<String, Object> row) {
        return new ConnectionView(
                new UserId((UUID) row.get("user_id")),
                (String) row.get("username"),
                CredentialsStatus.valueOf((String) row.get("status")),
                (String) row.get("masked_api_key"),
                (String) row.get("account_type"),
                (String) row.get("asset"),
                decimal(row.get("balance")),
                enumOf(PositionMode.class, row.get("position_mode")),
                row.get("leverage") == null ? null : ((Number) row.get("leverage")).intValue(),
                UserReadRepository.instant(row.get("connected_at")),
                UserReadRepository.instant(row.get("last_verified_at")),
                UserReadRepository.instant(row.get("last_checked_at")),
                enumOf(VerificationFailure.class, row.get("failure")),
                (String) row.get("failure_detail"),
                enumOf(CredentialsHealth.class, row.get("health")),
                enumOf(VerificationFailure.class, row.get("health_reason")),
                UserReadRepository.instant(row.get("health_changed_at")),
                (String) row.get("attempt_id"),
                (String) row.get("result_attempt_id"),
                UserReadRepository.instant(row.get("updated_at")),
                (Boolean) row.get("read_only"),
                row.get("ip_whitelist") == null
                        ? null
                        : java.util.Arrays.stream(((String) row.get("ip_whitelist")).split(","))
                                .filter(ip -> !ip.isBlank())
                                .toList(),
                row.get("pending_status") == null
                        ? null
                        : new ConnectionView.PendingKey(
                                (String) row.get("pending_masked_api_key"),
                                CredentialsStatus.valueOf((String) row.get("pending_status")),
                                (String) row.get("pending_attempt_id"),
                                UserReadRepository.instant(row.get("pending_connected_at")),
                                enumOf(VerificationFailure.class, row.get("pending_failure")),
                                (String) row.get("pending_failure_detail"),
                                UserReadRepository.instant(row.get("pending_checked_at")),
                                enumOf(ExchangeName.class, row.get("pending_exchange"))),
                enumOf(ExchangeName.class, row.get("exchange")));
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        BigDecimal decimal = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
        return decimal.stripTrailingZeros().scale() < 2
                ? decimal.setScale(2, java.math.RoundingMode.UNNECESSARY)
                : decimal.stripTrailingZeros();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, Object value) {
        return value == null ? null : Enum.valueOf(type, (String) value);
    }
}
