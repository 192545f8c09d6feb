package dev.trenddesk.gateway.web.readside;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Query-string filters of the read side and the audit log: a parameter left out takes its default,
 * one given empty or malformed is a 400 problem naming the parameter.
 */
public final class Params {

    private static final Pattern SYMBOL = Pattern.compile("^[A-Z0-9]{1,20}-[A-Z0-9]{1,20}$");
    private static final Pattern CURSOR = Pattern.compile("^[0-9]{1,18}$");

    private Params() {}

    /** A parameter refused: 400 (or the status given), naming the parameter. */
    public static final class BadParameterException extends ResponseStatusException {

        private final String parameter;
        private final String problem;

        BadParameterException(String parameter, String problem) {
            this(HttpStatus.BAD_REQUEST, parameter, problem);
        }

        BadParameterException(HttpStatus status, String parameter, String problem) {
            super(status, parameter + ": " + problem);
            this.parameter = parameter;
            this.problem = problem;
        }

        public String parameter() {
            return parameter;
        }

        public String problem() {
            return problem;
        }
    }

    public static BadParameterException bad(String parameter, String message) {
        return new BadParameterException(parameter, message);
    }

    /** What the parameter names does not exist: 404, naming the parameter. */
    public static BadParameterException notFound(String parameter, String message) {
        return new BadParameterException(HttpStatus.NOT_FOUND, parameter, message);
    }

    /** A well-formed parameter whose value cannot be served: 422, naming the parameter. */
    public static BadParameterException unprocessable(String parameter, String message) {
        return new BadParameterException(HttpStatus.UNPROCESSABLE_ENTITY, parameter, message);
    }

    /** Whether a parameter was given: absent is false, given but empty or blank is a 400. */
    public static boolean given(String name, String value) {
        if (value == null) {
            return false;
        }
        if (value.isBlank()) {
            throw bad(name, "must not be empty; leave the parameter out for its default");
        }
        return true;
    }

    public static int limit(Integer value, int byDefault, int max) {
        if (value == null) {
            return byDefault;
        }
        if (value < 1 || value > max) {
            throw bad("limit", "must be between 1 and " + max);
        }
        return value;
    }

    public static Instant instant(String name, String value) {
        if (!given(name, value)) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw bad(name, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    public static void range(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw bad("from", "must be before 'to'");
        }
    }

    public static Long cursor(String value) {
        if (!given("cursor", value)) {
            return null;
        }
        if (!CURSOR.matcher(value.trim()).matches()) {
            throw bad("cursor", "is not a cursor this API gave out");
        }
        return Long.parseLong(value.trim());
    }

    public static String symbol(String value) {
        if (!given("symbol", value)) {
            return null;
        }
        String symbol = value.trim().toUpperCase(java.util.Locale.ROOT);
        if (!SYMBOL.matcher(symbol).matches()) {
            throw bad("symbol", "must look like BTC-USDT");
        }
        return symbol;
    }

    public static String text(String name, String value, int max) {
        if (!given(name, value)) {
            return null;
        }
        if (value.length() > max) {
            throw bad(name, "must be at most " + max + " characters");
        }
        return value.trim();
    }
}
