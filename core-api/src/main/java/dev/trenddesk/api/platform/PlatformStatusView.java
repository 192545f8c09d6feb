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
 */
public record PlatformStatusView(boolean halted, String reason, boolean flatten, Instant since, String engagedBy) {

    public static PlatformStatusView running() {
        return new PlatformStatusView(false, null, false, null, null);
    }
}
