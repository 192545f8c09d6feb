package dev.trenddesk.bingx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.bingx.RequestListener.Outcome;
import dev.trenddesk.bingx.error.BingxException;
import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.ratelimit.RateLimiterRegistry;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.simulator.ClockMode;
import dev.trenddesk.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Every REST attempt is reported to the factory's listener with its endpoint and outcome. */
class RequestListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ORDER = "/openApi/swap/v2/trade/order";

    private record Seen(String method, String path, Outcome outcome, Duration elapsed) {}

    private static final List<Seen> seen = new CopyOnWriteArrayList<>();
    private static BingxSimulator sim;
    private static SimAdmin admin;
    private static BingxClientFactory factory;
    private BingxClient client;

    @BeforeAll
    static void start() {
        sim = BingxSimulator.start(SimulatorConfig.builder()
                .port(0)
                .clockMode(ClockMode.STEPPED)
                .rateLimitsEnabled(true)
                .build());
        admin = new SimAdmin(sim.baseUrl());
        factory = BingxClientFactory.create(
                config(sim.baseUrl(), sim.wsUrl()),
                new RateLimiterRegistry(Schedulers.parallel()),
                (method, path, outcome, elapsed) -> seen.add(new Seen(method, path, outcome, elapsed)));
    }

    private static BingxClientConfig config(String baseUrl, String wsUrl) {
        return BingxClientConfig.builder()
                .environment(BingxEnvironment.SIM)
                .baseUrl(baseUrl)
                .wsUrl(wsUrl)
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(2))
                .retry(new RetrySettings(2, Duration.ofMillis(10), Duration.ofMillis(50)))
                .build();
    }

    @AfterAll
    static void stop() {
        factory.close();
        sim.close();
    }

    @BeforeEach
    void freshAccount() {
        admin.clearFaults();
        String apiKey = "key-" + UUID.randomUUID();
        String secret = "secret-" + UUID.randomUUID();
        admin.createAccount(apiKey, secret, "10000", "READ", "TRADE");
        client = factory.client(new ApiCredentials(apiKey, secret));
        StepVerifier.create(factory.publicClient().serverTime())
                .expectNextCount(1)
                .verifyComplete();
        seen.clear();
    }

    @Test
    void aSuccessIsOkWithItsEndpointAndDuration() {
        StepVerifier.create(client.placeOrder(order())).expectNextCount(1).verifyComplete();

        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("POST");
            assertThat(s.path()).isEqualTo(ORDER);
            assertThat(s.outcome()).isEqualTo(Outcome.OK);
            assertThat(s.elapsed()).isPositive();
        });
    }

    @Test
    void a429IsRateLimited() {
        admin.fault("{\"type\":\"HTTP_429\",\"path\":\"" + ORDER + "\"}");

        StepVerifier.create(client.placeOrder(order()))
                .expectError(BingxException.RateLimited.class)
                .verify(WAIT);

        assertThat(orders()).extracting(Seen::outcome).containsExactly(Outcome.RATE_LIMITED);
    }

    @Test
    void aRefusalIsRejectedAndA5xxIsUnreachable() {
        admin.fault("{\"type\":\"REJECT\",\"code\":101204,\"msg\":\"Insufficient margin\",\"path\":\"" + ORDER + "\"}");
        StepVerifier.create(client.placeOrder(order()))
                .expectError(BingxException.InsufficientMargin.class)
                .verify(WAIT);
        admin.fault("{\"type\":\"HTTP_ERROR\",\"status\":503,\"path\":\"" + ORDER + "\"}");
        StepVerifier.create(client.placeOrder(order()))
                .expectError(BingxException.Transient.class)
                .verify(WAIT);

        assertThat(seen).extracting(Seen::outcome).containsExactly(Outcome.REJECTED, Outcome.UNREACHABLE);
    }

    @Test
    void aRetriedReadIsReportedPerAttempt() {
        admin.fault("{\"type\":\"HTTP_ERROR\",\"status\":500,\"count\":1,\"path\":\"/openApi/swap/v2/user/balance\"}");

        StepVerifier.create(client.balance()).expectNextCount(1).verifyComplete();

        assertThat(seen).extracting(Seen::outcome).containsExactly(Outcome.UNREACHABLE, Outcome.OK);
    }

    @Test
    void noServerIsUnreachable() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        List<Seen> own = new CopyOnWriteArrayList<>();
        try (BingxClientFactory nowhere = BingxClientFactory.create(
                config("http://127.0.0.1:" + deadPort, "ws://127.0.0.1:" + deadPort),
                new RateLimiterRegistry(Schedulers.parallel()),
                (method, path, outcome, elapsed) -> own.add(new Seen(method, path, outcome, elapsed)))) {
            StepVerifier.create(nowhere.publicClient().serverTime())
                    .expectError()
                    .verify(WAIT);
        }

        assertThat(own).isNotEmpty().allSatisfy(s -> {
            assertThat(s.path()).isEqualTo("/openApi/swap/v2/server/time");
            assertThat(s.outcome()).isEqualTo(Outcome.UNREACHABLE);
        });
    }

    private static OrderRequest order() {
        return OrderRequest.market("ETH-USDT", OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1"));
    }

    /** What was seen of order requests (the client may also measure the server clock again in between). */
    private static List<Seen> orders() {
        return seen.stream().filter(s -> s.path().equals(ORDER)).toList();
    }
}
