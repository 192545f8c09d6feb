package dev.trenddesk.gateway.readside;

import dev.trenddesk.gateway.support.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client for tests: opens a stream with a logged-in client's session cookie
 * (and optionally a Last-Event-ID), parses the events as they arrive and keeps them in order.
 */
final class SseClient implements AutoCloseable {

    /** One received event: its id (null when it had none), name, data and System.nanoTime() on arrival. */
    record Event(String id, String name, String data, long receivedNanos) {}

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;
    private volatile int status;
    private volatile boolean ended;

    private SseClient(CompletableFuture<HttpResponse<Stream<String>>> response) {
        this.response = response;
    }

    static SseClient open(int port, Api session, String path, String lastEventId) {
        return open(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                port,
                session,
                path,
                lastEventId);
    }

    /** Opens the stream with {@code http}, which may carry other streams too (as a browser's tabs share one). */
    static SseClient open(HttpClient http, int port, Api session, String path, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream")
                .header("Cookie", "td_session=" + session.cookie("td_session"));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        SseClient client = new SseClient(http.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofLines()));
        client.response.thenAccept(r -> {
            client.status = r.statusCode();
            client.lines = r.body();
            Thread.ofVirtual().start(() -> client.read(r.body()));
        });
        return client;
    }

    private void read(Stream<String> body) {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) body::iterator) {
                if (line.isEmpty()) {
                    if (name != null || !data.isEmpty()) {
                        events.add(new Event(id, name, data.toString(), System.nanoTime()));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                }
            }
        } catch (RuntimeException closed) {
            // the stream was closed by the test or the server
        }
        ended = true;
    }

    @Override
    public String toString() {
        return "SSE " + status + " " + events;
    }

    /** Whether the server ended the stream (or it was closed). */
    boolean ended() {
        return ended;
    }

    int status() {
        return status;
    }

    List<Event> events() {
        return new ArrayList<>(events);
    }

    List<Event> named(String name) {
        return events.stream().filter(e -> name.equals(e.name())).toList();
    }

    boolean anyDataContains(String text) {
        return events.stream().anyMatch(e -> e.data() != null && e.data().contains(text));
    }

    @Override
    public void close() {
        Stream<String> body = lines;
        if (body != null) {
            body.close();
        }
        response.cancel(true);
    }
}
