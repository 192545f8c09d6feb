package dev.trenddesk.api.fees;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * How often a trader's performance fee is settled. Periods are calendar periods of market time (ADR 0027) in UTC.
 * Only monthly settlement exists today; the terms name it so that another period is a new constant, not a new
 * field.
 */
public enum SettlementPeriod {
    /** Calendar months, UTC: a period runs from the first of a month 00:00 to the first of the next. */
    MONTHLY;

    /** The start of the period {@code at} falls in. */
    public Instant start(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC))
                .atDay(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    /** The end (exclusive) of the period that starts at {@code start}: the next period's start. */
    public Instant end(Instant start) {
        return YearMonth.from(start.atZone(ZoneOffset.UTC))
                .plusMonths(1)
                .atDay(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    /** The period's name in statements and URLs: {@code 2027-01} for January 2027. */
    public String label(Instant start) {
        return YearMonth.from(start.atZone(ZoneOffset.UTC)).toString();
    }

    /** The start of the period named {@code label} ({@code yyyy-MM}); IllegalArgumentException when it is none. */
    public Instant parse(String label) {
        try {
            return YearMonth.parse(label).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (java.time.format.DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("not a month (yyyy-MM): " + label);
        }
    }
}
