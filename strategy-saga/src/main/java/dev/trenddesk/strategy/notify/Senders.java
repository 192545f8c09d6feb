package dev.trenddesk.strategy.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one message to a webhook or to Telegram over HTTP. Nothing here logs, and no error it gives
 * names a URL with a token in it or a secret: errors are the exception's kind and the receiver's
 * status and (short, token-scrubbed) description. A webhook's host is looked up once, by {@link
 * WebhookResolver}, which refuses internal addresses; the request connects to the addresses it checked.
 */
class Senders implements AutoCloseable {

    private static final int MAX_ERROR = 300;
    private static final int MAX_ANSWER = 4096;

    private final HttpClient http;
    private final CloseableHttpClient webhookHttp;
    private final ObjectMapper json;
    private final Duration timeout;
    private final String telegramBaseUrl;
    private final Clock clock;

    Senders(
            ObjectMapper json,
            Duration timeout,
            String telegramBaseUrl,
            Clock clock,
            boolean allowLoopback,
            WebhookResolver.Lookup lookup) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Timeout limit = Timeout.of(timeout);
        this.webhookHttp = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new WebhookResolver(lookup, allowLoopback))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit)
                                .setSocketTimeout(limit)
                                .build())
                        .setMaxConnTotal(32)
                        .setMaxConnPerRoute(4)
                        .build())
                .setDefaultRequestConfig(
                        RequestConfig.custom().setResponseTimeout(limit).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("TrendDesk-Notifications/1")
                .build();
        this.json = json;
        this.timeout = timeout;
        this.telegramBaseUrl = telegramBaseUrl.endsWith("/")
                ? telegramBaseUrl.substring(0, telegramBaseUrl.length() - 1)
                : telegramBaseUrl;
        this.clock = clock;
    }

    /** The webhook body (docs/notifications.md); {@code timestamp} equals the timestamp header. */
    byte[] webhookBody(NotificationStore.Claim claim, long timestamp) {
        ObjectNode body = json.createObjectNode();
        body.put("deliveryId", claim.id());
        body.put("kind", claim.kind().name());
        body.put("timestamp", timestamp);
        body.put("title", claim.title());
        body.put("text", claim.body());
        body.set("details", details(claim));
        body.put("createdAt", claim.createdAt().toString());
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a webhook body", e);
        }
    }

    SendResult webhook(NotificationStore.Claim claim, String url, String secret) {
        long timestamp = clock.instant().getEpochSecond();
        byte[] body = webhookBody(claim, timestamp);
        HttpPost request;
        try {
            request = new HttpPost(URI.create(url));
        } catch (IllegalArgumentException e) {
            return SendResult.refused("the address cannot be used");
        }
        request.setHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, body));
        request.setHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        request.setHeader(WebhookSignature.DELIVERY_HEADER, claim.id());
        request.setHeader(WebhookSignature.KIND_HEADER, claim.kind().name());
        request.setEntity(new ByteArrayEntity(body, ContentType.create("application/json")));
        try {
            return webhookHttp.execute(request, response -> {
                int status = response.getCode();
                if (status >= 200 && status < 300) {
                    EntityUtils.consume(response.getEntity());
                    return SendResult.ok(status);
                }
                return SendResult.ofStatus(status, scrub(start(response.getEntity()), secret));
            });
        } catch (WebhookResolver.InternalAddressException e) {
            return SendResult.refused("refused: " + e.getMessage());
        } catch (UnknownHostException e) {
            return SendResult.failure("could not resolve the host name");
        } catch (SocketTimeoutException e) {
            return SendResult.failure("timed out after " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            return SendResult.failure("could not connect");
        } catch (IOException e) {
            return SendResult.failure(scrub(
                    "connection failed: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    secret));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return SendResult.refused("the address cannot be used");
        }
    }

    /** The start of an answer's body, as text. */
    private static String start(HttpEntity entity) throws IOException {
        if (entity == null) {
            return null;
        }
        try (InputStream in = entity.getContent()) {
            return in == null ? null : new String(in.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8);
        }
    }

    SendResult telegram(NotificationStore.Claim claim, String chatId, String botToken) {
        ObjectNode message = json.createObjectNode();
        message.put("chat_id", chatId);
        message.put("text", claim.title() + "\n\n" + claim.body());
        message.put("disable_web_page_preview", true);
        byte[] body;
        try {
            body = json.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a Telegram message", e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(telegramBaseUrl + "/bot" + botToken + "/sendMessage"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return send(request, botToken, true);
    }

    private SendResult send(HttpRequest request, String secret, boolean telegram) {
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return SendResult.ok(status);
            }
            return SendResult.ofStatus(status, scrub(describe(response.body(), telegram), secret));
        } catch (HttpTimeoutException e) {
            return SendResult.failure("timed out after " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            return SendResult.failure("could not connect");
        } catch (IOException e) {
            return SendResult.failure(scrub(
                    "connection failed: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    secret));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.failure("interrupted");
        } catch (IllegalArgumentException e) {
            return SendResult.refused("the address cannot be used");
        }
    }

    /** Telegram's {@code description}; of a webhook, the start of its answer. */
    private String describe(String body, boolean telegram) {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (telegram) {
            try {
                JsonNode node = json.readTree(body);
                if (node.hasNonNull("description")) {
                    return node.get("description").asText();
                }
            } catch (IOException ignored) {
                // not JSON: the start of the text
            }
        }
        return body;
    }

    static String scrub(String text, String secret) {
        if (text == null) {
            return null;
        }
        String clean = secret == null || secret.isEmpty() ? text : text.replace(secret, "****");
        clean = clean.replaceAll("[\\r\\n\\t]+", " ").strip();
        return clean.length() > MAX_ERROR ? clean.substring(0, MAX_ERROR) + "…" : clean;
    }

    private JsonNode details(NotificationStore.Claim claim) {
        try {
            return json.readTree(claim.details());
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public void close() {
        webhookHttp.close(CloseMode.IMMEDIATE);
    }
}
