package dev.trenddesk.api.notify;

import java.util.Optional;
import java.util.Set;

/**
 * What a user can choose to be told about on a channel, and which source event or alert each comes
 * from (docs/notifications.md). {@link #TEST} is the "send test" button's and cannot be chosen.
 */
public enum NotificationKind {
    /** A position was opened (PositionOpened). */
    ENTRY,
    /** A position was closed, with its P&amp;L (PositionClosed). */
    EXIT,
    /** The exchange rejected an order (alert ORDER_REJECTED). */
    ORDER_REJECTED,
    /** A risk limit or the platform paused or stopped the bot (DAILY_LOSS_LIMIT, MAX_DRAWDOWN, BOT_PAUSED, BOT_STOPPED). */
    RISK_STOP,
    /** The BingX key has trouble (CREDENTIALS_UNHEALTHY, CREDENTIALS_HEALTHY, BOT_PAUSED_CREDENTIALS). */
    KEY_PROBLEM,
    /** Suspicious activity on the account (every SECURITY_* alert). */
    SECURITY,
    /**
     * Once per UTC day: the previous day's closed trades (count, wins and losses, net P&amp;L), the equity at
     * its end, the open positions and the bot's status. Not from an event: queued by the daily summary job.
     */
    DAILY_SUMMARY,
    /** The "send test" button. */
    TEST;

    private static final Set<String> RISK = Set.of("DAILY_LOSS_LIMIT", "MAX_DRAWDOWN", "BOT_PAUSED", "BOT_STOPPED");
    private static final Set<String> KEY =
            Set.of("CREDENTIALS_UNHEALTHY", "CREDENTIALS_HEALTHY", "BOT_PAUSED_CREDENTIALS");

    /** The kind an alert of this {@code AlertRaised.kind} is sent as; empty when it is not sent. */
    public static Optional<NotificationKind> ofAlert(String alertKind) {
        if (alertKind == null) {
            return Optional.empty();
        }
        if (alertKind.equals("ORDER_REJECTED")) {
            return Optional.of(ORDER_REJECTED);
        }
        if (RISK.contains(alertKind)) {
            return Optional.of(RISK_STOP);
        }
        if (KEY.contains(alertKind)) {
            return Optional.of(KEY_PROBLEM);
        }
        if (alertKind.startsWith("SECURITY_")) {
            return Optional.of(SECURITY);
        }
        return Optional.empty();
    }

    public boolean choosable() {
        return this != TEST;
    }
}
