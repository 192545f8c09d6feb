package dev.trenddesk.strategy.security;

import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.alert.AlertRaised.Severity;
import dev.trenddesk.api.audit.AdminViewedUserData;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsConnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsDisconnected;
import dev.trenddesk.api.user.UserEvent.AccountLockedOut;
import dev.trenddesk.api.user.UserEvent.EmailChanged;
import dev.trenddesk.api.user.UserEvent.LoginFailed;
import dev.trenddesk.api.user.UserEvent.PasswordChanged;
import dev.trenddesk.api.user.UserEvent.UserErased;
import dev.trenddesk.api.user.UserEvent.UserLoggedIn;
import dev.trenddesk.api.user.UserEvent.UserRegistered;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells a user about suspicious activity on their account with an {@link AlertRaised} (kinds
 * {@code SECURITY_*}, see docs/readside.md): a login from an IP or a browser family never seen for
 * them, a burst of failed logins or a lockout, a password change or an admin's reset, a BingX key
 * connected, replaced or removed, and an admin opening their data (at most once per admin and hour).
 *
 * <p>What it remembers (seen logins, rate-limit marks, usernames, ids of the alerts it raised) is
 * in its own tables, written with JDBC in the processor's transaction, the same transaction that
 * stores its token and the alerts it publishes: a batch is done completely or not at all, and a
 * redelivered event finds its alert id already recorded and publishes nothing. Alert ids derive from
 * the causing event's identifier.
 *
 * <p>Replays raise nothing ({@link ReplayStatus}). Axon starts a new processor with a replay of
 * the whole event store up to its head, so on an existing installation the first start learns every
 * user's past logins and every username without alerting about the past; a reset does the same.
 * Rate-limit marks move only on live events.
 */
@Component
@ProcessingGroup(SecurityAlerts.GROUP)
public class SecurityAlerts {

    public static final String GROUP = "security-alerts";
    /** At most one alert per admin and user in this long. */
    static final Duration ADMIN_VIEW_QUIET = Duration.ofHours(1);
    /** Failed logins this close to each other are one burst (the login lockout's window). */
    static final Duration BURST_GAP = Duration.ofMinutes(15);
    /** LoginFailed with at least this many recent failures counts as "many failed logins". */
    static final int MANY_FAILURES = 5;

    static final String UNKNOWN_BROWSER = "unknown";
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final JdbcTemplate jdbc;
    private final EventGateway events;

