package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The claims of the idle balance poll in {@code idle_balance_checks} (V90). A claim moves the row's
 * {@code next_check_at} forward in the same statement that selects it with
 * {@code FOR UPDATE SKIP LOCKED}, so of several saga nodes exactly one reads a user's balance per
 * interval (the same pattern as the credentials health checks). Only users with a verified key and
 * no running or paused session are claimed: a running bot records its own balance readings.
 */
@Component
public class IdleBalanceChecks {

    /** Users without a session that is not STOPPED (the trading side's own ledger). */
    private static final String IDLE = """
            not exists (select 1 from trading_ledger_session s where s.user_id = b2.user_id and s.status <> 'STOPPED')
            """;

    private final JdbcTemplate jdbc;

    public IdleBalanceChecks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A claimed check: the user and the last reading recorded for them (all null before the first).
     */
    public record Claim(UserId userId, BigDecimal equity, BigDecimal availableBalance, Instant observedAt) {

        /** Whether this reading is the one last recorded (same values). */
        boolean unchanged(BigDecimal readEquity, BigDecimal readAvailable) {
            return observedAt != null
                    && equity != null
                    && equity.compareTo(readEquity) == 0
                    && (availableBalance == null
                            ? readAvailable == null
                            : readAvailable != null && availableBalance.compareTo(readAvailable) == 0);
        }
    }

    /** Why a user's check could not be claimed on demand. */
    public record State(boolean verified, boolean running, Instant observedAt) {}

    /**
     * Claims up to {@code limit} due checks of idle users; each becomes due again after {@code interval}.
     * A newly verified key is first due one interval after it is seen (its verification has just read
     * the account; a dashboard opened meanwhile reads it on demand).
     */
    public List<Claim> claimDue(Instant now, Duration interval, int limit) {
        seed(now.plus(interval), null);
        return jdbc.query(
                """
                update idle_balance_checks b set next_check_at = ?, checked_at = ?
                from (select b2.user_id from idle_balance_checks b2
                      join credentials_secrets c on c.user_id = b2.user_id and c.status = 'VERIFIED'
                      where b2.next_check_at <= ? and %s
                      order by b2.next_check_at limit ? for update of b2 skip locked) d
                where b.user_id = d.user_id
                returning b.user_id, b.equity, b.available_balance, b.observed_at
                """.formatted(IDLE),
                (rs, i) -> claim(rs),
                Timestamp.from(now.plus(interval)),
                Timestamp.from(now),
                Timestamp.from(now),
                limit);
    }

    /**
     * Claims one user's check when it is idle and its last check is older than {@code freshFor} (or
     * nothing was ever recorded); empty when it is fresh, running, without a verified key, or being
     * checked by someone else right now.
     */
    public Optional<Claim> claimStale(UserId userId, Instant now, Duration freshFor, Duration interval) {
        seed(now.plus(interval), userId);
        return jdbc
                .query(
                        """
                update idle_balance_checks b set checked_at = ?, next_check_at = greatest(b.next_check_at, ?)
                from (select b2.user_id from idle_balance_checks b2
                      join credentials_secrets c on c.user_id = b2.user_id and c.status = 'VERIFIED'
                      where b2.user_id = ? and (b2.checked_at is null or b2.checked_at < ? or b2.observed_at is null)
                        and %s
                      for update of b2 skip locked) d
                where b.user_id = d.user_id
                returning b.user_id, b.equity, b.available_balance, b.observed_at
                """.formatted(IDLE),
                        (rs, i) -> claim(rs),
                        Timestamp.from(now),
                        Timestamp.from(now.plus(interval)),
                        userId.value(),
                        Timestamp.from(now.minus(freshFor)))
                .stream()
                .findFirst();
    }

    /** Whether the user has a verified key and a running bot, and when their last recorded reading was taken. */
    public State state(UserId userId) {
        Map<String, Object> row = jdbc.queryForMap("""
                select exists (select 1 from credentials_secrets c where c.user_id = u.user_id and c.status = 'VERIFIED')
                           as verified,
                       exists (select 1 from trading_ledger_session s where s.user_id = u.user_id and s.status <> 'STOPPED')
                           as running,
                       (select b.observed_at from idle_balance_checks b where b.user_id = u.user_id) as observed_at
                from (select ?::uuid as user_id) u
                """, userId.value());
        Object observed = row.get("observed_at");
        return new State(
                Boolean.TRUE.equals(row.get("verified")),
                Boolean.TRUE.equals(row.get("running")),
                observed instanceof Timestamp t ? t.toInstant() : null);
    }

    /** Remembers a recorded reading (never replacing a newer one). */
    public void recorded(UserId userId, BigDecimal equity, BigDecimal availableBalance, Instant at) {
        jdbc.update("""
                update idle_balance_checks set equity = ?, available_balance = ?, observed_at = ?
                where user_id = ? and (observed_at is null or observed_at <= ?)
                """, equity, availableBalance, Timestamp.from(at), userId.value(), Timestamp.from(at));
    }

    /** A row for every verified key that has none yet (only {@code userId}'s when given), first due at {@code due}. */
    private void seed(Instant due, UserId userId) {
        jdbc.update(
                """
                insert into idle_balance_checks (user_id, next_check_at)
                select c.user_id, ? from credentials_secrets c
                where c.status = 'VERIFIED' and (?::uuid is null or c.user_id = ?::uuid)
                  and not exists (select 1 from idle_balance_checks b where b.user_id = c.user_id)
                on conflict (user_id) do nothing
                """,
                Timestamp.from(due),
                userId == null ? null : userId.value(),
                userId == null ? null : userId.value());
    }

    private static Claim claim(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp observed = rs.getTimestamp("observed_at");
        return new Claim(
                new UserId(rs.getObject("user_id", UUID.class)),
                rs.getBigDecimal("equity"),
                rs.getBigDecimal("available_balance"),
                observed == null ? null : observed.toInstant());
    }
}
