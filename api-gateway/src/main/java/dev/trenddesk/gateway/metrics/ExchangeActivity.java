package dev.trenddesk.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What this node's BingX client has seen (told by the client's request listener, wired in
 * ExchangeConfiguration, the one place that knows the client): every REST request's latency by endpoint and outcome
 * ({@code trenddesk_exchange_request_seconds}), rate-limit refusals by endpoint
 * ({@code trenddesk_exchange_rate_limited_total}), and since when the exchange has given no usable
 * answer, which the readiness check reads instead of asking the exchange itself.
 */
public class ExchangeActivity {

    /** What became of one request (the BingX client's RequestListener.Outcome, by name). */
    public enum Outcome {
        /** The exchange answered with success. */
        OK,
        /** The exchange refused the request itself: it was reachable. */
        REJECTED,
        /** The exchange refused for a rate limit: it was reachable. */
        RATE_LIMITED,
        /** No usable answer: connection refused or timed out, 5xx, unknown outcome. */
        UNREACHABLE
    }

    static final String REQUEST = "trenddesk.exchange.request";
    static final String RATE_LIMITED = "trenddesk.exchange.rate.limited";

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    private final Clock clock;
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> limited = new ConcurrentHashMap<>();
    private Instant lastAnswer;
    private Instant lastRequest;
    private Instant unreachableSince;

    public ExchangeActivity(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** One BingX REST attempt completed (ExchangeConfiguration forwards the client's listener here). */
    public void completed(String method, String path, Outcome outcome, Duration elapsed) {
        String outcomeTag = outcome.name().toLowerCase(Locale.ROOT);
        timers.computeIfAbsent(method + ' ' + path + ' ' + outcomeTag, k -> Timer.builder(REQUEST)
                        .description("BingX REST requests sent by this node, by endpoint and outcome")
                        .tag("method", method)
                        .tag("endpoint", path)
                        .tag("outcome", outcomeTag)
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry))
                .record(elapsed);
        if (outcome == Outcome.RATE_LIMITED) {
            limited.computeIfAbsent(path, p -> Counter.builder(RATE_LIMITED)
                            .description("BingX refusals for a rate limit (HTTP 429/418, code 100410), by endpoint")
                            .tag("endpoint", p)
                            .register(registry))
                    .increment();
        }
        Instant now = clock.instant();
        synchronized (this) {
            lastRequest = now;
            if (outcome == Outcome.UNREACHABLE) {
                if (unreachableSince == null) {
                    unreachableSince = now;
                }
            } else {
                lastAnswer = now;
                unreachableSince = null;
            }
        }
    }

    /** When the last request of any outcome completed. */
    public synchronized Optional<Instant> lastRequest() {
        return Optional.ofNullable(lastRequest);
    }

    /** When the exchange last answered (success, refusal or rate limit: it was reachable). */
    public synchronized Optional<Instant> lastAnswer() {
        return Optional.ofNullable(lastAnswer);
    }

    /** Since when every request failed to get an answer; empty when the last one got an answer. */
    public synchronized Optional<Instant> unreachableSince() {
        return Optional.ofNullable(unreachableSince);
    }
}
