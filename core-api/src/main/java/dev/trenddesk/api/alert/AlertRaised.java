package dev.trenddesk.api.alert;

import dev.trenddesk.api.common.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Something a user must know about (credentials became unhealthy, a risk limit was breached, a
 * position is out of sync). Published as an event without an aggregate; the dashboard shows it.
 * Handlers that raise alerts never run on replay.
 *
 * @param alertId  deterministic for the cause, so the same cause never raises two alerts
 * @param kind     machine-readable kind, e.g. CREDENTIALS_UNHEALTHY, DAILY_LOSS_LIMIT
 */
@Revision("1")
public record AlertRaised(String alertId, UserId userId, Severity severity, String kind, String message, Instant at) {

    public enum Severity {
        INFO,
        WARNING,
        CRITICAL
    }
}
