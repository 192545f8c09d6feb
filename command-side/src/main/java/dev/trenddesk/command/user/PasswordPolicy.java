package dev.trenddesk.command.user;

import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.Password;
import java.util.Locale;

/** The password rules: 12 to 128 characters, and not the username. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    /** Throws {@link InvalidInputException} on {@code field} when the password breaks a rule. */
    public static void check(String field, Password password, String username) {
        String value = password == null ? "" : password.value();
        int length = value.codePointCount(0, value.length());
        if (length < MIN_LENGTH) {
            throw new InvalidInputException(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidInputException(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (username != null && value.trim().toLowerCase(Locale.ROOT).equals(username.trim().toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException(field, "must not be the username");
        }
    }
}
