package dev.trenddesk.strategy.notify;

import dev.trenddesk.api.notify.DeliveryView;
import dev.trenddesk.api.notify.NotificationChannel;
import dev.trenddesk.api.notify.NotificationKind;
import dev.trenddesk.api.platform.Branding;
import dev.trenddesk.api.platform.MailServer;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The tables of notifications (V101): channels and the delivery outbox. */
@Component
class NotificationStore {

    static final String PENDING = "PENDING";
    static final String RETRYING = "RETRYING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";
    static final String CANCELLED = "CANCELLED";

    private final JdbcTemplate jdbc;

    NotificationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored channel; {@code secretCiphertext} is the key vault's base64. */
    record Channel(
            UUID userId,
            NotificationChannel channel,
            boolean enabled,
            String target,
            String secretCiphertext,
            String secretMask,
            Set<NotificationKind> events,
            Instant updatedAt) {}

    /** A delivery claimed for an attempt. */
    record Claim(
            String id,
            UUID userId,
            NotificationChannel channel,
            NotificationKind kind,
            String title,
            String body,
            String details,
            int attempts,
            Instant createdAt) {}

    List<Channel> channels(UUID userId) {
        return jdbc.query(
                "select * from notification_channels where user_id = ? order by channel", this::channel, userId);
    }

    Optional<Channel> channel(UUID userId, NotificationChannel channel) {
        return jdbc
                .query(
                        "select * from notification_channels where user_id = ? and channel = ?",
                        this::channel,
                        userId,
                        channel.name())
                .stream()
                .findFirst();
    }

    void save(Channel c) {
        jdbc.update(
                """
                insert into notification_channels
                    (user_id, channel, enabled, target, secret_ciphertext, secret_mask, events, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (user_id, channel) do update set enabled = excluded.enabled, target = excluded.target,
                    secret_ciphertext = excluded.secret_ciphertext, secret_mask = excluded.secret_mask,
                    events = excluded.events, updated_at = excluded.updated_at
                """,
                c.userId(),
                c.channel().name(),
                c.enabled(),
                c.target(),
                c.secretCiphertext(),
                c.secretMask(),
                c.events().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                Timestamp.from(c.updatedAt()));
    }

    void remove(UUID userId, NotificationChannel channel) {
        jdbc.update("delete from notification_channels where user_id = ? and channel = ?", userId, channel.name());
    }

    void removeUser(UUID userId) {
        jdbc.update("delete from notification_channels where user_id = ?", userId);
        jdbc.update("delete from notification_deliveries where user_id = ?", userId);
        jdbc.update("delete from notification_day_trades where user_id = ?", userId);
        jdbc.update("delete from notification_day_equity where user_id = ?", userId);
    }

    /** The channels that are on and chose the kind, of every user. */
    List<Channel> channelsChoosing(NotificationKind kind) {
        return jdbc.query(
                "select * from notification_channels where enabled and (',' || events || ',') like ? "
                        + "order by user_id, channel",
                this::channel,
                "%," + kind.name() + ",%");
    }

