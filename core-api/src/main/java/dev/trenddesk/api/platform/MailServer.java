package dev.trenddesk.api.platform;

import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SMTP server e-mail notifications go through, as an admin set it on the platform's settings (its password
 * travels apart, as key-vault ciphertext). Without one, the operator's {@code trenddesk.notifications.smtp.*}
 * properties apply.
 *
 * @param host     the server's host name or IP address (no scheme, no port)
 * @param port     1-65535
 * @param username the login; null or blank: the server is used without logging in
 * @param from     the sender address; null or blank: {@code trenddesk@<host>}
 * @param starttls whether the connection must be upgraded with STARTTLS (and the server's name checked)
 */
public record MailServer(String host, int port, String username, String from, boolean starttls) {

    /** A host name (letters, digits, hyphens, dots) or an IPv4 / bracket-less IPv6 address. */
    public static final String HOST_REGEX = "^[A-Za-z0-9](?:[A-Za-z0-9.:-]{0,251}[A-Za-z0-9])?$";

    public static final String FROM_REGEX = "^[^\\s@<>\"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$";
    public static final int MAX_USERNAME = 256;
    public static final int MAX_PASSWORD = 256;

    private static final Pattern HOST = Pattern.compile(HOST_REGEX);
    private static final Pattern FROM = Pattern.compile(FROM_REGEX);
    private static final Pattern PRINTABLE = Pattern.compile("^[\\x21-\\x7e]*$");
    private static final Pattern PRINTABLE_OR_SPACE = Pattern.compile("^[\\x20-\\x7e]*$");

    /** This server, trimmed, with blank user name and sender as null; 422 naming the field when a value is bad. */
    public MailServer validated() {
        List<FieldViolation> problems = new ArrayList<>();
        String h = host == null ? "" : host.strip();
        if (!HOST.matcher(h).matches() || h.contains("..")) {
            problems.add(new FieldViolation(
                    "mailServer.host",
                    "must be a host name or IP address, without scheme or port, like smtp.example.com"));
        }
        if (port < 1 || port > 65535) {
            problems.add(new FieldViolation("mailServer.port", "must be between 1 and 65535"));
        }
        String user = blankToNull(username);
        if (user != null
                && (user.length() > MAX_USERNAME || !PRINTABLE.matcher(user).matches())) {
            problems.add(new FieldViolation(
                    "mailServer.username", "must be at most " + MAX_USERNAME + " printable characters without spaces"));
        }
        String sender = blankToNull(from);
        if (sender != null && !FROM.matcher(sender).matches()) {
            problems.add(new FieldViolation("mailServer.from", "must be an e-mail address like alerts@example.com"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new MailServer(h, port, user, sender, starttls);
    }

    /** A password's own check (it never reaches the aggregate in plain text). */
    public static void requireValidPassword(String password) {
        if (password.isEmpty()
                || password.length() > MAX_PASSWORD
                || !PRINTABLE_OR_SPACE.matcher(password).matches()) {
            throw new InvalidInputException(
                    "mailServer.password", "must be 1-" + MAX_PASSWORD + " printable ASCII characters");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
