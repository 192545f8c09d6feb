package dev.trenddesk.query.credentials;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsConnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsDisconnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsHealthChanged;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerificationFailed;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerificationRequested;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsQueries.FindConnection;
import dev.trenddesk.api.user.UserEvent.UserErased;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps connections_view: one row per user who ever connected a key. JDBC inside Axon's unit of
 * work; every write is an upsert or an assignment, so a replay lands in the same state; results of
 * an older verification attempt never overwrite a newer one.
 */
@Component
@ProcessingGroup(ConnectionsProjection.GROUP)
public class ConnectionsProjection {

    public static final String GROUP = "connections";

    private static final String PENDING_CLEARED = """
            pending_masked_api_key = null, pending_status = null, pending_attempt_id = null,
            pending_connected_at = null, pending_failure = null, pending_failure_detail = null,
            pending_checked_at = null, pending_exchange = null
            """;

    private final JdbcTemplate jdbc;
    private final QueryUpdateEmitter emitter;
    private final ConnectionReadRepository repository;

    public ConnectionsProjection(JdbcTemplate jdbc, QueryUpdateEmitter emitter, ConnectionReadRepository repository) {
        this.jdbc = jdbc;
        this.emitter = emitter;
        this.repository = repository;
    }

    @EventHandler
    void on(CredentialsConnected event) {
        if (event.isStaged()) {
            // shown beside the verified key, which stays in use
            jdbc.update(
                    """
                    update connections_view set pending_masked_api_key = ?, pending_status = 'PENDING',
                        pending_attempt_id = ?, pending_connected_at = ?, pending_failure = null,
                        pending_failure_detail = null, pending_checked_at = null, pending_exchange = ?, updated_at = ?
                    where user_id = ?
                    """,
                    event.maskedApiKey(),
                    event.attemptId(),
                    ts(event.at()),
                    event.exchange().name(),
                    ts(event.at()),
                    event.userId().value());
            changed(event.userId());
            return;
        }
        jdbc.update(
                """
                insert into connections_view (user_id, status, masked_api_key, connected_at, attempt_id, updated_at,
                    exchange)
                values (?, 'PENDING', ?, ?, ?, ?, ?)
                on conflict (user_id) do update set status = 'PENDING', masked_api_key = excluded.masked_api_key,
                    exchange = excluded.exchange,
                    account_type = null, asset = null, balance = null, position_mode = null, leverage = null,
                    connected_at = excluded.connected_at, last_verified_at = null, last_checked_at = null,
                    failure = null, failure_detail = null, health = null, health_reason = null,
                    health_changed_at = null, attempt_id = excluded.attempt_id, result_attempt_id = null,
                    updated_at = excluded.updated_at, read_only = null, ip_whitelist = null,
                """ + PENDING_CLEARED,
                event.userId().value(),
                event.maskedApiKey(),
                ts(event.at()),
                event.attemptId(),
                ts(event.at()),
                event.exchange().name());
        changed(event.userId());
    }

    @EventHandler
    void on(CredentialsVerificationRequested event) {
        jdbc.update(
                "update connections_view set attempt_id = ?, updated_at = ? where user_id = ?",
                event.attemptId(),
                ts(event.at()),
                event.userId().value());
        changed(event.userId());
    }

