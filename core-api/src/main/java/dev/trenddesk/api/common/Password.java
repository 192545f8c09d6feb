package dev.trenddesk.api.common;

import java.util.Objects;

/**
 * A password in clear text on its way to be checked or hashed. It is never stored, never part of
 * an event, and its {@link #toString()} never shows it, so it cannot leak into a log line.
 */
public record Password(String value) {

    public Password {
        Objects.requireNonNull(value, "password");
    }

    @Override
    public String toString() {
        return "Password[******]";
    }
}
