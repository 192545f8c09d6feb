package dev.trenddesk.gateway.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A dashboard's live stream as a browser's EventSource follows it: {@code GET /api/me/stream} through the
 * balancer with the session cookie; when the stream ends or its connection breaks (its node stopped or
 * died), it connects again after half a second with {@code Last-Event-ID}, wherever the balancer sends
 * it. It records every event id it receives, in order, so the test can tell a gap or a duplicate.
 */
final class SseFollower {

    private final String name;
    private final String url;
    private final String sessionCookie;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Long> ids = new CopyOnWriteArrayList<>();
    private final List<String> snapshots = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean stopped;
    private volatile InputStream current;
    private volatile Long lastId;
    private Thread thread;

    SseFollower(String name, int balancerPort, String sessionCookie) {
        this.name = name;
        this.url = "http://127.0.0.1:" + balancerPort + "/api/me/stream";
        this.sessionCookie = sessionCookie;
    }

    void start() {
        thread = Thread.ofPlatform().daemon().name("sse-" + name).start(this::follow);
    }

    void stop() throws InterruptedException {
        stopped = true;
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing a broken stream
            }
        }
        thread.interrupt();
        thread.join(30_000);
    }

    String name() {
        return name;
    }

    /** Ids of the updates received (snapshots and heartbeats aside), in the order they came. */
    List<Long> ids() {
        return List.copyOf(ids);
    }

    /** The snapshot events received, with their ids: one, the first connection's, when every resume worked. */
    List<String> snapshots() {
        return List.copyOf(snapshots);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    int connections() {
        return connections.get();
    }

    private void follow() {
        while (!stopped) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "text/event-stream")
                    .header("Cookie", sessionCookie)
                    .GET();
            Long resumeFrom = lastId;
            if (resumeFrom != null) {
                request.header("Last-Event-ID", Long.toString(resumeFrom));
            }
            try {
                HttpResponse<InputStream> response =
                        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                connections.incrementAndGet();
                try (InputStream in = response.body()) {
                    current = in;
                    if (response.statusCode() != 200) {
                        // a refused connection attempt is retried like a browser would; the status is noted
                        problems.add(Instant.now() + " status " + response.statusCode() + " "
                                + new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    } else {
                        read(in);
                    }
                }
            } catch (IOException e) {
                // the node died or the balancer cut the stream: reconnect
            } catch (InterruptedException e) {
                return;
            } finally {
                current = null;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void read(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String id = null;
        String event = "message";
        StringBuilder data = new StringBuilder();
        String line;
        while (!stopped && (line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                dispatch(id, event, data.toString());
                id = null;
                event = "message";
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        }
    }

    private void dispatch(String id, String event, String data) {
        switch (event) {
            case "heartbeat", "reconnect", "cut" -> {
                // not an update; the stream ends after a reconnect (node stopping) or a cut (client too slow),
                // and the client resumes with Last-Event-ID
            }
            case "revoked" -> problems.add(Instant.now() + " " + event + " " + data);
            case "snapshot" -> {
                snapshots.add(Instant.now() + " snapshot id " + id);
                if (id != null) {
                    lastId = Long.parseLong(id);
                }
            }
            default -> {
                if (id == null) {
                    problems.add(Instant.now() + " update without id: " + event + " " + data);
                    return;
                }
                long value = Long.parseLong(id);
                ids.add(value);
                lastId = value;
            }
        }
    }
}
