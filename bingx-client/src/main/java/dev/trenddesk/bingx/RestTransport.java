package dev.trenddesk.bingx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.bingx.error.BingxErrorMapper;
import dev.trenddesk.bingx.error.BingxException;
import dev.trenddesk.bingx.ratelimit.RateLimit;
import dev.trenddesk.bingx.ratelimit.RateLimiterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Sends one BingX REST request: waits for the rate limiters, signs with the server clock, maps the
 * envelope and HTTP status to {@link BingxException}, retries GETs (reads) per {@link ReadRetry}.
 * Never retries a write. Logs method, path, masked API key, status and code only.
 */
final class RestTransport {

    private static final Logger log = LoggerFactory.getLogger(RestTransport.class);

    /** What a request counts against: per-key bucket (may be none) and per-IP bucket. */
    enum Category {
        MARKET_DATA,
        ORDER,
        QUERY,
        LEVERAGE,
        ACCOUNT
    }

    private record Answer(int status, String body, String retryAfter) {}

    private final HttpClient http;
    private final BingxClientConfig config;
    private final RateLimiterRegistry limiters;
    private final ServerClock serverClock;
    private final String ipKey;
    private final RequestListener listener;

    RestTransport(HttpClient http, BingxClientConfig config, RateLimiterRegistry limiters, RequestListener listener) {
        this.http = http;
        this.config = config;
        this.limiters = limiters;
        this.listener = listener;
        this.ipKey = "ip:" + config.baseUrl();
        this.serverClock = new ServerClock(
                () -> publicGet(
                        "/openApi/swap/v2/server/time",
                        Map.of(),
                        data -> Instant.ofEpochMilli(BingxJson.lng(data, "serverTime"))),
                config.clock(),
                config.clockSyncInterval());
    }

    ServerClock serverClock() {
        return serverClock;
    }

    BingxClientConfig config() {
        return config;
    }

    /** A public market-data GET (no key, no signature). */
    <T> Mono<T> publicGet(String path, Map<String, String> params, Function<JsonNode, T> parser) {
        String query = RequestSigner.publicQuery(params);
        Mono<T> attempt = limit(Category.MARKET_DATA, null)
                .then(Mono.defer(() -> exchange(HttpMethod.GET, path, query, null, true, parser)));
        return attempt.retryWhen(ReadRetry.of(config.retry()));
    }

    /** A signed request; GETs are retried, other methods never. */
    <T> Mono<T> signed(
            HttpMethod method,
            String path,
            Map<String, String> params,
            ApiCredentials credentials,
            RequestSigner signer,
            Category category,
            Function<JsonNode, T> parser) {
        boolean read = method == HttpMethod.GET;
        Mono<T> attempt = limit(category, credentials.apiKey())
                .then(serverClock.nowMillis())
                .flatMap(timestamp -> {
                    String query =
                            signer.signedQuery(params, config.recvWindow().toMillis(), timestamp);
                    return exchange(method, path, query, credentials, true, parser);
                });
        return read ? attempt.retryWhen(ReadRetry.of(config.retry())) : attempt;
    }

    /** A request with the API key header but no signature and no envelope (listen keys). */
    <T> Mono<T> keyOnly(
            HttpMethod method,
            String path,
            Map<String, String> params,
            ApiCredentials credentials,
            Function<JsonNode, T> parser) {
        String query = RequestSigner.publicQuery(params);
        return limit(Category.ACCOUNT, credentials.apiKey())
                .then(Mono.defer(() -> exchange(method, path, query, credentials, false, parser)));
    }

