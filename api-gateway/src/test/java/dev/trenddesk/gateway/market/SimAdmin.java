package dev.trenddesk.gateway.market;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The simulator's admin API (faults), over HTTP as an operator would use it. */
final class SimAdmin {

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    SimAdmin(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Injects a fault, e.g. {@code {"type":"WS_DROP"}}; fails unless the simulator accepts it. */
    void fault(String json) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/sim/faults"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new AssertionError(
                        "fault " + json + " refused: " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
