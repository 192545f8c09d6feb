package dev.trenddesk.api.platform;

import java.time.Instant;

/**
 * Whether trading is halted on the whole platform, as every logged-in user sees it.
 *
 * @param halted    true while the kill switch is engaged
 * @param reason    why it was engaged (null when not halted)
 * @param flatten   whether positions were closed with it (false when not halted)
 * @param since     when it was engaged (null when not halted)
 * @param engagedBy the admin's user id who engaged it (null when not halted or unknown)
 * @param maintenance       true while maintenance mode is on: bots open no new positions, exits still run
 * @param maintenanceReason why (null when off)
 * @param maintenanceSince  since when (null when off)
 */
public record PlatformStatusView(
        boolean halted,
        String reason,
        boolean flatten,
        Instant since,
        String engagedBy,
        boolean maintenance,
        String maintenanceReason,
        Instant maintenanceSince) {

    public static PlatformStatusView running() {
        return new PlatformStatusView(false, null, false, null, null, false, null, null);
    }
}
