package dev.trenddesk.api.readside;

import dev.trenddesk.api.alert.AlertRaised.Severity;
import dev.trenddesk.api.common.UserId;
import java.time.Instant;

/** An alert as the user sees it on the dashboard. */
public record AlertView(String alertId, UserId userId, Severity severity, String kind, String message, Instant at) {}
