package dev.trenddesk.simulator;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The decoded {@code k=v&k=v} parameters of one request, with typed accessors that refuse with 80014. */
final class Params {

    private final Map<String, String> values;

    private Params(Map<String, String> values) {
        this.values = values;
    }

    /** Parses a query string or form body; a repeated key keeps its last value. */
    static Params parse(String paramString) {
        Map<String, String> values = new LinkedHashMap<>();
        if (paramString != null && !paramString.isEmpty()) {
            for (String pair : paramString.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                values.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return new Params(values);
    }

    static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> BingxException.invalid(name + " is required"));
    }

    Optional<BigDecimal> decimal(String name) {
        return optional(name).map(value -> {
            try {
                return new BigDecimal(value);
            } catch (NumberFormatException e) {
                throw BingxException.invalid(name + " is not a number: " + value);
            }
        });
    }

    Optional<Long> longValue(String name) {
        return optional(name).map(value -> {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw BingxException.invalid(name + " is not an integer: " + value);
            }
        });
    }

    Optional<Boolean> bool(String name) {
        return optional(name).map(value -> switch (value.toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw BingxException.invalid(name + " must be true or false: " + value);
        });
    }
}