    public SecurityAlerts(JdbcTemplate jdbc, EventGateway events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @EventHandler
    void on(UserRegistered event) {
        jdbc.update("""
                insert into security_alert_people (user_id, username) values (?, ?)
                on conflict (user_id) do update set username = excluded.username
                """, event.userId().value(), event.username());
    }

    @EventHandler
    void on(UserErased event) {
        for (String table : List.of("security_known_logins", "security_alert_marks", "security_alert_people")) {
            jdbc.update(
                    "delete from " + table + " where user_id = ?",
                    event.userId().value());
        }
    }

    @EventHandler
    void on(
            UserLoggedIn event,
            EventMessage<?> message,
            ReplayStatus replay,
            @MetaDataValue("browser") String browserFamily) {
        var user = event.userId().value();
        String ip = clip(event.clientIp() == null ? "unknown" : event.clientIp(), 64);
        String browser = browser(browserFamily);
        boolean first = !exists("select exists(select 1 from security_known_logins where user_id = ?)", user);
        boolean ipSeen = exists(
                "select exists(select 1 from security_known_logins where user_id = ? and client_ip = ?)", user, ip);
        boolean browserSeen = exists(
                "select exists(select 1 from security_known_logins where user_id = ? and browser = ?)", user, browser);
        jdbc.update("""
                insert into security_known_logins (user_id, client_ip, browser, first_seen_at, last_seen_at)
                values (?, ?, ?, ?, ?)
                on conflict (user_id, client_ip, browser)
                do update set last_seen_at = greatest(security_known_logins.last_seen_at, excluded.last_seen_at)
                """, user, ip, browser, ts(event.at()), ts(event.at()));
        if (replay.isReplay()) {
            return;
        }
        // a successful login ends a burst of failures
        jdbc.update("delete from security_alert_marks where user_id = ? and mark = 'login-failures'", user);
        if (first || (ipSeen && browserSeen)) {
            return;
        }
        String from = !ipSeen && !browserSeen
                ? "from a new IP address, " + ip + ", and a new browser, " + browser
                : !ipSeen
                        ? "from a new IP address, " + ip + " (" + browser + ")"
                        : "from a new browser, " + browser + " (IP " + ip + ")";
        raise(
                replay,
                "security:new-login:" + message.getIdentifier(),
                event.userId(),
                Severity.WARNING,
                "SECURITY_NEW_LOGIN",
                "New sign-in to your account " + from + " at " + SHOWN.format(event.at())
                        + ". If this wasn't you, change your password now and tell an admin.",
                event.at());
    }

    @EventHandler
    void on(
            LoginFailed event,
            EventMessage<?> message,
            ReplayStatus replay,
            @MetaDataValue("browser") String browserFamily) {
        if (event.recentFailures() < MANY_FAILURES) {
            return;
        }
        manyFailures(replay, message, event.userId(), event.clientIp(), browser(browserFamily), event.at(), null);
    }

    @EventHandler
    void on(
            AccountLockedOut event,
            EventMessage<?> message,
            ReplayStatus replay,
            @MetaDataValue("clientIp") String clientIp,
            @MetaDataValue("browser") String browserFamily) {
        manyFailures(
                replay, message, event.userId(), clientIp, browser(browserFamily), event.at(), event.lockedUntil());
    }

    @EventHandler
    void on(
            PasswordChanged event,
            EventMessage<?> message,
            ReplayStatus replay,
            @MetaDataValue("clientIp") String clientIp,
            @MetaDataValue("browser") String browserFamily) {
        String at = SHOWN.format(event.at());
        if (event.byAdmin()) {
            raise(
                    replay,
                    "security:password-reset:" + message.getIdentifier(),
                    event.userId(),
                    Severity.WARNING,
                    "SECURITY_PASSWORD_RESET",
                    "An admin reset your password at " + at
                            + "; all your sessions were signed out. If you did not ask for this, contact your admin.",
                    event.at());
        } else {
            raise(
                    replay,
                    "security:password-changed:" + message.getIdentifier(),
                    event.userId(),
                    Severity.WARNING,
                    "SECURITY_PASSWORD_CHANGED",
                    "Your password was changed at " + at + " from IP "
                            + ip(clientIp) + " (" + browser(browserFamily) + "). If this wasn't you, ask an admin "
                            + "to reset your password now.",
                    event.at());
        }
    }

    /** A changed address is how an account is taken over: the person hears of it, with where it came from. */
    @EventHandler
    void on(
            EmailChanged event,
            EventMessage<?> message,
            ReplayStatus replay,
            @MetaDataValue("clientIp") String clientIp,
            @MetaDataValue("browser") String browserFamily) {
        raise(
                replay,
                "security:email-changed:" + message.getIdentifier(),
                event.userId(),
                Severity.WARNING,
                "SECURITY_EMAIL_CHANGED",
                "Your e-mail address was changed from " + event.previousEmail() + " to " + event.email() + " at "
                        + SHOWN.format(event.at()) + " from IP " + ip(clientIp) + " (" + browser(browserFamily)
                        + "). If this wasn't you, ask an admin to reset your password now.",
                event.at());
    }

    @EventHandler
    void on(
            CredentialsConnected event,
            EventMessage<?> message,
            ReplayStatus replay,
            @MetaDataValue("actorId") String actorId,
            @MetaDataValue("actorRole") String actorRole,
            @MetaDataValue("clientIp") String clientIp,
            @MetaDataValue("browser") String browserFamily) {
        String what =
                event.replacedPrevious() ? "replaced your BingX API key with the key " : "connected the BingX API key ";
        raise(
                replay,
                "security:key-connected:" + message.getIdentifier(),
                event.userId(),
                Severity.WARNING,
                event.replacedPrevious() ? "SECURITY_KEY_REPLACED" : "SECURITY_KEY_CONNECTED",
                who(event.userId(), actorId, actorRole, clientIp, browserFamily, "You") + " " + what
                        + event.maskedApiKey() + (event.replacedPrevious() ? "" : " to your account") + " at "
                        + SHOWN.format(event.at()) + ". If this wasn't you, disconnect it and delete the key at BingX.",
                event.at());
    }

    @EventHandler
    void on(
            CredentialsDisconnected event,
            EventMessage<?> message,
            ReplayStatus replay,
            @MetaDataValue("actorId") String actorId,
            @MetaDataValue("actorRole") String actorRole,
            @MetaDataValue("clientIp") String clientIp,
            @MetaDataValue("browser") String browserFamily) {
        raise(
                replay,
                "security:key-disconnected:" + message.getIdentifier(),
                event.userId(),
                Severity.WARNING,
                "SECURITY_KEY_DISCONNECTED",
                who(event.userId(), actorId, actorRole, clientIp, browserFamily, "You")
                        + " removed your BingX API key " + event.maskedApiKey() + " at " + SHOWN.format(event.at())
                        + ": your bot cannot trade until a key is connected again.",
                event.at());
    }

    @EventHandler
    void on(AdminViewedUserData event, EventMessage<?> message, ReplayStatus replay) {
        if (replay.isReplay() || event.adminId().equals(event.userId())) {
            return;
        }
        // one alert per admin and user an hour: the mark moves only when the last alert is an hour old
        int marked = jdbc.update(
                """
                insert into security_alert_marks (user_id, mark, at) values (?, ?, ?)
                on conflict (user_id, mark) do update set at = excluded.at where security_alert_marks.at <= ?
                """,
                event.userId().value(),
                "admin-view:" + event.adminId(),
                ts(event.at()),
                ts(event.at().minus(ADMIN_VIEW_QUIET)));
        if (marked == 0) {
            return;
        }
        List<String> names = jdbc.queryForList(
                "select username from security_alert_people where user_id = ?",
                String.class,
                event.adminId().value());
        String admin = names.isEmpty() ? "An admin" : "An admin, " + names.get(0) + ",";
        raise(
                replay,
                "security:admin-view:" + message.getIdentifier(),
                event.userId(),
                Severity.INFO,
                "SECURITY_ADMIN_VIEWED",
                admin + " opened your data ("
                        + clip(event.what(), 200) + ") at " + SHOWN.format(event.at())
                        + ". Further views by this admin within the hour are not announced.",
                event.at());
    }

    private void manyFailures(
            ReplayStatus replay,
            EventMessage<?> message,
            UserId userId,
            String clientIp,
            String browser,
            Instant at,
            Instant lockedUntil) {
        if (replay.isReplay()) {
            return;
        }
        var user = userId.value();
        // a new burst when there is none or the last failure of the previous one is older than the gap
        int started = jdbc.update("""
                insert into security_alert_marks (user_id, mark, at) values (?, 'login-failures', ?)
                on conflict (user_id, mark) do update set at = excluded.at where security_alert_marks.at < ?
                """, user, ts(at), ts(at.minus(BURST_GAP)));
        if (started == 0) {
            jdbc.update("""
                    update security_alert_marks set at = greatest(at, ?) where user_id = ? and mark = 'login-failures'
                    """, ts(at), user);
            return;
        }
        raise(
                replay,
                "security:login-failures:" + message.getIdentifier(),
                userId,
                Severity.WARNING,
                "SECURITY_LOGIN_FAILURES",
                "Many failed sign-ins to your account (" + MANY_FAILURES
                        + " or more within " + BURST_GAP.toMinutes() + " minutes), the latest from IP " + ip(clientIp)
                        + " (" + browser + ") at " + SHOWN.format(at) + "."
                        + (lockedUntil == null
                                ? ""
                                : " Your account is locked until " + SHOWN.format(lockedUntil) + ".")
                        + " If this wasn't you, someone may be guessing your password: make sure it is a strong one.",
                at);
    }

    /** Publishes the alert unless this is a replay or the alert was raised already (a redelivery). */
    private void raise(
            ReplayStatus replay,
            String alertId,
            UserId userId,
            Severity severity,
            String kind,
            String message,
            Instant at) {
        if (replay.isReplay()) {
            return;
        }
        int recorded = jdbc.update("""
                insert into security_alerts_raised (alert_id, user_id, raised_at) values (?, ?, ?)
                on conflict (alert_id) do nothing
                """, alertId, userId.value(), ts(at));
        if (recorded == 1) {
            events.publish(new AlertRaised(alertId, userId, severity, kind, clip(message, 1000), at));
        }
    }

    /** "You from IP x (Chrome on Linux)", "An admin", "The platform": never another person's IP. */
    private static String who(
            UserId userId, String actorId, String actorRole, String clientIp, String browserFamily, String self) {
        if (userId.value().toString().equals(actorId)) {
            return self + ", from IP " + ip(clientIp) + " (" + browser(browserFamily) + "),";
        }
        if ("system".equals(actorRole) || actorId == null) {
            return "The platform";
        }
        return "An admin";
    }

    private boolean exists(String sql, Object... args) {
        return Boolean.TRUE.equals(jdbc.queryForObject(sql, Boolean.class, args));
    }

    private static String browser(String family) {
        return family == null || family.isBlank() ? UNKNOWN_BROWSER : clip(family, 64);
    }

    private static String ip(String clientIp) {
        return clientIp == null || clientIp.isBlank() ? "unknown" : clip(clientIp, 64);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }
}
