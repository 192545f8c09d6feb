package dev.trenddesk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-only HTTP client of the simulator, written independently of the main code: signs BingX requests
 * the way BingX's documentation describes (HMAC-SHA256 hex over the raw parameter string, values
 * URL-encoded on the wire) and calls the admin API.
 */
final class SimHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    SimHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        int code() {
            return json().path("code").asInt();
        }

        JsonNode data() {
            return json().path("data");
        }
    }

    static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> params(String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return params;
    }

    /** A signed request; timestamp is appended (now) unless already present. */
    Answer signed(String method, String path, Map<String, String> params, String apiKey, String secret) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.putIfAbsent("timestamp", String.valueOf(System.currentTimeMillis()));
        StringBuilder raw = new StringBuilder();
        StringBuilder wire = new StringBuilder();
        all.forEach((k, v) -> {
            if (!raw.isEmpty()) {
                raw.append('&');
                wire.append('&');
            }
            raw.append(k).append('=').append(v);
            wire.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        String query = wire + "&signature=" + hmac(secret, raw.toString());
        return send(method, path + "?" + query, apiKey, null);
    }

    Answer send(String method, String pathAndQuery, String apiKey, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (apiKey != null) {
            request.header("X-BX-APIKEY", apiKey);
        }
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String pathAndQuery) {
        return send("GET", pathAndQuery, null, null);
    }

    Answer admin(String method, String path, String jsonBody) {
        return send(method, path, null, jsonBody);
    }

    /** Creates an account through the admin API and returns a signer bound to it. */
    Trader account(String apiKey, String secret, String balance, String positionMode, int leverage) {
        Answer created = admin("POST", "/sim/accounts", """
                {"apiKey":"%s","secretKey":"%s","balance":"%s","permissions":["READ","TRADE"],
                 "positionMode":"%s","leverage":%d}""".formatted(apiKey, secret, balance, positionMode, leverage));
        if (created.status() != 201) {
            throw new IllegalStateException("account not created: " + created);
        }
        return new Trader(apiKey, secret);
    }

    /** Signed calls on behalf of one account. */
    final class Trader {
        final String apiKey;
        final String secret;

        Trader(String apiKey, String secret) {
            this.apiKey = apiKey;
            this.secret = secret;
        }

        Answer call(String method, String path, String... keyValues) {
            return signed(method, path, params(keyValues), apiKey, secret);
        }

        JsonNode order(String... keyValues) {
            Answer answer = call("POST", "/openApi/swap/v2/trade/order", keyValues);
            if (answer.code() != 0) {
                throw new IllegalStateException("order refused: " + answer.body());
            }
            return answer.data().path("order");
        }

        JsonNode balance() {
            return call("GET", "/openApi/swap/v2/user/balance").data().path("balance");
        }

        JsonNode positions(String symbol) {
            return call("GET", "/openApi/swap/v2/user/positions", "symbol", symbol)
                    .data();
        }

        JsonNode query(String symbol, long orderId) {
            return call("GET", "/openApi/swap/v2/trade/order", "symbol", symbol, "orderId", String.valueOf(orderId))
                    .data()
                    .path("order");
        }

        JsonNode admin() {
            return SimHttp.this.admin("GET", "/sim/accounts/" + apiKey, null).json();
        }
    }
}
