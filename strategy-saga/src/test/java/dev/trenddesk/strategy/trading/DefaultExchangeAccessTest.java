package dev.trenddesk.strategy.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.bingx.ApiCredentials;
import dev.trenddesk.bingx.BingxClientConfig;
import dev.trenddesk.bingx.BingxClientFactory;
import dev.trenddesk.bingx.BingxEnvironment;
import dev.trenddesk.bingx.ratelimit.RateLimiterRegistry;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.simulator.ClockMode;
import dev.trenddesk.simulator.SimulatorConfig;
import dev.trenddesk.strategy.exchange.ExchangeKey;
import dev.trenddesk.strategy.exchange.bingx.BingxExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The balance a candle's decision uses, against the simulator over real HTTP: a read for the same candle
 * close is used again without asking BingX; one for an earlier close, a forgotten one (after a fill)
 * and {@code readBalance} ask BingX. While the simulator refuses every balance request, whatever
 * answers came from memory, and whatever fails was asked.
 */
class DefaultExchangeAccessTest {

    private static final Instant CLOSE = Instant.parse("2026-11-28T11:55:00Z");
    private static final String BALANCE_PATH = "/openApi/swap/v2/user/balance";

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T12:00:00Z"));
    private final Clock clock = mock(Clock.class);
    private BingxSimulator sim;
    private BingxClientFactory factory;
    private DefaultExchangeAccess access;
    private final UserId user = new UserId(UUID.randomUUID());

    @BeforeEach
    void start() throws Exception {
        when(clock.instant()).thenAnswer(call -> now.get());
        sim = BingxSimulator.start(
                SimulatorConfig.builder().port(0).clockMode(ClockMode.STEPPED).build());
        String key = "key-" + UUID.randomUUID();
        String secret = "secret-" + UUID.randomUUID();
        admin(
                "POST",
                "/sim/accounts",
                "{\"apiKey\":\"" + key + "\",\"secretKey\":\"" + secret
                        + "\",\"balance\":\"2500\",\"permissions\":[\"READ\",\"TRADE\"]}");
        factory = BingxClientFactory.create(
                BingxClientConfig.builder()
                        .environment(BingxEnvironment.SIM)
                        .baseUrl(sim.baseUrl())
                        .wsUrl(sim.wsUrl())
                        .responseTimeout(Duration.ofSeconds(2))
                        .build(),
                new RateLimiterRegistry(Schedulers.parallel()));
        ApiCredentials credentials = new ApiCredentials(key, secret);
        access = new DefaultExchangeAccess(
                new BingxExchange(factory),
                id -> Mono.just(new dev.trenddesk.strategy.credentials.VerifiedKey(
                        dev.trenddesk.api.common.ExchangeName.BINGX,
                        new ExchangeKey(credentials.apiKey(), credentials.secretKey()))),
                Duration.ofSeconds(5),
                clock);
    }

    @AfterEach
    void stop() {
        factory.close();
        sim.close();
    }

    /**
     * Freshness is counted in candles (market time), not in wall-clock time: at the simulator's 120x a 60 s
     * wall-clock cache spanned 24 candles, and a decision used a balance from before fills of earlier candles.
     */
    @Test
    void aBalanceIsReadOncePerCandleCloseHoweverLittleWallClockTimePassed() throws Exception {
        ExchangeBalance first = access.balance(user, CLOSE);
        assertThat(first.equity()).isEqualByComparingTo("2500");

        refuseBalanceRequests();
        assertThat(access.balance(user, CLOSE))
                .as("the same candle close (another symbol): from memory")
                .isEqualTo(first);
        now.set(now.get().plus(Duration.ofHours(1)));
        assertThat(access.balance(user, CLOSE))
                .as("the same candle close, late on the wall clock: from memory")
                .isEqualTo(first);
        now.set(now.get().minus(Duration.ofHours(1)).plusMillis(2500));
        assertThatThrownBy(() -> access.balance(user, CLOSE.plus(Duration.ofMinutes(5))))
                .as("the next candle close, 2.5 s of wall clock later (120x): asks BingX")
                .isInstanceOf(ExchangeAccess.ExchangeUnavailable.class);
        assertThatThrownBy(() -> access.readBalance(user))
                .as("readBalance always asks BingX")
                .isInstanceOf(ExchangeAccess.ExchangeUnavailable.class);

        admin("DELETE", "/sim/faults", null);
        ExchangeBalance next = access.balance(user, CLOSE.plus(Duration.ofMinutes(5)));
        assertThat(access.readBalance(user).equity()).isEqualByComparingTo("2500");
        refuseBalanceRequests();
        assertThat(access.balance(user, CLOSE.plus(Duration.ofMinutes(5))))
                .as("a poll's read after the close stays fresh for that close")
                .isEqualTo(next);
        access.forgetBalance(user);
        assertThatThrownBy(() -> access.balance(user, CLOSE.plus(Duration.ofMinutes(5))))
                .as("forgotten after a fill: asks BingX again for the same close")
                .isInstanceOf(ExchangeAccess.ExchangeUnavailable.class);
    }

    @Test
    void aReadThatWasOnItsWayWhenAFillForgotTheBalanceIsNotRemembered() throws Exception {
        Instant asked = now.get();
        now.set(asked.plusMillis(200));
        access.forgetBalance(user); // a fill, while the read below (asked at `asked`) was on its way
        now.set(asked);
        assertThat(access.balance(user, CLOSE).equity()).isEqualByComparingTo("2500");

        refuseBalanceRequests();
        now.set(asked.plusSeconds(1));
        assertThatThrownBy(() -> access.balance(user, CLOSE))
                .as("the read may predate the fill: asks BingX")
                .isInstanceOf(ExchangeAccess.ExchangeUnavailable.class);
    }

    /** Every balance request is refused with an invalid-parameter error (not retried by the client). */
    private void refuseBalanceRequests() throws Exception {
        admin(
                "POST",
                "/sim/faults",
                "{\"type\":\"REJECT\",\"code\":109400,\"msg\":\"refused by the test\",\"path\":\"" + BALANCE_PATH
                        + "\",\"count\":1000}");
    }

    private void admin(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 299);
    }
}
