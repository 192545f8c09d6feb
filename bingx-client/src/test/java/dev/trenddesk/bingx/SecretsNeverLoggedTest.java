package dev.trenddesk.bingx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.trenddesk.bingx.error.BingxException;
import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.model.TriggerOrder;
import dev.trenddesk.bingx.model.UserDataEvent;
import dev.trenddesk.bingx.ratelimit.RateLimiterRegistry;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.simulator.ClockMode;
import dev.trenddesk.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/** Runs a full flow with recognisable credentials through a log capture and scans every line. */
class SecretsNeverLoggedTest {

    private static final String API_KEY = "RECOGNISABLE-API-KEY-0123456789-k9f3";
    private static final String SECRET = "RECOGNISABLE-SECRET-abcdefghijklmnop-s7x2";

    @Test
    void neitherTheSecretNorTheFullApiKeyEverReachesTheLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        ListAppender<ILoggingEvent> capture = new ListAppender<>();
        capture.setContext(context);
        capture.start();
        root.addAppender(capture);
        root.setLevel(Level.TRACE);
        try (BingxSimulator sim = BingxSimulator.start(SimulatorConfig.builder()
                        .port(0)
                        .clockMode(ClockMode.STEPPED)
                        .build());
                BingxClientFactory factory = BingxClientFactory.create(
                        BingxClientConfig.builder()
                                .environment(BingxEnvironment.SIM)
                                .baseUrl(sim.baseUrl())
                                .wsUrl(sim.wsUrl())
                                .responseTimeout(Duration.ofSeconds(2))
                                .listenKeyRenewal(Duration.ofMillis(200))
                                .retry(new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(50)))
                                .build(),
                        new RateLimiterRegistry(Schedulers.parallel()))) {
            runFullFlow(sim, factory, capture);
        } finally {
            root.detachAppender(capture);
            root.setLevel(previous);
        }

        List<String> lines =
                snapshot(capture).stream().map(SecretsNeverLoggedTest::render).toList();
        assertThat(lines).as("the flow produced log lines").isNotEmpty();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("****k9f3"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("extended"));
        assertThat(lines).noneSatisfy(line -> assertThat(line).contains(SECRET));
        assertThat(lines).noneSatisfy(line -> assertThat(line).contains(API_KEY));
    }

    private static void runFullFlow(
            BingxSimulator sim, BingxClientFactory factory, ListAppender<ILoggingEvent> capture) {
        SimAdmin admin = new SimAdmin(sim.baseUrl());
        admin.createAccount(API_KEY, SECRET, "10000", "READ", "TRADE");
        BingxClient client = factory.client(new ApiCredentials(API_KEY, SECRET));
        Duration wait = Duration.ofSeconds(10);
        List<UserDataEvent> events = new CopyOnWriteArrayList<>();
        Disposable stream = client.userDataStream().subscribe(events::add);
        try {
            // the order's events are only seen by a stream that is connected when they are sent
            await().atMost(wait).until(() -> sim.webSocketConnections() > 0);
            client.balance().block(wait);
            BigDecimal price = factory.publicClient()
                    .klines("ETH-USDT", "5m", null, null, 1)
                    .block(wait)
                    .getLast()
                    .close();
            client.placeOrder(OrderRequest.market("ETH-USDT", OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1"))
                            .withStopLoss(TriggerOrder.stopLoss(
                                    price.multiply(new BigDecimal("0.9")).setScale(2, java.math.RoundingMode.DOWN)))
                            .withClientOrderId("log-scan-1"))
                    .block(wait);
            client.queryOrderByClientOrderId("ETH-USDT", "log-scan-1").block(wait);
            admin.fault("{\"type\":\"TIMEOUT_504\",\"executed\":false,\"path\":\"/openApi/swap/v2/trade/order\"}");
            try {
                client.placeOrder(OrderRequest.market(
                                "ETH-USDT", OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1")))
                        .block(wait);
            } catch (BingxException.UnknownOutcome expected) {
                assertThat(expected.getMessage()).doesNotContain(SECRET, API_KEY);
            }
            try {
                factory.client(new ApiCredentials(API_KEY, "wrong-secret"))
                        .balance()
                        .block(wait);
            } catch (BingxException.Auth expected) {
                assertThat(expected.getMessage()).doesNotContain(SECRET, API_KEY);
            }
            await().atMost(wait).until(() -> events.stream().anyMatch(UserDataEvent.OrderUpdate.class::isInstance));
            await().atMost(wait).until(() -> snapshot(capture).stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("listen key")
                            && e.getFormattedMessage().contains("extended")));
        } finally {
            stream.dispose();
        }
    }

    private static String render(ILoggingEvent event) {
        StringBuilder text =
                new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                text.append(' ').append(frame.getSTEAsString());
            }
        }
        return text.toString();
    }

    /** The events so far; the appender appends under its own lock (logback's AppenderBase), from any thread. */
    private static List<ILoggingEvent> snapshot(ListAppender<ILoggingEvent> capture) {
        synchronized (capture) {
            return new java.util.ArrayList<>(capture.list);
        }
    }
}