    @EventHandler
    void on(CredentialsVerified event) {
        if (event.isStaged()) {
            // the staged key is verified: it becomes the key in use
            jdbc.update("""
                    update connections_view set masked_api_key = pending_masked_api_key,
                        connected_at = pending_connected_at, attempt_id = pending_attempt_id,
                        exchange = coalesce(pending_exchange, exchange), """ + PENDING_CLEARED + """
                    where user_id = ? and pending_attempt_id = ?
                    """, event.userId().value(), event.attemptId());
        }
        jdbc.update(
                """
                update connections_view set status = 'VERIFIED', read_only = ?, ip_whitelist = ?,
                    account_type = ?, asset = ?, balance = ?,
                    position_mode = ?, leverage = ?, last_verified_at = ?, last_checked_at = ?, failure = null,
                    failure_detail = null, health = 'HEALTHY', health_reason = null, health_changed_at = ?,
                    result_attempt_id = ?, updated_at = ?
                where user_id = ? and attempt_id = ?
                """,
                event.readOnly() == null ? Boolean.FALSE : event.readOnly(),
                ipWhitelist(event.ipWhitelist()),
                event.accountType(),
                event.asset(),
                event.balance(),
                event.positionMode() == null ? null : event.positionMode().name(),
                event.leverage(),
                ts(event.at()),
                ts(event.at()),
                ts(event.at()),
                event.attemptId(),
                ts(event.at()),
                event.userId().value(),
                event.attemptId());
        changed(event.userId());
    }

    @EventHandler
    void on(CredentialsVerificationFailed event) {
        if (event.isStaged()) {
            // the staged key was refused: shown with its reason; the verified key is untouched
            jdbc.update(
                    """
                    update connections_view set pending_status = 'FAILED', pending_failure = ?,
                        pending_failure_detail = ?, pending_checked_at = ?, updated_at = ?
                    where user_id = ? and pending_attempt_id = ?
                    """,
                    event.reason().name(),
                    truncate(event.detail()),
                    ts(event.at()),
                    ts(event.at()),
                    event.userId().value(),
                    event.attemptId());
            changed(event.userId());
            return;
        }
        jdbc.update(
                """
                update connections_view set status = 'FAILED', failure = ?, failure_detail = ?, last_checked_at = ?,
                    health = null, health_reason = null, health_changed_at = null, result_attempt_id = ?,
                    updated_at = ?
                where user_id = ? and attempt_id = ?
                """,
                event.reason().name(),
                truncate(event.detail()),
                ts(event.at()),
                event.attemptId(),
                ts(event.at()),
                event.userId().value(),
                event.attemptId());
        changed(event.userId());
    }

    @EventHandler
    void on(CredentialsHealthChanged event) {
        jdbc.update(
                """
                update connections_view set health = ?, health_reason = ?, health_changed_at = ?, last_checked_at = ?,
                    updated_at = ?
                where user_id = ?
                """,
                event.health().name(),
                event.reason() == null ? null : event.reason().name(),
                ts(event.at()),
                ts(event.at()),
                ts(event.at()),
                event.userId().value());
        changed(event.userId());
    }

    @EventHandler
    void on(CredentialsDisconnected event) {
        disconnect(event.userId(), event.at());
    }

    @EventHandler
    void on(UserErased event) {
        disconnect(event.userId(), event.at());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from connections_view");
    }

    private void disconnect(UserId userId, Instant at) {
        jdbc.update("""
                update connections_view set status = 'DISCONNECTED', masked_api_key = null, account_type = null,
                    asset = null, balance = null, position_mode = null, leverage = null, failure = null,
                    failure_detail = null, health = null, health_reason = null, health_changed_at = null,
                    attempt_id = null, result_attempt_id = null, updated_at = ?, read_only = null, ip_whitelist = null,
                    """ + PENDING_CLEARED + """
                where user_id = ?
                """, ts(at), userId.value());
        changed(userId);
    }

    /** Tells subscribers of this user's connection (read-your-writes in the API) the row changed. */
    private void changed(UserId userId) {
        repository
                .findByIdBlocking(jdbc, userId)
                .ifPresent(view -> emitter.emit(
                        FindConnection.class, query -> query.userId().equals(userId), view));
    }

    private static String ipWhitelist(java.util.List<String> ips) {
        if (ips == null) {
            return null;
        }
        String joined = String.join(",", ips);
        return joined.length() <= 1000 ? joined : joined.substring(0, joined.lastIndexOf(',', 1000));
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= 200 ? detail : detail.substring(0, 200);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
