package dev.trenddesk.bingx.model;

import java.util.Locale;

/** An order's state at the exchange. {@link #UNKNOWN} stands for a status this client does not know. */
public enum OrderStatus {
    NEW,
    PENDING,
    PARTIALLY_FILLED,
    FILLED,
    CANCELED,
    EXPIRED,
    UNKNOWN;

    /** Parses BingX's status; both CANCELED and CANCELLED mean {@link #CANCELED}. */
    public static OrderStatus parse(String value) {
        if (value == null || value.isBlank()) {
            return UNKNOWN;
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.equals("CANCELLED")) {
            return CANCELED;
        }
        try {
            return valueOf(v);
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** Whether the order can no longer change. */
    public boolean isFinal() {
        return this == FILLED || this == CANCELED || this == EXPIRED;
    }
}