    boolean exists(String deliveryId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from notification_deliveries where id = ?)", Boolean.class, deliveryId));
    }

    /** A closed trade of the UTC day; the same event a second time is ignored. */
    void recordTrade(String eventId, UUID userId, LocalDate day, BigDecimal netPnl) {
        jdbc.update(
                "insert into notification_day_trades (event_id, user_id, day, net_pnl) values (?, ?, ?, ?) "
                        + "on conflict (event_id) do nothing",
                eventId,
                userId,
                day,
                netPnl);
    }

    /** An equity reading: the day keeps its latest one. */
    void recordEquity(UUID userId, Instant at, BigDecimal equity) {
        jdbc.update("""
                insert into notification_day_equity (user_id, day, equity, observed_at) values (?, ?, ?, ?)
                on conflict (user_id, day) do update set equity = excluded.equity, observed_at = excluded.observed_at
                where notification_day_equity.observed_at <= excluded.observed_at
                """, userId, LocalDate.ofInstant(at, ZoneOffset.UTC), equity, Timestamp.from(at));
    }

    /** The closed trades of a UTC day. */
    record DayTrades(int count, int wins, int losses, BigDecimal netPnl) {}

    DayTrades dayTrades(UUID userId, LocalDate day) {
        return jdbc.queryForObject(
                """
                select count(*) as n, count(*) filter (where net_pnl > 0) as wins,
                       count(*) filter (where net_pnl < 0) as losses, coalesce(sum(net_pnl), 0) as net
                from notification_day_trades where user_id = ? and day = ?
                """,
                (rs, i) ->
                        new DayTrades(rs.getInt("n"), rs.getInt("wins"), rs.getInt("losses"), rs.getBigDecimal("net")),
                userId,
                day);
    }

    /** The last equity reading at the end of the day (of that day, or the last one before it); empty when none. */
    Optional<BigDecimal> equityAtEndOf(UUID userId, LocalDate day) {
        return jdbc
                .queryForList(
                        "select equity from notification_day_equity where user_id = ? and day <= ? "
                                + "order by day desc limit 1",
                        BigDecimal.class,
                        userId,
                        day)
                .stream()
                .findFirst();
    }

    /** Forgets the days before {@code before}, keeping each user's latest equity reading. */
    void purgeDays(LocalDate before) {
        jdbc.update("delete from notification_day_trades where day < ?", before);
        jdbc.update("""
                delete from notification_day_equity e where e.day < ?
                  and exists (select 1 from notification_day_equity n where n.user_id = e.user_id and n.day > e.day)
                """, before);
    }

    /**
     * Forgets the delivery history's finished rows (delivered, failed, cancelled) queued before {@code before};
     * rows still to be sent stay whatever their age. How many went.
     */
    int purgeFinished(Instant before) {
        return jdbc.update(
                "delete from notification_deliveries where status in (?, ?, ?) and created_at < ?",
                DELIVERED,
                FAILED,
                CANCELLED,
                Timestamp.from(before));
    }

    /** Queues a delivery; a second one for the same id (a redelivered source event) is ignored. */
    boolean enqueue(
            String id,
            UUID userId,
            NotificationChannel channel,
            NotificationKind kind,
            String sourceId,
            String title,
            String body,
            String details,
            Instant now) {
        return jdbc.update(
                        """
                insert into notification_deliveries
                    (id, user_id, channel, kind, source_id, title, body, details, status, attempts, created_at,
                     next_attempt_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
                on conflict (id) do nothing
                """,
                        id,
                        userId,
                        channel.name(),
                        kind.name(),
                        sourceId,
                        title,
                        body,
                        details,
                        Timestamp.from(now),
                        Timestamp.from(now))
                > 0;
    }

    /**
     * Claims up to {@code limit} due deliveries: their next attempt moves {@code lease} ahead in the same
     * statement, so no other node takes them meanwhile, and one a dead node held is due again after it.
     */
    List<Claim> claimDue(Instant now, java.time.Duration lease, int limit) {
        return jdbc.query(
                """
                update notification_deliveries d set next_attempt_at = ?
                where d.id in (select id from notification_deliveries
                               where status in ('PENDING', 'RETRYING') and next_attempt_at <= ?
                               order by next_attempt_at limit ? for update skip locked)
                returning d.id, d.user_id, d.channel, d.kind, d.title, d.body, d.details, d.attempts, d.created_at
                """,
                (rs, i) -> new Claim(
                        rs.getString("id"),
                        rs.getObject("user_id", UUID.class),
                        NotificationChannel.valueOf(rs.getString("channel")),
                        NotificationKind.valueOf(rs.getString("kind")),
                        rs.getString("title"),
                        rs.getString("body"),
                        rs.getString("details"),
                        rs.getInt("attempts"),
                        rs.getTimestamp("created_at").toInstant()),
                Timestamp.from(now.plus(lease)),
                Timestamp.from(now),
                limit);
    }

    /** Records an attempt's outcome; only when no other attempt was recorded since the claim. */
    void record(Claim claim, String status, Integer statusCode, String error, Instant now, Instant nextAttempt) {
        jdbc.update(
                """
                update notification_deliveries set status = ?, attempts = attempts + 1, last_status_code = ?,
                    last_error = ?, last_attempt_at = ?, next_attempt_at = ?,
                    delivered_at = case when ? = 'DELIVERED' then ? else delivered_at end
                where id = ? and attempts = ? and status in ('PENDING', 'RETRYING')
                """,
                status,
                statusCode,
                error,
                Timestamp.from(now),
                nextAttempt == null ? null : Timestamp.from(nextAttempt),
                status,
                Timestamp.from(now),
                claim.id(),
                claim.attempts());
    }

    /** A delivery whose channel is gone or switched off: not sent, not tried again. */
    void cancel(Claim claim, String why, Instant now) {
        jdbc.update("""
                update notification_deliveries set status = 'CANCELLED', last_error = ?, next_attempt_at = null,
                    last_attempt_at = ?
                where id = ? and attempts = ? and status in ('PENDING', 'RETRYING')
                """, why, Timestamp.from(now), claim.id(), claim.attempts());
    }

    List<DeliveryView> deliveries(UUID userId, int limit) {
        return jdbc.query(
                "select * from notification_deliveries where user_id = ? order by created_at desc, id limit ?",
                this::delivery,
                userId,
                limit);
    }

    Optional<DeliveryView> delivery(UUID userId, String id) {
        return jdbc
                .query("select * from notification_deliveries where user_id = ? and id = ?", this::delivery, userId, id)
                .stream()
                .findFirst();
    }

    private Channel channel(ResultSet rs, int row) throws SQLException {
        String events = rs.getString("events");
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        if (!events.isBlank()) {
            Arrays.stream(events.split(",")).map(NotificationKind::valueOf).forEach(kinds::add);
        }
        return new Channel(
                rs.getObject("user_id", UUID.class),
                NotificationChannel.valueOf(rs.getString("channel")),
                rs.getBoolean("enabled"),
                rs.getString("target"),
                rs.getString("secret_ciphertext"),
                rs.getString("secret_mask"),
                kinds,
                rs.getTimestamp("updated_at").toInstant());
    }

    private DeliveryView delivery(ResultSet rs, int row) throws SQLException {
        Integer code = rs.getObject("last_status_code") == null ? null : rs.getInt("last_status_code");
        return new DeliveryView(
                rs.getString("id"),
                NotificationChannel.valueOf(rs.getString("channel")),
                NotificationKind.valueOf(rs.getString("kind")),
                rs.getString("status"),
                rs.getInt("attempts"),
                code,
                rs.getString("last_error"),
                rs.getString("title"),
                instant(rs, "created_at"),
                instant(rs, "last_attempt_at"),
                instant(rs, "next_attempt_at"),
                instant(rs, "delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** The SMTP server an admin set; {@code server} null: none (the operator's properties apply). */
    record AdminMailServer(MailServer server, String passwordCiphertext, Instant updatedAt) {}

    /** Keeps what an admin set; a null password ciphertext with {@code passwordChanged} false keeps the stored one. */
    void mailServer(MailServer server, boolean passwordSet, String newPasswordCiphertext, Instant at) {
        jdbc.update(
                "update notification_mail_server set host = ?, port = ?, username = ?, sender = ?, starttls = ?,"
                        + " password_ciphertext = case when ? then coalesce(?, password_ciphertext) end,"
                        + " updated_at = ? where singleton",
                server == null ? null : server.host(),
                server == null ? null : server.port(),
                server == null ? null : server.username(),
                server == null ? null : server.from(),
                server == null || server.starttls(),
                server != null && passwordSet,
                newPasswordCiphertext,
                Timestamp.from(at));
    }

    AdminMailServer mailServer() {
        return jdbc.queryForObject(
                "select host, port, username, sender, starttls, password_ciphertext, updated_at"
                        + " from notification_mail_server where singleton",
                (rs, i) -> new AdminMailServer(
                        rs.getString("host") == null
                                ? null
                                : new MailServer(
                                        rs.getString("host"),
                                        rs.getInt("port"),
                                        rs.getString("username"),
                                        rs.getString("sender"),
                                        rs.getBoolean("starttls")),
                        rs.getString("password_ciphertext"),
                        instant(rs, "updated_at")));
    }

    /** Keeps the brand an admin set (e-mails carry it). */
    void branding(Branding brand) {
        jdbc.update(
                "update notification_branding set product_name = ?, support_email = ?, legal_footer = ? where singleton",
                brand.productName(),
                brand.supportEmail(),
                brand.legalFooter());
    }

    /** The brand e-mails carry (the default one when none was set); only name, support e-mail and footer. */
    Branding branding() {
        List<Branding> rows = jdbc.query(
                "select product_name, support_email, legal_footer from notification_branding where singleton",
                (rs, i) -> rs.getString("product_name") == null
                        ? Branding.defaults()
                        : new Branding(
                                rs.getString("product_name"),
                                Branding.defaults().primaryColor(),
                                rs.getString("support_email"),
                                rs.getString("legal_footer")));
        return rows.isEmpty() ? Branding.defaults() : rows.getFirst();
    }
}
