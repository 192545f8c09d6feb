package dev.trenddesk.gateway.security;

import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Login sessions in PostgreSQL, so every gateway node sees the same sessions and a logout on one
 * node ends the session everywhere. The cookie carries 256 random bits; the table keeps only
 * their SHA-256. A session ends after {@code idle-timeout} without requests, after
 * {@code absolute-timeout} in any case, on logout, and as soon as the account is deactivated.
 * An ended session keeps its row with the reason until the idle purge removes it. Whoever holds
 * something open under a session (the SSE streams) hears of the sessions this node ends through
 * {@link Listener}; sessions ended by another node or expired are found, with their reason, by
 * {@link #states}.
 */
@Component
public class WebSessionStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** last_seen_at is written at most this often, so reads do not each cost a write. */
    private static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Told after this node ended sessions. */
    public interface Listener {

        /** The session with this {@link #key} was ended. */
        void sessionEnded(String key, AccessEnd reason);

        /** Every session of the user was ended, except the one with key {@code kept} (null: none kept). */
        void sessionsOfUserEnded(UserId userId, String kept, AccessEnd reason);
    }

    /**
     * What a session is now, for re-checking what was opened under it.
     *
     * @param live   false once it is past its absolute timeout or idle too long
     * @param active whether the account is still active
     * @param ended  why the session was ended (logout, password change, ...), on whichever node; null while it is not
     */
    public record SessionState(String key, SessionUser user, boolean live, boolean active, AccessEnd ended) {}

    public WebSessionStore(
            DatabaseClient db,
            Clock clock,
            @Value("${trenddesk.security.session.idle-timeout:30m}") Duration idleTimeout,
            @Value("${trenddesk.security.session.absolute-timeout:12h}") Duration absoluteTimeout) {
        this.db = db;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.absoluteTimeout = absoluteTimeout;
    }

    /** Opens a session and answers the token for the cookie. */
    public Mono<String> create(UserId userId, String clientIp) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.sql("""
                        insert into web_session (token_hash, user_id, client_ip, created_at, last_seen_at, expires_at)
                        values (:hash, :user, :ip, :now, :now, :expires)
                        """)
                .bind("hash", hash(token))
                .bind("user", userId.value())
                .bind("ip", clientIp)
                .bind("now", now)
                .bind("expires", now.plus(absoluteTimeout))
                .then()
                .thenReturn(token);
    }

    /** The user of a live session, or empty when the token is unknown, expired, idle too long or the account inactive. */
    public Mono<SessionUser> find(String token) {
        if (token == null || token.length() != 43) {
            return Mono.empty();
        }
        byte[] hash = hash(token);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.sql("""
                        select s.user_id, s.last_seen_at, u.username, u.role,
                               coalesce((select string_agg(g.trader_id::text, ',') from viewer_grants_view g
                                         where g.viewer_id = u.id), '') as granted
                        from web_session s join users_view u on u.id = s.user_id
                        where s.token_hash = :hash and s.expires_at > :now and s.last_seen_at > :idleSince
                          and s.ended_reason is null and u.active
                        """)
                .bind("hash", hash)
                .bind("now", now)
                .bind("idleSince", now.minus(idleTimeout))
                .fetch()
                .one()
                .flatMap(row -> {
                    SessionUser user = new SessionUser(
                            new UserId((UUID) row.get("user_id")),
                            (String) row.get("username"),
                            Role.valueOf((String) row.get("role")),
                            grants((String) row.get("granted")));
                    OffsetDateTime lastSeen = (OffsetDateTime) row.get("last_seen_at");
                    if (lastSeen.plus(TOUCH_EVERY).isAfter(now)) {
                        return Mono.just(user);
                    }
                    return db.sql("update web_session set last_seen_at = :now where token_hash = :hash")
                            .bind("now", now)
                            .bind("hash", hash)
                            .then()
                            .thenReturn(user);
                });
    }

    /** Ends one session (logout). */
    public Mono<Void> end(String token) {
        if (token == null) {
            return Mono.empty();
        }
        return db.sql("update web_session set ended_reason = :reason where token_hash = :hash and ended_reason is null")
                .bind("reason", AccessEnd.LOGGED_OUT.name())
                .bind("hash", hash(token))
                .then()
                .then(Mono.fromRunnable(
                        () -> listeners.forEach(l -> l.sessionEnded(key(token), AccessEnd.LOGGED_OUT))));
    }

    /** Ends every session of this user (password reset, deactivation, erasure), for the given reason. */
    public Mono<Void> endAllOf(UserId userId, AccessEnd reason) {
        return db.sql("update web_session set ended_reason = :reason where user_id = :user and ended_reason is null")
                .bind("reason", reason.name())
                .bind("user", userId.value())
                .then()
                .then(Mono.fromRunnable(() -> listeners.forEach(l -> l.sessionsOfUserEnded(userId, null, reason))));
    }

    /** Ends every session of this user but the one of {@code current} (the person changed their own password). */
    public Mono<Void> endOthersOf(UserId userId, String current) {
        if (current == null) {
            return endAllOf(userId, AccessEnd.PASSWORD_CHANGED);
        }
        return db.sql("""
                        update web_session set ended_reason = :reason
                        where user_id = :user and token_hash <> :hash and ended_reason is null
                        """)
                .bind("reason", AccessEnd.PASSWORD_CHANGED.name())
                .bind("user", userId.value())
                .bind("hash", hash(current))
                .then()
                .then(Mono.fromRunnable(() -> listeners.forEach(
                        l -> l.sessionsOfUserEnded(userId, key(current), AccessEnd.PASSWORD_CHANGED))));
    }

    /**
     * The current state of the given sessions (by {@link #key}), without counting as activity; an
     * ended session answers with its reason until it is purged, a key that is not answered has no
     * row any more.
     */
    public Flux<SessionState> states(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Flux.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.sql("""
                        select encode(s.token_hash, 'hex') as key, s.user_id, u.username, u.role, u.active,
                               s.ended_reason,
                               (s.expires_at > :now and s.last_seen_at > :idleSince) as live,
                               coalesce((select string_agg(g.trader_id::text, ',') from viewer_grants_view g
                                         where g.viewer_id = u.id), '') as granted
                        from web_session s join users_view u on u.id = s.user_id
                        where s.token_hash in (select decode(k, 'hex') from unnest(cast(:keys as text[])) as k)
                        """)
                .bind("keys", keys.toArray(String[]::new))
                .bind("now", now)
                .bind("idleSince", now.minus(idleTimeout))
                .fetch()
                .all()
                .map(row -> new SessionState(
                        (String) row.get("key"),
                        new SessionUser(
                                new UserId((UUID) row.get("user_id")),
                                (String) row.get("username"),
                                Role.valueOf((String) row.get("role")),
                                grants((String) row.get("granted"))),
                        Boolean.TRUE.equals(row.get("live")),
                        Boolean.TRUE.equals(row.get("active")),
                        row.get("ended_reason") == null ? null : AccessEnd.valueOf((String) row.get("ended_reason"))));
    }

    /** A session's key for {@link Listener} and {@link #states}: the hex SHA-256 of its token (null for none). */
    public static String key(String token) {
        return token == null ? null : HexFormat.of().formatHex(hash(token));
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Removes sessions that can no longer be used. */
    public Mono<Long> purgeExpired() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.sql("delete from web_session where expires_at <= :now or last_seen_at <= :idleSince")
                .bind("now", now)
                .bind("idleSince", now.minus(idleTimeout))
                .fetch()
                .rowsUpdated();
    }

    public Duration absoluteTimeout() {
        return absoluteTimeout;
    }

    private static Set<UserId> grants(String csv) {
        return csv == null || csv.isEmpty()
                ? Set.of()
                : Arrays.stream(csv.split(",")).map(UserId::of).collect(Collectors.toSet());
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
