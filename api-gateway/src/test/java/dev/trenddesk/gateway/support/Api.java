package dev.trenddesk.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A browser-like HTTP client for tests: real HTTP, its own cookie jar, and the XSRF-TOKEN cookie
 * sent back as X-XSRF-TOKEN on every state-changing request, as the SPA does.
 */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final String userAgent;

    public Api(String base) {
        this(base, null, null);
    }

    private Api(String base, java.net.InetAddress localAddress, String userAgent) {
        this.base = base;
        this.userAgent = userAgent;
        HttpClient.Builder builder =
                HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10));
        if (localAddress != null) {
            builder.localAddress(localAddress);
        }
        this.http = builder.build();
    }

    /** A client whose connections come from {@code loopbackIp} (any 127.x.y.z on Linux), to act as another client IP. */
    public static Api from(int port, String loopbackIp) {
        return from(port, loopbackIp, null);
    }

    /**
     * A client that connects from another loopback address (127.0.0.2, 127.0.0.3, ...: the server
     * sees it as the client IP) and sends this User-Agent, as a different machine or browser would.
     */
    public static Api from(int port, String loopbackIp, String userAgent) {
        try {
            return new Api("http://127.0.0.1:" + port, java.net.InetAddress.getByName(loopbackIp), userAgent);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(loopbackIp, e);
        }
    }

    public static Api at(int port) {
        return new Api("http://localhost:" + port);
    }

    /** A fresh client that logs in as {@code username}; fails the test if the login does not succeed. */
    public static Api loggedIn(int port, String username, String password) {
        Api api = at(port);
        Response response = api.login(username, password);
        if (response.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + response);
        }
        return api;
    }

    public Response login(String username, String password) {
        return post("/api/auth/login", Map.of("username", username, "password", password));
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    /** A GET whose body is binary (a zip): the status and the bytes as sent. */
    public Bytes getBytes(String path) {
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(60))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A binary answer: status, body bytes and content type. */
    public record Bytes(int status, byte[] body, String contentType) {}

    public Response post(String path, Object body) {
        return send("POST", path, body, null);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body, null);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Sends a raw body (for malformed JSON and oversized bodies). */
    public Response sendRaw(String method, String path, String rawBody) {
        return send(method, path, null, rawBody);
    }

    /**
     * Sends exactly these bytes (a malformed body, invalid UTF-8, no or any content type, extra headers)
     * to a path whose query is already percent-encoded. Answers once the status and headers arrive
     * within {@code timeout}; the body is read unless it is an event stream, which is closed unread so
     * that a stream that never ends cannot hang the caller.
     */
    public Response exchange(
            String method,
            String pathAndQuery,
            byte[] body,
            String contentType,
            Map<String, String> headers,
            Duration timeout) {
        try {
            if (!"GET".equals(method) && cookie("XSRF-TOKEN") == null) {
                HttpRequest.Builder csrf = HttpRequest.newBuilder(URI.create(base + "/api/auth/csrf"))
                        .GET();
                if (userAgent != null) {
                    csrf.header("User-Agent", userAgent);
                }
                http.send(csrf.build(), HttpResponse.BodyHandlers.discarding());
            }
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout);
            request.method(
                    method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            String xsrf = cookie("XSRF-TOKEN");
            if (xsrf != null) {
                request.header("X-XSRF-TOKEN", xsrf);
            }
            if (userAgent != null) {
                request.header("User-Agent", userAgent);
            }
            headers.forEach(request::header);
            HttpResponse<java.io.InputStream> response = http.sendAsync(
                            request.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            String type = response.headers().firstValue("Content-Type").orElse("");
            String text;
            try (java.io.InputStream in = response.body()) {
                text = type.startsWith("text/event-stream")
                        ? ""
                        : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            return new Response(response.statusCode(), text, response.headers().map());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(method + " " + pathAndQuery + ": no answer within " + timeout, e);
        }
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    /** Changes the value of a cookie the server set, as a page on a sibling domain could (to test CSRF binding). */
    public void setCookie(String name, String value) {
        URI uri = URI.create(base);
        HttpCookie current = cookies.getCookieStore().get(uri).stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no cookie " + name + " yet"));
        HttpCookie changed = (HttpCookie) current.clone();
        changed.setValue(value);
        cookies.getCookieStore().remove(uri, current);
        cookies.getCookieStore().add(uri, changed);
    }

    /** Copies this client's session cookie to another base URL (a second gateway node). */
    public Api sameSessionAt(int port) {
        Api other = at(port);
        for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
            HttpCookie copy = (HttpCookie) cookie.clone();
            other.cookies.getCookieStore().add(URI.create("http://localhost:" + port), copy);
        }
        return other;
    }

    private Response send(String method, String path, Object body, String raw) {
        try {
            if (!"GET".equals(method) && cookie("XSRF-TOKEN") == null) {
                HttpRequest.Builder csrf = HttpRequest.newBuilder(URI.create(base + "/api/auth/csrf"))
                        .GET();
                if (userAgent != null) {
                    csrf.header("User-Agent", userAgent);
                }
                http.send(csrf.build(), HttpResponse.BodyHandlers.discarding());
            }
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            String payload = raw != null ? raw : body == null ? null : JSON.writeValueAsString(body);
            request.method(
                    method,
                    payload == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(payload));
            if (payload != null) {
                request.header("Content-Type", "application/json");
            }
            if (userAgent != null) {
                request.header("User-Agent", userAgent);
            }
            String xsrf = cookie("XSRF-TOKEN");
            if (xsrf != null) {
                request.header("X-XSRF-TOKEN", xsrf);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + (body == null ? "" : body.length() > 500 ? body.substring(0, 500) + "..." : body);
        }
    }
}
