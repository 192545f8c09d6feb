package dev.trenddesk.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer: status and JSON (or plain text) body; an empty body is sent as no content. */
record Reply(int status, String contentType, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPLICATION_JSON = "application/json";

    static Reply json(int status, Object value) {
        try {
            return new Reply(status, APPLICATION_JSON, JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a reply", e);
        }
    }

    static Reply text(int status, String text) {
        return new Reply(status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    static Reply empty(int status) {
        return new Reply(status, APPLICATION_JSON, new byte[0]);
    }

    /** BingX's success envelope {@code {"code":0,"msg":"","data":...}}. */
    static Reply ok(Object data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("code", 0);
        envelope.put("msg", "");
        envelope.put("data", data);
        return json(200, envelope);
    }

    /** BingX's error envelope, by default with HTTP 200 as BingX answers most refusals. */
    static Reply error(int status, int code, String msg) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("code", code);
        envelope.put("msg", msg);
        envelope.put("data", Map.of());
        return json(status, envelope);
    }

    /** Code 100410 with the unblock time in the message and in {@code data.unblockTime}. */
    static Reply rateBlocked(long unblockAt) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("code", BingxException.RATE_BLOCKED);
        envelope.put("msg", "The request rate is too high, unblocked after " + unblockAt);
        envelope.put("data", Map.of("unblockTime", unblockAt));
        return json(200, envelope);
    }
}
