package dev.trenddesk.strategy.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final UserId user = new UserId(UUID.randomUUID());
    private final Map<UserId, ApiCredentials> keys = new ConcurrentHashMap<>();
    private final Map<UserId, AtomicInteger> keyReads = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        when(clock.instant()).thenAnswer(call -> now.get());
        sim = BingxSimulator.start(
                SimulatorConfig.builder().port(0).clockMode(ClockMode.STEPPED).build());
        account(user, "2500");
        factory = BingxClientFactory.create(
                BingxClientConfig.builder()
                        .environment(BingxEnvironment.SIM)
                        .baseUrl(sim.baseUrl())
                        .wsUrl(sim.wsUrl())
                        .responseTimeout(Duration.ofSeconds(2))
                        .build(),
                new RateLimiterRegistry(Schedulers.parallel()));
        access = new DefaultExchangeAccess(
                new BingxExchange(factory),
                id -> {
                    // every balance read asks for the user's key once: the count of reads per user
                    keyReads.computeIfAbsent(id, u -> new AtomicInteger()).incrementAndGet();
                    ApiCredentials credentials = keys.get(id);
                    return Mono.just(new dev.trenddesk.strategy.credentials.VerifiedKey(
                            dev.trenddesk.api.common.ExchangeName.BINGX,
                            new ExchangeKey(credentials.apiKey(), credentials.secretKey())));
                },
                Duration.ofSeconds(5),
                clock);
    }

    @AfterEach
    void stop() {
        access.stopReadingAhead();
        factory.close();
        sim.close();
    }

    /** A simulator account with its own key and balance, for {@code id}. */
    private UserId account(UserId id, String balance) throws Exception {
        String key = "key-" + UUID.randomUUID();
        String secret = "secret-" + UUID.randomUUID();
        admin(
                "POST",
                "/sim/accounts",
                "{\"apiKey\":\"" + key + "\",\"secretKey\":\"" + secret + "\",\"balance\":\"" + balance
                        + "\",\"permissions\":[\"READ\",\"TRADE\"]}");
        keys.put(id, new ApiCredentials(key, secret));
        return id;
    }

    private int reads(UserId id) {
        AtomicInteger count = keyReads.get(id);
        return count == null ? 0 : count.get();
    }

    /**
     * A saga processor decides on a candle for the sagas of a segment one after the other: the first request for a
     * new close reads the balances of everyone who asked for the previous close of that timeframe, so the others find
     * theirs in memory, and so do sessions that started since. A user of another timeframe is not read; each user
     * gets their own balance.
     */
    @Test
    void theBalancesOfThoseWhoAskedForThePreviousCloseAreReadAheadTogether() throws Exception {
        UserId a = account(UserId.random(), "1000");
        UserId b = account(UserId.random(), "2000");
        UserId c = account(UserId.random(), "3000");
        UserId hourly = account(UserId.random(), "4000");
        for (UserId id : List.of(a, b, c)) {
            access.balance(id, CLOSE, FIVE_MINUTES);
        }
        access.balance(hourly, CLOSE, Duration.ofHours(1));
        assertThat(List.of(reads(a), reads(b), reads(c), reads(hourly))).containsOnly(1);
        UserId started = account(UserId.random(), "5000");
        access.expectBalanceRequests(started, FIVE_MINUTES);

        Instant next = CLOSE.plus(FIVE_MINUTES);
        assertThat(access.balance(a, next, FIVE_MINUTES).equity()).isEqualByComparingTo("1000");
        await().atMost(Duration.ofSeconds(10)).until(() -> reads(b) == 2 && reads(c) == 2 && reads(started) == 1);

        refuseBalanceRequests();
        assertThat(access.balance(b, next, FIVE_MINUTES).equity())
                .as("read ahead: from memory")
                .isEqualByComparingTo("2000");
        assertThat(access.balance(c, next, FIVE_MINUTES).equity()).isEqualByComparingTo("3000");
        assertThat(access.balance(started, next, FIVE_MINUTES).equity())
                .as("a session that started since the previous close: read ahead for its first")
                .isEqualByComparingTo("5000");
        assertThat(List.of(reads(a), reads(b), reads(c))).containsOnly(2);
        assertThat(reads(hourly)).as("another timeframe: not read ahead").isEqualTo(1);
    }

    @Test
    void aBalanceAFillForgotAfterItWasReadAheadIsReadAgain() throws Exception {
        UserId a = account(UserId.random(), "1000");
        UserId b = account(UserId.random(), "2000");
        access.balance(a, CLOSE, FIVE_MINUTES);
        access.balance(b, CLOSE, FIVE_MINUTES);
        Instant next = CLOSE.plus(FIVE_MINUTES);
        access.balance(a, next, FIVE_MINUTES);
        await().atMost(Duration.ofSeconds(10)).until(() -> reads(b) == 2);

        now.set(now.get().plusSeconds(1));
        access.forgetBalance(b);
        refuseBalanceRequests();
        assertThatThrownBy(() -> access.balance(b, next, FIVE_MINUTES))
                .as("forgotten after it was read ahead: asks BingX")
                .isInstanceOf(ExchangeAccess.ExchangeUnavailable.class);
        assertThat(reads(b)).isEqualTo(3);
    }

    @Test
    void aFailedReadAheadIsMadeUpByTheUsersOwnRead() throws Exception {
        UserId a = account(UserId.random(), "1000");
        UserId b = account(UserId.random(), "2000");
        access.balance(a, CLOSE, FIVE_MINUTES);
        access.balance(b, CLOSE, FIVE_MINUTES);
        Instant next = CLOSE.plus(FIVE_MINUTES);
        refuseBalanceRequests();
        assertThatThrownBy(() -> access.balance(a, next, FIVE_MINUTES))
                .isInstanceOf(ExchangeAccess.ExchangeUnavailable.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> reads(b) == 2);

        admin("DELETE", "/sim/faults", null);
        assertThat(access.balance(b, next, FIVE_MINUTES).equity()).isEqualByComparingTo("2000");
        assertThat(reads(b)).as("the failed read ahead, then the user's own").isEqualTo(3);
    }

    /**
     * Freshness is counted in candles (market time), not in wall-clock time: at the simulator's 120x a 60 s
     * wall-clock cache spanned 24 candles, and a decision used a balance from before fills of earlier candles.
     */
    @Test
    void aBalanceIsReadOncePerCandleCloseHoweverLittleWallClockTimePassed() throws Exception {
        ExchangeBalance first = access.balance(user, CLOSE, FIVE_MINUTES);
        assertThat(first.equity()).isEqualByComparingTo("2500");

        refuseBalanceRequests();
        assertThat(access.balance(user, CLOSE, FIVE_MINUTES))
                .as("the same candle close (another symbol): from memory")
                .isEqualTo(first);
        now.set(now.get().plus(Duration.ofHours(1)));
        assertThat(access.balance(user, CLOSE, FIVE_MINUTES))
                .as("the same candle close, late on the wall clock: from memory")
                .isEqualTo(first);
        now.set(now.get().minus(Duration.ofHours(1)).plusMillis(2500));
        assertThatThrownBy(() -> access.balance(user, CLOSE.plus(FIVE_MINUTES), FIVE_MINUTES))
                .as("the next candle close, 2.5 s of wall clock later (120x): asks BingX")
                .isInstanceOf(ExchangeAccess.ExchangeUnavailable.class);
        assertThatThrownBy(() -> access.readBalance(user))
                .as("readBalance always asks BingX")
                .isInstanceOf(ExchangeAccess.ExchangeUnavailable.class);

        admin("DELETE", "/sim/faults", null);
        ExchangeBalance next = access.balance(user, CLOSE.plus(FIVE_MINUTES), FIVE_MINUTES);
        assertThat(access.readBalance(user).equity()).isEqualByComparingTo("2500");
        refuseBalanceRequests();
        assertThat(access.balance(user, CLOSE.plus(FIVE_MINUTES), FIVE_MINUTES))
                .as("a poll's read after the close stays fresh for that close")
                .isEqualTo(next);
        access.forgetBalance(user);
        assertThatThrownBy(() -> access.balance(user, CLOSE.plus(FIVE_MINUTES), FIVE_MINUTES))
                .as("forgotten after a fill: asks BingX again for the same close")
                .isInstanceOf(ExchangeAccess.ExchangeUnavailable.class);
    }

    @Test
    void aReadThatWasOnItsWayWhenAFillForgotTheBalanceIsNotRemembered() throws Exception {
        Instant asked = now.get();
        now.set(asked.plusMillis(200));
        access.forgetBalance(user); // a fill, while the read below (asked at `asked`) was on its way
        now.set(asked);
        assertThat(access.balance(user, CLOSE, FIVE_MINUTES).equity()).isEqualByComparingTo("2500");

        refuseBalanceRequests();
        now.set(asked.plusSeconds(1));
        assertThatThrownBy(() -> access.balance(user, CLOSE, FIVE_MINUTES))
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
