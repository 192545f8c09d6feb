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
 * Set-based validation for the UserAccount aggregate: unique usernames and e-mails, and the role
 * of another account. Written with JDBC in the same transaction as the events, so of two
 * concurrent registrations of one username exactly one commits.
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
            jdbc.update("insert into user_directory (user_id, username, email, role) values (?, ?, ?, ?)",
                    userId.value(), username, email, role.name());
        } catch (DuplicateKeyException raced) {
            String field = raced.getMessage() != null && raced.getMessage().contains("email") ? "email" : "username";
            throw new InvalidInputException(field, "is already taken");
        }
    }

    public void changeRole(UserId userId, Role role) {
        jdbc.update("update user_directory set role = ? where user_id = ?", role.name(), userId.value());
    }

    public Optional<Role> roleOf(UserId userId) {
        List<String> roles = jdbc.queryForList("select role from user_directory where user_id = ?", String.class,
                userId.value());
        return roles.stream().findFirst().map(Role::valueOf);
    }

    public Optional<UserId> idOfUsername(String username) {
        List<java.util.UUID> ids = jdbc.queryForList("select user_id from user_directory where lower(username) = lower(?)",
                java.util.UUID.class, username);
        return ids.stream().findFirst().map(UserId::new);
    }

    private boolean taken(String condition, String value) {
        Integer count = jdbc.queryForObject("select count(*) from user_directory where " + condition, Integer.class, value);
        return count != null && count > 0;
    }
}
