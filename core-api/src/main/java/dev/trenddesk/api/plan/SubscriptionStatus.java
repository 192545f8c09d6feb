package dev.trenddesk.api.plan;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A subscription's status, evaluated when asked (on read, in market time): nothing has to run for a period to lapse.
 * Free plans and the default plan held without an assignment are always ACTIVE.
 */
public enum SubscriptionStatus {
    ACTIVE,
    PAST_DUE,
    CANCELLED;

    /**
     * @param paid        the plan has a price and was assigned (an unassigned trader's default plan is never paid)
     * @param paidThrough the end of the paid time; null: nothing paid
     */
    public static SubscriptionStatus of(boolean paid, Instant paidThrough, boolean cancelled, Instant now) {
        if (cancelled) {
            return CANCELLED;
        }
        if (!paid) {
            return ACTIVE;
        }
        return paidThrough != null && paidThrough.isAfter(now) ? ACTIVE : PAST_DUE;
    }

    /** Whether a bot may start and open new positions: ACTIVE, or CANCELLED within time still paid. */
    public static boolean mayEnter(boolean paid, Instant paidThrough, boolean cancelled, Instant now) {
        if (!paid) {
            return true;
        }
        return paidThrough != null && paidThrough.isAfter(now);
    }

    /** The monthly period (UTC months from {@code start}) that holds {@code now}: [0] start, [1] end. */
    public static Instant[] period(Instant start, Instant now) {
        var from = start.atZone(ZoneOffset.UTC);
        long months = Math.max(0, java.time.temporal.ChronoUnit.MONTHS.between(from, now.atZone(ZoneOffset.UTC)));
        return new Instant[] {
            from.plusMonths(months).toInstant(), from.plusMonths(months + 1).toInstant()
        };
    }
}
