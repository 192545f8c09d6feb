package dev.trenddesk.simulator;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * An embeddable BingX-compatible exchange: BingX's REST paths, parameters, signatures, envelopes,
 * error codes and rate limits, its WebSocket at {@code /swap-market}, and a simulator-only admin API
 * under {@code /sim}. Market data replays recorded ETH and BTC candles.
 *
 * <pre>{@code
 * try (BingxSimulator sim = BingxSimulator.start(SimulatorConfig.builder().clockMode(ClockMode.STEPPED).build())) {
 *     sim.baseUrl();      // http://127.0.0.1:port
 *     sim.stepCandles(3); // closes three 5-minute candles
 * }
 * }</pre>
 */
public final class BingxSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BingxSimulator.class);
    private static final String WS_PATH = "/swap-market";

    private final SimulatorConfig config;
    private final Exchange exchange;
    private final WsHub hub;
    private final BingxApi bingxApi;
    private final AdminApi adminApi;
    /**
     * Event loops of its own: Reactor Netty's shared ones are disposed by whatever else in the JVM
     * closes with default settings (a Spring context, for one), which would take the exchange down.
     */
    private final LoopResources loops =
            LoopResources.create("bingx-simulator", 1, LoopResources.DEFAULT_IO_WORKER_COUNT, true);

    private final DisposableServer server;
    private final ScheduledExecutorService ticker;
    private long lastPing;

    private BingxSimulator(SimulatorConfig config) {
        this.config = config;
        LongSupplier wallClock = System::currentTimeMillis;
        Faults faults = new Faults();
        LongSupplier serverClock = () -> wallClock.getAsLong() + faults.clockSkewMillis();
        RateLimiter limiter = new RateLimiter();
        StateFile stateFile = config.dataDirectory() == null ? null : new StateFile(config.dataDirectory());
        SavedState saved = stateFile == null ? null : stateFile.read().orElse(null);
        this.hub = new WsHub(config, wallClock);
        try {
            this.exchange = new Exchange(
                    new Market(config, wallClock, saved == null ? null : saved.market()), serverClock, hub);
            if (saved != null) {
                exchange.restore(saved);
                hub.restoreListenKeys(saved.listenKeys() == null ? List.of() : saved.listenKeys());
            }
        } catch (RuntimeException e) {
            if (saved == null) {
                throw e;
            }
            throw new IllegalStateException(
                    "cannot restore the BingX simulator from " + stateFile.path() + ": incomplete state (" + e + ")",
                    e);
        }
        if (stateFile != null) {
            if (saved != null) {
                LOG.info(
                        "BingX simulator state restored from {} ({} accounts, market time {})",
                        stateFile.path(),
                        saved.accounts().size(),
                        Instant.ofEpochMilli(saved.market().marketTime()));
            }
            exchange.persistWith(() -> stateFile.write(exchange.saved(hub.savedListenKeys())));
            exchange.saveNow();
        }
        ScheduledThreadPoolExecutor tickerThread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "bingx-simulator-ticker");
            thread.setDaemon(true);
            return thread;
        });
        // closing does not wait for the wake-up of a pending order
        tickerThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.ticker = tickerThread;
        // an acknowledged order fills fillDelay later: the ticker is woken for it, not left to its period
        exchange.answerPlacements(config.placeAnswer(), config.fillDelay(), delay -> {
            try {
                ticker.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                // closing: the order stays pending (and, with a data directory, fills after the restart)
            }
        });
        this.bingxApi = new BingxApi(config, exchange, hub, faults, limiter, serverClock, wallClock);
        this.adminApi = new AdminApi(exchange, hub, faults, limiter);
        this.server = HttpServer.create()
                .runOn(loops)
                .host(config.host())
                .port(config.port())
                .handle(this::route)
                .bindNow();
        this.lastPing = wallClock.getAsLong();
        long period = config.tickInterval().toMillis();
        ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
        LOG.info(
                "BingX simulator listening on {} (clock {}, rate limits {}, place answer {}{})",
                baseUrl(),
                config.clockMode(),
                config.rateLimitsEnabled() ? "on" : "off",
                config.placeAnswer(),
                config.placeAnswer() == PlaceAnswer.ACKNOWLEDGED
                        ? ", fills " + config.fillDelay().toMillis() + " ms later"
                        : "");
    }

    /** Starts a simulator; it serves until {@link #close()}. */
    public static BingxSimulator start(SimulatorConfig config) {
        return new BingxSimulator(config);
    }

    /** The bound TCP port. */
    public int port() {
        return server.port();
    }

    /** The REST base URL, e.g. {@code http://127.0.0.1:8090}. */
    public String baseUrl() {
        return "http://" + config.host() + ":" + port();
    }

    /** The WebSocket URL, e.g. {@code ws://127.0.0.1:8090/swap-market}. */
    public String wsUrl() {
        return "ws://" + config.host() + ":" + port() + WS_PATH;
    }

    /**
     * Stepped mode: closes {@code candles} candles, moving prices along each candle's path, matching
     * orders and pushing the candles on the WebSocket; returns the new market time (epoch ms).
     *
     * @throws IllegalStateException when the clock is not {@link ClockMode#STEPPED}
     */
    public long stepCandles(int candles) {
        return exchange.step(candles);
    }

    /** Current market time, epoch milliseconds. */
    public long marketTime() {
        return (long) exchange.clock().get("marketTime");
    }

    /** Number of open WebSocket connections (market data and user data). */
    public int webSocketConnections() {
        return hub.connectionCount();
    }

    /**
     * Stops serving. With a data directory the state, including the exact market time, is written a
     * last time (after a crash instead, the last write stands: see docs/simulator.md).
     */
    @Override
    public void close() {
        ticker.shutdown();
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        hub.dropAll();
        server.disposeNow();
        // no quiet period: the server and every connection are closed by now, so nothing is left for
        // the loops to wait for; Netty's default (2 s of quiet before shutting down) made every close
        // take 2 s, in each test that starts a simulator and in each test context closing one
        loops.disposeLater(java.time.Duration.ZERO, java.time.Duration.ofSeconds(10))
                .block(java.time.Duration.ofSeconds(10));
        if (config.dataDirectory() != null) {
            exchange.saveNow();
        }
    }

    private void tick() {
        try {
            exchange.tick();
            long now = System.currentTimeMillis();
            if (now - lastPing >= config.pingInterval().toMillis()) {
                lastPing = now;
                hub.ping();
            }
            hub.expireListenKeys();
        } catch (RuntimeException e) {
            LOG.error("simulator tick failed", e);
        }
    }

    private Publisher<Void> route(HttpServerRequest request, HttpServerResponse response) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        String rawQuery = uri.rawQuery();
        if (path.equals(WS_PATH)
                && request.requestHeaders().containsValue(HttpHeaderNames.UPGRADE, "websocket", true)) {
            List<String> listenKey = uri.parameters().get("listenKey");
            return response.sendWebsocket((in, out) ->
                    hub.serve(in, out, listenKey == null || listenKey.isEmpty() ? null : listenKey.getFirst()));
        }
        String method = request.method().name();
        return request.receive()
                .aggregate()
                .asString()
                .defaultIfEmpty("")
                .flatMap(body -> path.startsWith("/sim/") || path.equals("/sim")
                        ? adminApi.handle(method, path, body)
                        : bingxApi.handle(new BingxApi.Request(
                                method, path, rawQuery, body, request.requestHeaders(), ip(request))))
                .onErrorResume(e -> {
                    LOG.error("request {} {} failed", method, path, e);
                    return Mono.just(Reply.error(500, 100500, "Internal system error"));
                })
                .flatMap(reply -> {
                    response.status(reply.status()).header(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
                    return reply.body().length == 0
                            ? response.send().then()
                            : response.sendByteArray(Mono.just(reply.body())).then();
                });
    }

    private static String ip(HttpServerRequest request) {
        InetSocketAddress remote = request.remoteAddress();
        return remote == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
