package dev.trenddesk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Faults injected through {@code POST /sim/faults}. Request faults wait in a queue and each hits the
 * next {@code count} requests whose path starts with its {@code path} filter; CLOCK_SKEW shifts the
 * server clock until the faults are cleared; WS_DROP acts at once and is not queued.
 */
final class Faults {

    /** The injectable fault types. */
    enum Type {
        LATENCY,
        HTTP_ERROR,
        TIMEOUT_504,
        HTTP_429,
        RATE_BLOCK_100410,
        REJECT,
        WS_DROP,
        CLOCK_SKEW
    }

    /** One queued request fault with its parameters (unused ones are zero / null). */
    record Fault(Type type, String path, long millis, int status, boolean executed, int code, String msg) {}

    private final List<Fault> queued = new ArrayList<>();
    private final List<Integer> remaining = new ArrayList<>();
    private volatile long clockSkewMillis;

    /** Parses a fault from its admin JSON; throws IllegalArgumentException when it is malformed. */
    static Fault parse(JsonNode json) {
        Type type;
        try {
            type = Type.valueOf(json.path("type").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown fault type: " + json.path("type").asText());
        }
        String path = json.hasNonNull("path") ? json.get("path").asText() : "";
        return switch (type) {
            case LATENCY -> new Fault(type, path, positive(json, "millis"), 0, false, 0, null);
            case HTTP_ERROR -> {
                int status = json.path("status").asInt(500);
                if (status < 400 || status > 599) {
                    throw new IllegalArgumentException("status must be an HTTP error status");
                }
                yield new Fault(type, path, 0, status, false, 0, null);
            }
            case TIMEOUT_504 ->
                new Fault(type, path, 0, 504, json.path("executed").asBoolean(false), 0, null);
            case HTTP_429 -> new Fault(type, path, 0, 429, false, 0, null);
            case RATE_BLOCK_100410 ->
                new Fault(type, path, positive(json, "unblockAfterMs"), 0, false, BingxException.RATE_BLOCKED, null);
            case REJECT -> {
                if (!json.path("code").canConvertToInt() || json.path("code").asInt() == 0) {
                    throw new IllegalArgumentException("REJECT needs a non-zero code");
                }
                yield new Fault(
                        type,
                        path,
                        0,
                        0,
                        false,
                        json.get("code").asInt(),
                        json.path("msg").asText(""));
            }
            case WS_DROP -> new Fault(type, path, 0, 0, false, 0, null);
            case CLOCK_SKEW -> {
                if (!json.path("millis").canConvertToLong()) {
                    throw new IllegalArgumentException("CLOCK_SKEW needs millis");
                }
                yield new Fault(type, path, json.get("millis").asLong(), 0, false, 0, null);
            }
        };
    }

    private static long positive(JsonNode json, String field) {
        long value = json.path(field).asLong(0);
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be a positive number");
        }
        return value;
    }

    /** Queues a request fault for the next {@code count} matching requests, or applies a clock skew. */
    synchronized void add(Fault fault, int count) {
        if (fault.type() == Type.CLOCK_SKEW) {
            clockSkewMillis = fault.millis();
            return;
        }
        queued.add(fault);
        remaining.add(count);
    }

    /** Takes the first queued fault matching {@code path}, consuming one of its uses. */
    synchronized Optional<Fault> take(String path) {
        Iterator<Fault> faults = queued.iterator();
        for (int i = 0; faults.hasNext(); i++) {
            Fault fault = faults.next();
            if (path.startsWith(fault.path())) {
                int left = remaining.get(i) - 1;
                if (left == 0) {
                    faults.remove();
                    remaining.remove(i);
                } else {
                    remaining.set(i, left);
                }
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }

    long clockSkewMillis() {
        return clockSkewMillis;
    }

    synchronized void clear() {
        queued.clear();
        remaining.clear();
        clockSkewMillis = 0;
    }
}
