package dev.trenddesk.command.user;

import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Set-based validation for the UserAccount aggregate: unique usernames and e-mails, the role of
 * another account, and at least one active admin. Written with JDBC in the same transaction as the
 * events, so of two concurrent registrations of one username exactly one commits, and of two
 * concurrent removals of the last two active admins exactly one commits.
 */
@Component
public class UserDirectory {

    private final JdbcTemplate jdbc;

    public UserDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the username and e-mail for this user, or refuses naming the field already taken. */
    public void claim(UserId userId, String username, String email, Role role) {
        if (taken("lower(username) = lower(?)", username)) {
            throw new InvalidInputException("username", "is already taken");
        }
        if (taken("lower(email) = lower(?)", email)) {
            throw new InvalidInputException("email", "is already registered");
        }
        try {
            jdbc.update(
                    "insert into user_directory (user_id, username, email, role) values (?, ?, ?, ?)",
                    userId.value(),
                    username,
                    email,
                    role.name());
        } catch (DuplicateKeyException raced) {
            String field = raced.getMessage() != null && raced.getMessage().contains("email") ? "email" : "username";
            throw new InvalidInputException(field, "is already taken");
        }
    }

    /**
     * Moves the user's directory row to a new e-mail address (lower case), which frees the old one,
     * or refuses naming {@code email} when another account has the new one. Like {@link #claim}, the
     * unique index on lower(email) decides between two concurrent claims of one address.
     */
    public void changeEmail(UserId userId, String email) {
        if (taken("lower(email) = lower(?) and user_id <> ?", email, userId.value())) {
            throw new InvalidInputException("email", "is already registered");
        }
        try {
            jdbc.update("update user_directory set email = ? where user_id = ?", email, userId.value());
        } catch (DuplicateKeyException raced) {
            throw new InvalidInputException("email", "is already registered");
        }
    }

    public void changeRole(UserId userId, Role role) {
        jdbc.update("update user_directory set role = ? where user_id = ?", role.name(), userId.value());
    }

    /** The user is now an active admin (registered, promoted or reactivated as one). Idempotent. */
    public void addActiveAdmin(UserId userId) {
        jdbc.update("insert into active_admin (user_id) values (?) on conflict (user_id) do nothing", userId.value());
    }

    /**
     * The user stops being an active admin (demoted, deactivated or erased), or the change is refused
     * (→ 409) when they are the last one. Every active-admin row is locked first, always in the same
     * order, so concurrent removals run one after the other: the second counts after the first has
     * committed and sees the admins that are really left (docs/adr/0012).
     */
    public void releaseActiveAdmin(UserId userId, String username) {
        List<java.util.UUID> admins =
                jdbc.queryForList("select user_id from active_admin order by user_id for update", java.util.UUID.class);
        if (admins.size() == 1 && admins.contains(userId.value())) {
            throw new LastActiveAdminException(username);
        }
        jdbc.update("delete from active_admin where user_id = ?", userId.value());
    }

    /** The active admins, as the command side counts them. */
    public List<UserId> activeAdmins() {
        return jdbc.queryForList("select user_id from active_admin order by user_id", java.util.UUID.class).stream()
                .map(UserId::new)
                .toList();
    }

    public Optional<Role> roleOf(UserId userId) {
        List<String> roles =
                jdbc.queryForList("select role from user_directory where user_id = ?", String.class, userId.value());
        return roles.stream().findFirst().map(Role::valueOf);
    }

    public Optional<UserId> idOfUsername(String username) {
        List<java.util.UUID> ids = jdbc.queryForList(
                "select user_id from user_directory where lower(username) = lower(?)", java.util.UUID.class, username);
        return ids.stream().findFirst().map(UserId::new);
    }

    private boolean taken(String condition, Object... values) {
        Integer count =
                jdbc.queryForObject("select count(*) from user_directory where " + condition, Integer.class, values);
        return count != null && count > 0;
    }
}
