package dev.trenddesk.command.trading;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.TradingSessionId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Set-based validation for TradingSession: one active (running or paused) session per user. Written
 * with JDBC in the same transaction as the session's events, so of two concurrent starts by one user
 * exactly one commits; the other is refused.
 */
@Component
public class ActiveSessions {

    private final JdbcTemplate jdbc;

    public ActiveSessions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the user's one active slot for this session, or refuses (→ 409) when another session holds it. */
    public void claim(UserId userId, TradingSessionId sessionId, Instant at) {
        if (activeSessionOf(userId).isPresent()) {
            throw new DomainRejection(
                    RejectionCode.SESSION_ALREADY_RUNNING, "a bot is already running for this user: stop it first");
        }
        try {
            jdbc.update(
                    "insert into trading_active_session (user_id, session_id, started_at) values (?, ?, ?)",
                    userId.value(),
                    sessionId.value(),
                    Timestamp.from(at));
        } catch (DuplicateKeyException raced) {
            throw new DomainRejection(
                    RejectionCode.SESSION_ALREADY_RUNNING, "a bot is already running for this user: stop it first");
        }
    }

    /** Frees the user's slot held by this session (nothing when another session holds it). */
    public void release(UserId userId, TradingSessionId sessionId) {
        jdbc.update(
                "delete from trading_active_session where user_id = ? and session_id = ?",
                userId.value(),
                sessionId.value());
    }

    /** The user's running or paused session, if any. */
    public Optional<TradingSessionId> activeSessionOf(UserId userId) {
        List<java.util.UUID> ids = jdbc.queryForList(
                "select session_id from trading_active_session where user_id = ?",
                java.util.UUID.class,
                userId.value());
        return ids.stream().findFirst().map(TradingSessionId::new);
    }

    /** Every running or paused session, oldest start first. */
    public List<TradingSessionId> all() {
        return jdbc
                .queryForList(
                        "select session_id from trading_active_session order by started_at, session_id",
                        java.util.UUID.class)
                .stream()
                .map(TradingSessionId::new)
                .toList();
    }
}