    private Mono<Void> limit(Category category, String apiKey) {
        var limits = config.rateLimits();
        RateLimit perKey =
                switch (category) {
                    case ORDER -> limits.orders();
                    case QUERY -> limits.queries();
                    case LEVERAGE -> limits.leverage();
                    case MARKET_DATA, ACCOUNT -> null;
                };
        Mono<Void> ip = category == Category.MARKET_DATA
                ? limiters.bucket(ipKey + ":market", limits.marketDataPerIp()).acquire()
                : limiters.bucket(ipKey + ":account", limits.accountPerIp()).acquire();
        return perKey == null
                ? ip
                : limiters.bucket("key:" + apiKey + ":" + category, perKey)
                        .acquire()
                        .then(ip);
    }

    private <T> Mono<T> exchange(
            HttpMethod method,
            String path,
            String query,
            ApiCredentials credentials,
            boolean enveloped,
            Function<JsonNode, T> parser) {
        String url = config.baseUrl() + path + (query.isEmpty() ? "" : "?" + query);
        String key = credentials == null ? "-" : credentials.maskedApiKey();
        AtomicBoolean written = new AtomicBoolean();
        long started = System.nanoTime();
        HttpClient client = http.doAfterRequest((req, conn) -> written.set(true));
        if (credentials != null) {
            client = client.headers(h -> h.set("X-BX-APIKEY", credentials.apiKey()));
        }
        return client.request(method)
                .uri(url)
                .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .map(text -> new Answer(
                                response.status().code(),
                                text,
                                response.responseHeaders().get("Retry-After"))))
                .onErrorMap(e -> !(e instanceof BingxException), e -> BingxErrorMapper.fromTransport(e, written.get()))
                .flatMap(answer -> decode(answer, enveloped, method, parser))
                .doOnSuccess(r -> {
                    log.debug("BingX {} {} key={} ok in {} ms", method, path, key, elapsed(started));
                    report(method, path, RequestListener.Outcome.OK, started);
                })
                .doOnError(e -> {
                    log.debug(
                            "BingX {} {} key={} failed in {} ms: {}",
                            method,
                            path,
                            key,
                            elapsed(started),
                            e.getMessage());
                    report(method, path, RequestListener.outcomeOf(e), started);
                });
    }

    private void report(HttpMethod method, String path, RequestListener.Outcome outcome, long startedNanos) {
        try {
            listener.completed(method.name(), path, outcome, Duration.ofNanos(System.nanoTime() - startedNanos));
        } catch (RuntimeException e) {
            log.warn("Request listener failed: {}", e.toString());
        }
    }

    private <T> Mono<T> decode(Answer answer, boolean enveloped, HttpMethod method, Function<JsonNode, T> parser) {
        JsonNode root;
        try {
            root = answer.body().isBlank() ? BingxJson.MAPPER.nullNode() : BingxJson.readTree(answer.body());
        } catch (IllegalArgumentException e) {
            root = null;
        }
        Integer code =
                root != null && root.hasNonNull("code") ? root.get("code").asInt() : null;
        String msg = root != null && root.hasNonNull("msg") ? root.get("msg").asText() : null;
        BingxException error = BingxErrorMapper.map(
                answer.status(), code, msg, answer.retryAfter(), config.clock().instant());
        if (error != null) {
            if (error.code() == BingxErrorMapper.TIMESTAMP_OUT_OF_WINDOW) {
                serverClock.invalidate();
            }
            return Mono.error(error);
        }
        if (root == null) {
            return Mono.error(unreadable(method, answer.status(), "answer is not JSON"));
        }
        JsonNode data = enveloped && root.has("data") ? root.get("data") : root;
        try {
            return Mono.justOrEmpty(parser.apply(data));
        } catch (RuntimeException e) {
            return Mono.error(
                    unreadable(method, answer.status(), e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /** A write whose answer cannot be read may have been executed: that is an unknown outcome. */
    private static BingxException unreadable(HttpMethod method, int status, String why) {
        String msg = "unreadable answer (" + why + ")";
        return method == HttpMethod.GET
                ? new BingxException.Rejected(0, msg, status)
                : new BingxException.UnknownOutcome(0, msg, status, null);
    }

    private static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
