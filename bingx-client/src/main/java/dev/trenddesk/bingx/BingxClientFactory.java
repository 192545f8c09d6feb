package dev.trenddesk.bingx;

import dev.trenddesk.bingx.ratelimit.RateLimiterRegistry;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.Objects;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Creates BingX clients that share one HTTP connection pool, one server-clock offset, one
 * market-data WebSocket and the JVM-wide rate limiters: one client per API key, so a thousand users
 * do not mean a thousand connection pools. Close the factory to release the pool and sockets.
 */
public final class BingxClientFactory implements AutoCloseable {

    private final ConnectionProvider pool;
    private final HttpClient http;
    private final HttpClient websockets;
    private final RestTransport transport;
    private final BingxPublicClient publicClient;

    private BingxClientFactory(BingxClientConfig config, RateLimiterRegistry limiters, RequestListener listener) {
        this.pool = ConnectionProvider.builder("bingx")
                .maxConnections(config.maxConnections())
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        this.http = HttpClient.create(pool)
                .option(
                        ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        Math.toIntExact(config.connectTimeout().toMillis()))
                .responseTimeout(config.responseTimeout());
        // a WebSocket holds its connection for as long as it lives: one per running session's user data
        // stream. Taken from the REST pool, a few hundred of them would leave REST calls waiting for a
        // connection that never comes back, so WebSockets open connections of their own.
        this.websockets = HttpClient.newConnection()
                .option(
                        ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        Math.toIntExact(config.connectTimeout().toMillis()));
        this.transport = new RestTransport(http, config, limiters, listener);
        this.publicClient = new BingxPublicClient(transport, websockets);
    }

    /** A factory using the JVM-wide rate limiter registry. */
    public static BingxClientFactory create(BingxClientConfig config) {
        return create(config, RateLimiterRegistry.shared());
    }

    /** A factory using the given rate limiter registry (tests, or several separate egress IPs). */
    public static BingxClientFactory create(BingxClientConfig config, RateLimiterRegistry limiters) {
        return create(config, limiters, RequestListener.NONE);
    }

    /** A factory whose REST requests are each reported to {@code listener} (metrics, exchange health). */
    public static BingxClientFactory create(
            BingxClientConfig config, RateLimiterRegistry limiters, RequestListener listener) {
        return new BingxClientFactory(
                Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(limiters, "limiters"),
                Objects.requireNonNull(listener, "listener"));
    }

    /** The client of one account; cheap, create one per API key. */
    public BingxClient client(ApiCredentials credentials) {
        return new BingxClient(Objects.requireNonNull(credentials, "credentials"), transport, websockets);
    }

    /** Market data without an API key, shared by every user. */
    public BingxPublicClient publicClient() {
        return publicClient;
    }

    /** The last measured offset of the exchange's clock to the local one, in ms. */
    public long serverClockOffsetMillis() {
        return transport.serverClock().offsetMillis();
    }

    @Override
    public void close() {
        publicClient.close();
        pool.dispose();
    }
}
