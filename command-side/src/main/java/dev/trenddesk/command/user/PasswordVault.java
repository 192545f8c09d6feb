package dev.trenddesk.command.user;

import dev.trenddesk.api.common.Password;
import dev.trenddesk.api.common.UserId;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashes, kept in their own table and never in an event (ADR 0003). Written with JDBC
 * inside the command's transaction, so a hash and the event that announces its change commit or
 * roll back together.
 */
@Component
public class PasswordVault {

    /** Argon2id at OWASP's minimum: 19 MiB, 2 iterations, parallelism 1. */
    static final PasswordEncoder ENCODER = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

    /** A hash of nothing anyone knows, checked for unknown usernames so timing does not tell them apart. */
    private static final String DECOY = ENCODER.encode("decoy password that matches nothing");

    private final JdbcTemplate jdbc;

    public PasswordVault(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void store(UserId userId, Password password, Instant at) {
        String hash = ENCODER.encode(password.value());
        jdbc.update("""
                insert into password_vault (user_id, hash, changed_at) values (?, ?, ?)
                on conflict (user_id) do update set hash = excluded.hash, changed_at = excluded.changed_at
                """, userId.value(), hash, java.sql.Timestamp.from(at));
    }

    /** Forgets the hash (erasure): the account can never log in again. */
    public void delete(UserId userId) {
        jdbc.update("delete from password_vault where user_id = ?", userId.value());
    }

    public boolean matches(UserId userId, Password password) {
        List<String> hashes =
                jdbc.queryForList("select hash from password_vault where user_id = ?", String.class, userId.value());
        if (hashes.isEmpty()) {
            ENCODER.matches(password.value(), DECOY);
            return false;
        }
        return ENCODER.matches(password.value(), hashes.get(0));
    }

    /** Spends the time of one check without any account, for attempts on unknown usernames. */
    public static void spendDecoyCheck(Password password) {
        ENCODER.matches(password.value(), DECOY);
    }
}
