package dev.trenddesk.bingx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The simulator's admin API ({@code /sim/...}) over plain HTTP, for test set-up and checks. */
final class SimAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    SimAdmin(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    void reset() {
        send("POST", "/sim/reset", "{}");
    }

    void createAccount(String apiKey, String secretKey, String balance, String... permissions) {
        String perms = String.join("\",\"", permissions);
        send(
                "POST",
                "/sim/accounts",
                "{\"apiKey\":\"" + apiKey + "\",\"secretKey\":\"" + secretKey + "\",\"balance\":\"" + balance
                        + "\",\"permissions\":[\"" + perms + "\"]}");
    }

    JsonNode account(String apiKey) {
        return send("GET", "/sim/accounts/" + apiKey, null);
    }

    void fault(String json) {
        send("POST", "/sim/faults", json);
    }

    void clearFaults() {
        send("DELETE", "/sim/faults", null);
    }

    /** Sends a raw request to any path and returns the status and body. */
    HttpResponse<String> raw(String method, String pathAndQuery, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (apiKey != null) {
            request.header("X-BX-APIKEY", apiKey);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
