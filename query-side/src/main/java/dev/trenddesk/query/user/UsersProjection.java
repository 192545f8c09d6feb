package dev.trenddesk.query.user;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserEvent.AccountLockedOut;
import dev.trenddesk.api.user.UserEvent.EmailChanged;
import dev.trenddesk.api.user.UserEvent.RoleChanged;
import dev.trenddesk.api.user.UserEvent.TradingPermissionGranted;
import dev.trenddesk.api.user.UserEvent.TradingPermissionRevoked;
import dev.trenddesk.api.user.UserEvent.TradingSettingsUpdated;
import dev.trenddesk.api.user.UserEvent.UserDeactivated;
import dev.trenddesk.api.user.UserEvent.UserErased;
import dev.trenddesk.api.user.UserEvent.UserLoggedIn;
import dev.trenddesk.api.user.UserEvent.UserReactivated;
import dev.trenddesk.api.user.UserEvent.UserRegistered;
import dev.trenddesk.api.user.UserEvent.UserUnlocked;
import dev.trenddesk.api.user.UserEvent.ViewerAccessGranted;
import dev.trenddesk.api.user.UserEvent.ViewerAccessRevoked;
import dev.trenddesk.api.user.UserQueries.FindUserById;
import dev.trenddesk.query.ReadModelJson;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps users_view and viewer_grants_view. Writes with JDBC inside Axon's unit of work, so a row
 * and the processor's token commit together (ADR 0004); every write is an idempotent upsert or a
 * plain assignment, so a replay lands in the same state.
 */
@Component
@ProcessingGroup(UsersProjection.GROUP)
public class UsersProjection {

    public static final String GROUP = "users";

    private final JdbcTemplate jdbc;
    private final QueryUpdateEmitter emitter;
    private final UserReadRepository repository;

    public UsersProjection(JdbcTemplate jdbc, QueryUpdateEmitter emitter, UserReadRepository repository) {
        this.jdbc = jdbc;
        this.emitter = emitter;
        this.repository = repository;
    }

    @EventHandler
    void on(UserRegistered event) {
        jdbc.update(
                """
                insert into users_view (id, username, email, role, active, trading_enabled, created_at, settings)
                values (?, ?, ?, ?, true, false, ?, cast(? as jsonb))
                on conflict (id) do nothing
                """,
                event.userId().value(),
                event.username(),
                event.email(),
                event.role().name(),
                ts(event.at()),
                ReadModelJson.write(event.settings()));
        changed(event.userId());
    }

    @EventHandler
    void on(RoleChanged event) {
        set(event.userId(), "role = ?", event.to().name());
    }

    @EventHandler
    void on(UserDeactivated event) {
        set(event.userId(), "active = ?", false);
    }

    @EventHandler
    void on(EmailChanged event) {
        set(event.userId(), "email = ?", event.email());
    }

    /** Erasure: the e-mail address goes; the username stays, as the audit trail names people by it. */
    @EventHandler
    void on(UserErased event) {
        jdbc.update(
                "update users_view set active = false, trading_enabled = false, email = ? where id = ?",
                "erased-" + event.userId() + "@erased.invalid",
                event.userId().value());
        jdbc.update(
                "delete from viewer_grants_view where viewer_id = ? or trader_id = ?",
                event.userId().value(),
                event.userId().value());
        changed(event.userId());
    }

    @EventHandler
    void on(UserReactivated event) {
        set(event.userId(), "active = ?", true);
    }

    @EventHandler
    void on(TradingPermissionGranted event) {
        set(event.userId(), "trading_enabled = ?", true);
    }

    @EventHandler
    void on(TradingPermissionRevoked event) {
        set(event.userId(), "trading_enabled = ?", false);
    }

    @EventHandler
    void on(TradingSettingsUpdated event) {
        set(event.userId(), "settings = cast(? as jsonb)", ReadModelJson.write(event.settings()));
    }

    @EventHandler
    void on(ViewerAccessGranted event) {
        jdbc.update("""
                insert into viewer_grants_view (viewer_id, trader_id, granted_at) values (?, ?, ?)
                on conflict do nothing
                """, event.userId().value(), event.traderId().value(), ts(event.at()));
        changed(event.userId());
    }

    @EventHandler
    void on(ViewerAccessRevoked event) {
        jdbc.update(
                "delete from viewer_grants_view where viewer_id = ? and trader_id = ?",
                event.userId().value(),
                event.traderId().value());
        changed(event.userId());
    }

    @EventHandler
    void on(UserLoggedIn event) {
        jdbc.update(
                "update users_view set last_login_at = ?, last_login_ip = ?, locked_until = null where id = ?",
                ts(event.at()),
                event.clientIp(),
                event.userId().value());
        changed(event.userId());
    }

    @EventHandler
    void on(AccountLockedOut event) {
        set(event.userId(), "locked_until = ?", ts(event.lockedUntil()));
    }

    @EventHandler
    void on(UserUnlocked event) {
        set(event.userId(), "locked_until = ?", (Object) null);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from viewer_grants_view");
        jdbc.update("delete from users_view");
    }

    private void set(UserId userId, String assignment, Object value) {
        jdbc.update("update users_view set " + assignment + " where id = ?", value, userId.value());
        changed(userId);
    }

    /** Tells subscribers of this user (read-your-writes in the API) the row changed. */
    private void changed(UserId userId) {
        repository
                .findByIdBlocking(jdbc, userId)
                .ifPresent(view ->
                        emitter.emit(FindUserById.class, query -> query.userId().equals(userId), view));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
