package dev.trenddesk.api.notify;

import dev.trenddesk.api.platform.MailServer;
import java.time.Instant;

/**
 * The SMTP server e-mail notifications go through now.
 *
 * @param source      SETTINGS (an admin's, on the platform's settings), PROPERTIES (the operator's {@code
 *                    trenddesk.notifications.smtp.*}) or NONE (e-mail is not offered)
 * @param server      the server in use; null when NONE
 * @param passwordSet whether the server is logged in to with a password
 * @param updatedAt   when an admin last changed the settings; null when never
 */
public record MailServerView(Source source, MailServer server, boolean passwordSet, Instant updatedAt) {

    public enum Source {
        SETTINGS,
        PROPERTIES,
        NONE
    }

    public boolean available() {
        return source != Source.NONE;
    }
}
