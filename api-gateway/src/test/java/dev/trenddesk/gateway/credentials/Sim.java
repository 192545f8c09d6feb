package dev.trenddesk.gateway.credentials;

import dev.trenddesk.gateway.support.Api;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The built-in simulator's admin API (accounts, faults) for credentials tests. */
final class Sim {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Sim(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A key and secret, random and unique, as BingX issues them (64 letters and digits each). */
    record Keys(String apiKey, String secretKey) {

        Map<String, String> body() {
            return Map.of("apiKey", apiKey, "secretKey", secretKey);
        }

        String last4() {
            return apiKey.substring(apiKey.length() - 4);
        }
    }

    static Keys randomKeys() {
        return new Keys(random(64), random(64));
    }

    static String random(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /** Creates a simulator account for these keys with the given permissions (READ, TRADE). */
    Keys account(Keys keys, String... permissions) {
        int status = post(
                "/sim/accounts",
                Map.of(
                        "apiKey",
                        keys.apiKey(),
                        "secretKey",
                        keys.secretKey(),
                        "balance",
                        "10000",
                        "permissions",
                        List.of(permissions),
                        "positionMode",
                        "HEDGE",
                        "leverage",
                        5));
        if (status != 201) {
            throw new AssertionError("simulator refused the account: " + status);
        }
        return keys;
    }

    Keys tradingAccount() {
        return account(randomKeys(), "READ", "TRADE");
    }

    void fault(Map<String, Object> fault) {
        int status = post("/sim/faults", fault);
        if (status != 201) {
            throw new AssertionError("simulator refused the fault " + fault + ": " + status);
        }
    }

    void clearFaults() {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/sim/faults"))
                .DELETE()
                .build());
    }

    private int post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)))
                    .build());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
