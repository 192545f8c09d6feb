package dev.trenddesk.bingx;

import dev.trenddesk.bingx.ratelimit.RateLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the BingX client needs to know about where and how to talk. Build it with
 * {@link #builder()}; only {@code environment} is required for live and VST, {@code baseUrl} and
 * {@code wsUrl} too for the simulator.
 *
 * @param environment       live, VST or simulator
 * @param baseUrl           REST base URL, e.g. https://open-api.bingx.com
 * @param wsUrl             WebSocket URL for market data and the user data stream
 * @param recvWindow        how long a signed request stays valid at the exchange
 * @param connectTimeout    TCP connect timeout
 * @param responseTimeout   how long to wait for an answer once the request is sent (beyond it: unknown outcome)
 * @param signEncodedJson   sign JSON-valued params (stopLoss, takeProfit) URL-encoded instead of raw
 * @param retry             retries of idempotent reads
 * @param rateLimits        per-key and per-IP request limits
 * @param clockSyncInterval how often the offset to the server clock is measured again
 * @param listenKeyRenewal  how often the user data stream's listen key is extended (BingX: every 30 minutes)
 * @param wsMinBackoff      first WebSocket reconnect delay, doubled on each failed attempt
 * @param wsMaxBackoff      longest WebSocket reconnect delay
 * @param wsIdleTimeout     reconnect when nothing arrived on a WebSocket for this long
 * @param maxConnections    size of the shared HTTP connection pool of REST calls (WebSockets do not use it)
 * @param clock             the local clock (UTC)
 */
public record BingxClientConfig(
        BingxEnvironment environment,
        String baseUrl,
        String wsUrl,
        Duration recvWindow,
        Duration connectTimeout,
        Duration responseTimeout,
        boolean signEncodedJson,
        RetrySettings retry,
        RateLimits rateLimits,
        Duration clockSyncInterval,
        Duration listenKeyRenewal,
        Duration wsMinBackoff,
        Duration wsMaxBackoff,
        Duration wsIdleTimeout,
        int maxConnections,
        Clock clock) {

    public BingxClientConfig {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(baseUrl, "baseUrl (required for the SIM environment)");
        Objects.requireNonNull(wsUrl, "wsUrl (required for the SIM environment)");
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        Objects.requireNonNull(recvWindow, "recvWindow");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(clockSyncInterval, "clockSyncInterval");
        Objects.requireNonNull(listenKeyRenewal, "listenKeyRenewal");
        Objects.requireNonNull(wsMinBackoff, "wsMinBackoff");
        Objects.requireNonNull(wsMaxBackoff, "wsMaxBackoff");
        Objects.requireNonNull(wsIdleTimeout, "wsIdleTimeout");
        Objects.requireNonNull(clock, "clock");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
    }

    /** A builder with BingX's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link BingxClientConfig}; every setter is optional except the environment (and URLs for SIM). */
    public static final class Builder {
        private BingxEnvironment environment = BingxEnvironment.LIVE;
        private String baseUrl;
        private String wsUrl;
        private Duration recvWindow = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration responseTimeout = Duration.ofSeconds(10);
        private boolean signEncodedJson;
        private RetrySettings retry = RetrySettings.defaults();
        private RateLimits rateLimits = RateLimits.bingxDefaults();
        private Duration clockSyncInterval = Duration.ofMinutes(10);
        private Duration listenKeyRenewal = Duration.ofMinutes(30);
        private Duration wsMinBackoff = Duration.ofMillis(500);
        private Duration wsMaxBackoff = Duration.ofSeconds(30);
        private Duration wsIdleTimeout = Duration.ofSeconds(60);
        private int maxConnections = 200;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        public Builder environment(BingxEnvironment environment) {
            this.environment = environment;
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder wsUrl(String wsUrl) {
            this.wsUrl = wsUrl;
            return this;
        }

        public Builder recvWindow(Duration recvWindow) {
            this.recvWindow = recvWindow;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        public Builder signEncodedJson(boolean signEncodedJson) {
            this.signEncodedJson = signEncodedJson;
            return this;
        }

        public Builder retry(RetrySettings retry) {
            this.retry = retry;
            return this;
        }

        public Builder rateLimits(RateLimits rateLimits) {
            this.rateLimits = rateLimits;
            return this;
        }

        public Builder clockSyncInterval(Duration clockSyncInterval) {
            this.clockSyncInterval = clockSyncInterval;
            return this;
        }

        public Builder listenKeyRenewal(Duration listenKeyRenewal) {
            this.listenKeyRenewal = listenKeyRenewal;
            return this;
        }

        public Builder wsReconnectBackoff(Duration min, Duration max) {
            this.wsMinBackoff = min;
            this.wsMaxBackoff = max;
            return this;
        }

        public Builder wsIdleTimeout(Duration wsIdleTimeout) {
            this.wsIdleTimeout = wsIdleTimeout;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The config; base and WebSocket URLs default to the environment's own. */
        public BingxClientConfig build() {
            Objects.requireNonNull(environment, "environment");
            return new BingxClientConfig(
                    environment,
                    baseUrl != null ? baseUrl : environment.defaultBaseUrl(),
                    wsUrl != null ? wsUrl : environment.defaultWsUrl(),
                    recvWindow,
                    connectTimeout,
                    responseTimeout,
                    signEncodedJson,
                    retry,
                    rateLimits,
                    clockSyncInterval,
                    listenKeyRenewal,
                    wsMinBackoff,
                    wsMaxBackoff,
                    wsIdleTimeout,
                    maxConnections,
                    clock);
        }
    }
}
