package dev.trenddesk.bingx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trenddesk.bingx.error.BingxException;
import dev.trenddesk.bingx.model.ApiPermission;
import dev.trenddesk.bingx.model.Candle;
import dev.trenddesk.bingx.model.Contract;
import dev.trenddesk.bingx.model.MarginType;
import dev.trenddesk.bingx.model.Order;
import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.OrderStatus;
import dev.trenddesk.bingx.model.PositionMode;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.model.TriggerOrder;
import dev.trenddesk.bingx.model.UserDataEvent;
import dev.trenddesk.bingx.ratelimit.RateLimiterRegistry;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.simulator.ClockMode;
import dev.trenddesk.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The client against the BingX simulator over real HTTP and WebSocket: every endpoint and every fault. */
class BingxClientSimulatorTest {

    private static final String ETH = "ETH-USDT";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static BingxSimulator sim;
    private static SimAdmin admin;
    private static BingxClientFactory factory;

    private String apiKey;
    private String secret;
    private BingxClient client;

    @BeforeAll
    static void startSimulator() {
        sim = BingxSimulator.start(SimulatorConfig.builder()
                .port(0)
                .clockMode(ClockMode.STEPPED)
                .rateLimitsEnabled(true)
                .build());
        admin = new SimAdmin(sim.baseUrl());
        factory = BingxClientFactory.create(
                BingxClientConfig.builder()
                        .environment(BingxEnvironment.SIM)
                        .baseUrl(sim.baseUrl())
                        .wsUrl(sim.wsUrl())
                        .responseTimeout(Duration.ofSeconds(2))
                        .retry(new RetrySettings(4, Duration.ofMillis(10), Duration.ofMillis(100)))
                        .wsReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                        .listenKeyRenewal(Duration.ofMillis(300))
                        .build(),
                new RateLimiterRegistry(reactor.core.scheduler.Schedulers.parallel()));
    }

    @AfterAll
    static void stopSimulator() {
        factory.close();
        sim.close();
    }

    @BeforeEach
    void freshAccount() {
        admin.clearFaults();
        apiKey = "key-" + UUID.randomUUID();
        secret = "secret-" + UUID.randomUUID();
        admin.createAccount(apiKey, secret, "10000", "READ", "TRADE");
        client = factory.client(new ApiCredentials(apiKey, secret));
    }

    // ---------------------------------------------------------------- public market data

    @Test
    void readsServerTimeContractsAndKlines() {
        BingxPublicClient market = factory.publicClient();

        StepVerifier.create(market.serverTime())
                .assertNext(t -> assertThat(t).isCloseTo(java.time.Instant.now(), within(Duration.ofSeconds(5))))
                .verifyComplete();
        StepVerifier.create(market.contracts())
                .assertNext(contracts -> {
                    Contract btc = contracts.stream()
                            .filter(c -> c.symbol().equals("BTC-USDT"))
                            .findFirst()
                            .orElseThrow();
                    assertThat(btc.pricePrecision()).isEqualTo(1);
                    assertThat(btc.quantityPrecision()).isEqualTo(4);
                    assertThat(btc.tradeMinQuantity()).isEqualByComparingTo("0.0001");
                    assertThat(btc.tradeMinUSDT()).isEqualByComparingTo("2");
                    assertThat(btc.takerFeeRate()).isEqualByComparingTo("0.0005");
                    assertThat(btc.online()).isTrue();
                })
                .verifyComplete();
        StepVerifier.create(market.klines(ETH, "5m", null, null, 100))
                .assertNext(candles -> {
                    assertThat(candles).hasSize(100);
                    for (int i = 1; i < candles.size(); i++) {
                        assertThat(Duration.between(
                                        candles.get(i - 1).openTime(),
                                        candles.get(i).openTime()))
                                .isEqualTo(Duration.ofMinutes(5));
                    }
                })
                .verifyComplete();
    }

    // ---------------------------------------------------------------- account and orders

    @Test
    void readsTheKeysOwnPermissionsAndIpWhitelist() {
        StepVerifier.create(client.apiPermissions())
                .assertNext(p -> {
                    assertThat(p.permissions())
                            .containsExactlyInAnyOrder(ApiPermission.READ, ApiPermission.PERPETUAL_FUTURES_TRADING);
                    assertThat(p.canTradePerpetualFutures()).isTrue();
                    assertThat(p.canMoveFunds()).isFalse();
                    assertThat(p.ipWhitelist()).isEmpty();
                })
                .verifyComplete();

        String withdrawKey = "key-" + UUID.randomUUID();
        admin.createAccount(withdrawKey, secret, "10000", "READ", "TRADE", "WITHDRAW", "TRANSFER");
        StepVerifier.create(
                        factory.client(new ApiCredentials(withdrawKey, secret)).apiPermissions())
                .assertNext(p -> {
                    assertThat(p.permissions()).contains(ApiPermission.WITHDRAW, ApiPermission.UNIVERSAL_TRANSFER);
                    assertThat(p.canMoveFunds()).isTrue();
                })
                .verifyComplete();
    }

    @Test
    void readsBalancePositionsAndIncome() {
        StepVerifier.create(client.balance())
                .assertNext(b -> assertThat(b.balance()).isEqualByComparingTo("10000"))
                .verifyComplete();
        StepVerifier.create(client.positions(null))
                .assertNext(p -> assertThat(p).isEmpty())
                .verifyComplete();

        placeMarketLong("io-1");

        StepVerifier.create(client.positions(ETH))
                .assertNext(p -> assertThat(p).singleElement().satisfies(pos -> {
                    assertThat(pos.positionSide()).isEqualTo(PositionSide.LONG);
                    assertThat(pos.positionAmt()).isEqualByComparingTo("0.5");
                }))
                .verifyComplete();
        StepVerifier.create(client.income(null, null, null, null))
                .assertNext(income -> assertThat(income)
                        .anySatisfy(i -> assertThat(i.incomeType()).isEqualTo("TRADING_FEE")))
                .verifyComplete();
    }

    @Test
    void placesAMarketOrderWithStopLossAndTakeProfitAndFindsItByEitherId() {
        BigDecimal price = lastClose();
        OrderRequest order = OrderRequest.market(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.5"))
                .withStopLoss(TriggerOrder.stopLoss(
                        price.multiply(new BigDecimal("0.9")).setScale(2, RoundingMode.DOWN)))
                .withTakeProfit(TriggerOrder.takeProfit(
                        price.multiply(new BigDecimal("1.1")).setScale(2, RoundingMode.DOWN)))
                .withClientOrderId("td-sl-tp-1");

        Order placed = client.placeOrder(order).block(WAIT);

        assertThat(placed.orderId()).isPositive();
        assertThat(placed.clientOrderId()).isEqualTo("td-sl-tp-1");
        // an acknowledgement, as on BingX: the fill follows a moment later
        assertThat(placed.status()).isEqualTo(OrderStatus.UNKNOWN);
        await().atMost(WAIT).untilAsserted(() -> {
            Order o = client.queryOrderByClientOrderId(ETH, "td-sl-tp-1").block(WAIT);
            assertThat(o.orderId()).isEqualTo(placed.orderId());
            assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(o.executedQty()).isEqualByComparingTo("0.5");
        });
        StepVerifier.create(client.queryOrder(ETH, placed.orderId()))
                .assertNext(o -> assertThat(o.clientOrderId()).isEqualTo("td-sl-tp-1"))
                .verifyComplete();
    }

    @Test
    void placesQueriesAndCancelsLimitStopAndTakeProfitOrders() {
        BigDecimal price = lastClose();
        BigDecimal below = price.multiply(new BigDecimal("0.8")).setScale(2, RoundingMode.DOWN);
        BigDecimal above = price.multiply(new BigDecimal("1.2")).setScale(2, RoundingMode.DOWN);
        Order limit = client.placeOrder(
                        OrderRequest.limit(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1"), below)
                                .withClientOrderId("td-limit-1"))
                .block(WAIT);
        client.placeOrder(OrderRequest.limit(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1"), below)
                        .withClientOrderId("td-limit-2"))
                .block(WAIT);
        client.placeOrder(OrderRequest.stopMarket(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1"), above))
                .block(WAIT);
        client.placeOrder(OrderRequest.takeProfitMarket(
                        ETH, OrderSide.SELL, PositionSide.SHORT, new BigDecimal("0.1"), below))
                .block(WAIT);

        StepVerifier.create(client.openOrders(ETH))
                .assertNext(o -> assertThat(o).hasSize(4))
                .verifyComplete();
        StepVerifier.create(client.cancelOrder(ETH, limit.orderId()))
                .assertNext(o -> assertThat(o.status()).isEqualTo(OrderStatus.CANCELED))
                .verifyComplete();
        StepVerifier.create(client.cancelOrderByClientOrderId(ETH, "td-limit-2"))
                .assertNext(o -> assertThat(o.clientOrderId()).isEqualTo("td-limit-2"))
                .verifyComplete();
        StepVerifier.create(client.cancelAllOrders(ETH))
                .assertNext(r -> assertThat(r.succeeded()).hasSize(2))
                .verifyComplete();
        StepVerifier.create(client.openOrders(null))
                .assertNext(o -> assertThat(o).isEmpty())
                .verifyComplete();
    }

    @Test
    void testOrderPlacesNothing() {
        StepVerifier.create(client.testOrder(
                        OrderRequest.market(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1"))))
                .expectNextCount(1)
                .verifyComplete();

        assertThat(admin.account(apiKey).path("orders")).isEmpty();
    }

    @Test
    void closesAllPositions() {
        placeMarketLong("close-1");

        StepVerifier.create(client.closeAllPositions(null))
                .assertNext(r -> assertThat(r.succeeded()).hasSize(1))
                .verifyComplete();
        StepVerifier.create(client.positions(null))
                .assertNext(p -> assertThat(p).isEmpty())
                .verifyComplete();
    }

    @Test
    void readsAndChangesLeverageMarginTypeAndPositionMode() {
        client.setLeverage(ETH, PositionSide.LONG, 7).block(WAIT);
        StepVerifier.create(client.leverage(ETH))
                .assertNext(l -> assertThat(l.longLeverage()).isEqualTo(7))
                .verifyComplete();

        client.setMarginType(ETH, MarginType.ISOLATED).block(WAIT);
        StepVerifier.create(client.marginType(ETH))
                .expectNext(MarginType.ISOLATED)
                .verifyComplete();

        StepVerifier.create(client.positionMode())
                .expectNext(PositionMode.HEDGE)
                .verifyComplete();
        client.setPositionMode(PositionMode.ONE_WAY).block(WAIT);
        StepVerifier.create(client.positionMode())
                .expectNext(PositionMode.ONE_WAY)
                .verifyComplete();

        StepVerifier.create(client.placeOrder(
                        OrderRequest.market(ETH, OrderSide.BUY, PositionSide.BOTH, new BigDecimal("0.1"))))
                .assertNext(o -> assertThat(o.positionSide()).isEqualTo(PositionSide.BOTH))
                .verifyComplete();
        StepVerifier.create(client.setPositionMode(PositionMode.HEDGE))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(BingxException.InvalidRequest.class)
                        .extracting(x -> ((BingxException) x).code())
                        .isEqualTo(109401))
                .verify(WAIT);
    }

    @Test
    void createsExtendsAndClosesAListenKey() {
        String key = client.createListenKey().block(WAIT);

        assertThat(key).isNotBlank();
        StepVerifier.create(client.extendListenKey(key)).verifyComplete();
        StepVerifier.create(client.closeListenKey(key)).verifyComplete();
        StepVerifier.create(client.extendListenKey(key))
                .expectError(BingxException.NotFound.class)
                .verify(WAIT);
    }

    // ---------------------------------------------------------------- refusals and faults

    @Test
    void aWrongSecretIsRefusedAsAuth() {
        BingxClient forged = factory.client(new ApiCredentials(apiKey, "not-the-secret"));

        StepVerifier.create(forged.balance())
                .expectErrorSatisfies(
                        e -> assertThat(((BingxException.Auth) e).code()).isEqualTo(100001))
                .verify(WAIT);
    }

    @Test
    void aTamperedSignatureIsRefused() {
        RequestSigner signer = new RequestSigner(secret, false);
        String query = signer.signedQuery(Map.of(), 5000, System.currentTimeMillis());
        char last = query.charAt(query.length() - 1);
        String tampered = query.substring(0, query.length() - 1) + (last == '0' ? '1' : '0');

        var response = admin.raw("GET", "/openApi/swap/v2/user/balance?" + tampered, apiKey);

        assertThat(response.body()).contains("100001");
        assertThat(admin.raw("GET", "/openApi/swap/v2/user/balance?" + query, apiKey)
                        .body())
                .contains("\"code\":0");
    }

    @Test
    void aKeyWithoutTradePermissionIsRefusedAsAuth() {
        String readOnly = "ro-" + UUID.randomUUID();
        admin.createAccount(readOnly, "ro-secret", "1000", "READ");
        BingxClient ro = factory.client(new ApiCredentials(readOnly, "ro-secret"));

        StepVerifier.create(ro.placeOrder(
                        OrderRequest.market(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1"))))
                .expectErrorSatisfies(
                        e -> assertThat(((BingxException.Auth) e).code()).isEqualTo(100004))
                .verify(WAIT);
    }

    @Test
    void anUnknownOrderIsNotFound() {
        StepVerifier.create(client.queryOrderByClientOrderId(ETH, "never-placed"))
                .expectError(BingxException.NotFound.class)
                .verify(WAIT);
    }

    @Test
    void insufficientMarginIsTyped() {
        admin.fault("{\"type\":\"REJECT\",\"code\":101204,\"msg\":\"Insufficient margin\"}");

        StepVerifier.create(client.placeOrder(
                        OrderRequest.market(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1"))))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(BingxException.InsufficientMargin.class);
                    assertThat(((BingxException) e).bingxMessage()).isEqualTo("Insufficient margin");
                })
                .verify(WAIT);
    }

    @Test
    void aDuplicateOrderIsTyped() {
        admin.fault(
                "{\"type\":\"REJECT\",\"code\":109201,\"msg\":\"same order\",\"path\":\"/openApi/swap/v2/trade/order\"}");

        StepVerifier.create(client.placeOrder(
                        OrderRequest.market(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1"))))
                .expectError(BingxException.Duplicate.class)
                .verify(WAIT);
    }

    @Test
    void aServerErrorOnAReadIsRetriedTransparently() {
        admin.fault("{\"type\":\"HTTP_ERROR\",\"status\":500,\"count\":2,\"path\":\"/openApi/swap/v2/user/balance\"}");

        StepVerifier.create(client.balance())
                .assertNext(b -> assertThat(b.balance()).isEqualByComparingTo("10000"))
                .verifyComplete();
    }

    @Test
    void aServerErrorOnAnOrderIsTransientAndNeverRetried() {
        admin.fault("{\"type\":\"HTTP_ERROR\",\"status\":503,\"path\":\"/openApi/swap/v2/trade/order\"}");

        StepVerifier.create(client.placeOrder(
                        OrderRequest.market(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1"))))
                .expectError(BingxException.Transient.class)
                .verify(WAIT);
        assertThat(admin.account(apiKey).path("orders")).isEmpty();
    }

    @Test
    void http429OnAnOrderIsRateLimitedAndNotRetried() {
        admin.fault("{\"type\":\"HTTP_429\",\"path\":\"/openApi/swap/v2/trade/order\"}");

        StepVerifier.create(client.placeOrder(
                        OrderRequest.market(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1"))))
                .expectError(BingxException.RateLimited.class)
                .verify(WAIT);
        assertThat(admin.account(apiKey).path("orders")).isEmpty();
    }

    @Test
    void aRateBlockCarriesTheUnblockTimeAndReadsWaitForIt() {
        admin.fault(
                "{\"type\":\"RATE_BLOCK_100410\",\"unblockAfterMs\":300,\"path\":\"/openApi/swap/v2/trade/order\"}");

        StepVerifier.create(client.placeOrder(
                        OrderRequest.market(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1"))))
                .expectErrorSatisfies(e -> {
                    BingxException.RateLimited limited = (BingxException.RateLimited) e;
                    assertThat(limited.code()).isEqualTo(100410);
                    assertThat(limited.retryAfter())
                            .hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(300)));
                })
                .verify(WAIT);
        StepVerifier.create(client.openOrders(ETH)).expectNextCount(1).verifyComplete();
    }

    @Test
    void a504WhereTheOrderWasExecutedIsUnknownOutcomeAndTheClientOrderIdFindsExactlyOneOrder() {
        admin.fault("{\"type\":\"TIMEOUT_504\",\"executed\":true,\"path\":\"/openApi/swap/v2/trade/order\"}");
        OrderRequest order = OrderRequest.market(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1"))
                .withClientOrderId("td-504-1");

        StepVerifier.create(client.placeOrder(order))
                .expectError(BingxException.UnknownOutcome.class)
                .verify(WAIT);

        // the order exists (NEW until its fill a few ms later, as on BingX), found by its client id
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.queryOrderByClientOrderId(ETH, "td-504-1")
                        .block(WAIT)
                        .status())
                .isEqualTo(OrderStatus.FILLED));
        assertThat(admin.account(apiKey).path("orders")).hasSize(1);
    }

    @Test
    void a504WhereTheOrderWasNotExecutedIsUnknownOutcomeAndTheQueryFindsNone() {
        admin.fault("{\"type\":\"TIMEOUT_504\",\"executed\":false,\"path\":\"/openApi/swap/v2/trade/order\"}");

        StepVerifier.create(client.placeOrder(
                        OrderRequest.market(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1"))
                                .withClientOrderId("td-504-2")))
                .expectError(BingxException.UnknownOutcome.class)
                .verify(WAIT);
        StepVerifier.create(client.queryOrderByClientOrderId(ETH, "td-504-2"))
                .expectError(BingxException.NotFound.class)
                .verify(WAIT);
    }

    @Test
    void noAnswerWithinTheResponseTimeoutIsUnknownOutcome() {
        admin.fault("{\"type\":\"LATENCY\",\"millis\":3000,\"path\":\"/openApi/swap/v2/trade/order\"}");

        StepVerifier.create(client.placeOrder(
                        OrderRequest.market(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.1"))
                                .withClientOrderId("td-slow-1")))
                .expectError(BingxException.UnknownOutcome.class)
                .verify(WAIT);
        StepVerifier.create(client.queryOrderByClientOrderId(ETH, "td-slow-1")
                        .map(o -> "found " + o.clientOrderId())
                        .onErrorResume(
                                BingxException.NotFound.class, e -> reactor.core.publisher.Mono.just("not placed")))
                .assertNext(resolution -> assertThat(resolution).isIn("found td-slow-1", "not placed"))
                .verifyComplete();
    }

    @Test
    void aServerClockSkewIsDetectedByTheRefusedTimestampAndResynced() {
        client.balance().block(WAIT);
        admin.fault("{\"type\":\"CLOCK_SKEW\",\"millis\":-20000}");

        StepVerifier.create(client.balance()).expectNextCount(1).verifyComplete();
        assertThat(factory.serverClockOffsetMillis()).isBetween(-21_000L, -19_000L);
        admin.clearFaults();
        StepVerifier.create(client.balance()).expectNextCount(1).verifyComplete();
    }

    @Test
    void manyConcurrentOrdersStayWithinTheExchangeLimitsBecauseTheClientWaits() {
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());

        List<Order> orders = Flux.range(0, 25)
                .flatMap(
                        i -> client.placeOrder(OrderRequest.market(
                                                ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.01"))
                                        .withClientOrderId("burst-" + i))
                                .doOnError(errors::add)
                                .onErrorResume(e -> reactor.core.publisher.Mono.empty()),
                        25)
                .collectList()
                .block(Duration.ofSeconds(20));

        assertThat(errors).isEmpty();
        assertThat(orders).hasSize(25);
    }

    // ---------------------------------------------------------------- WebSocket

    @Test
    void closedCandlesArriveInOrderAndSurviveADroppedConnectionWithoutGapsOrDuplicates() {
        List<Candle> closed = new CopyOnWriteArrayList<>();
        Disposable subscription =
                factory.publicClient().closedCandles(ETH, "5m").subscribe(closed::add);
        try {
            await().atMost(WAIT).until(() -> sim.webSocketConnections() > 0);
            stepUntil(closed, 3);
            admin.fault("{\"type\":\"WS_DROP\"}");
            await().atMost(WAIT).until(() -> sim.webSocketConnections() > 0);
            sim.stepCandles(3);
            stepUntil(closed, 7);
        } finally {
            subscription.dispose();
        }
        for (int i = 1; i < closed.size(); i++) {
            assertThat(Duration.between(
                            closed.get(i - 1).openTime(), closed.get(i).openTime()))
                    .as("candle %d follows candle %d by one period", i, i - 1)
                    .isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void closingTheFactoryCompletesLiveCandleSubscribers() {
        BingxClientFactory own = BingxClientFactory.create(BingxClientConfig.builder()
                .environment(BingxEnvironment.SIM)
                .baseUrl(sim.baseUrl())
                .wsUrl(sim.wsUrl())
                .build());
        List<Boolean> completed = new CopyOnWriteArrayList<>();
        Disposable eth =
                own.publicClient().closedCandles(ETH, "5m").subscribe(c -> {}, e -> {}, () -> completed.add(true));
        Disposable btc = own.publicClient()
                .closedCandles("BTC-USDT", "5m")
                .subscribe(c -> {}, e -> {}, () -> completed.add(true));
        try {
            // a subscriber still live when the factory closes (a command-line tool leaving early) is completed,
            // not a ConcurrentModificationException out of close()
            own.close();
            assertThat(completed).hasSize(2);
        } finally {
            eth.dispose();
            btc.dispose();
        }
    }

    @Test
    void theUserDataStreamReportsOrdersAndRenewsItsListenKey() {
        List<UserDataEvent> events = new CopyOnWriteArrayList<>();
        Disposable subscription = client.userDataStream().subscribe(events::add);
        try {
            await().atMost(WAIT).until(() -> events.stream().anyMatch(UserDataEvent.StreamConnected.class::isInstance));
            placeMarketLong("uds-1");
            await().atMost(WAIT).until(() -> events.stream()
                    .anyMatch(e -> e instanceof UserDataEvent.OrderUpdate o
                            && "uds-1".equals(o.clientOrderId())
                            && o.status() == OrderStatus.FILLED));
            await().atMost(WAIT).until(() -> events.stream().anyMatch(UserDataEvent.AccountUpdate.class::isInstance));
        } finally {
            subscription.dispose();
        }
    }

    /** WebSockets hold their connection while they live; they must never take the REST calls' pool from them. */
    @Test
    void openUserDataStreamsNeverTakeTheConnectionsOfRestCalls() {
        BingxClientFactory small = BingxClientFactory.create(
                BingxClientConfig.builder()
                        .environment(BingxEnvironment.SIM)
                        .baseUrl(sim.baseUrl())
                        .wsUrl(sim.wsUrl())
                        .responseTimeout(Duration.ofSeconds(2))
                        .maxConnections(2)
                        .build(),
                new RateLimiterRegistry(reactor.core.scheduler.Schedulers.parallel()));
        List<Disposable> streams = new ArrayList<>();
        try {
            List<List<UserDataEvent>> seen = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String key = "ws-key-" + UUID.randomUUID();
                admin.createAccount(key, "ws-secret-" + i, "1000", "READ", "TRADE");
                List<UserDataEvent> events = new CopyOnWriteArrayList<>();
                seen.add(events);
                streams.add(small.client(new ApiCredentials(key, "ws-secret-" + i))
                        .userDataStream()
                        .subscribe(events::add));
            }
            await().atMost(WAIT).until(() -> seen.stream()
                    .allMatch(events -> events.stream().anyMatch(UserDataEvent.StreamConnected.class::isInstance)));
            // four streams are open on a REST pool of two connections: REST calls still get through
            BingxClient rest = small.client(new ApiCredentials(apiKey, secret));
            for (int i = 0; i < 3; i++) {
                assertThat(rest.balance().block(Duration.ofSeconds(5)).balance())
                        .isEqualByComparingTo("10000");
            }
        } finally {
            streams.forEach(Disposable::dispose);
            small.close();
        }
    }

    private void stepUntil(List<Candle> closed, int count) {
        await().atMost(WAIT).until(() -> {
            if (closed.size() < count) {
                sim.stepCandles(1);
            }
            return closed.size() >= count;
        });
    }

    /** Places a market long and waits for its fill: the answer is only an acknowledgement, as on BingX. */
    private void placeMarketLong(String clientOrderId) {
        Order placed = client.placeOrder(
                        OrderRequest.market(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.5"))
                                .withClientOrderId(clientOrderId))
                .block(WAIT);
        assertThat(placed.status()).isEqualTo(OrderStatus.UNKNOWN);
        assertThat(placed.clientOrderId()).isEqualTo(clientOrderId);
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                        client.queryOrder(ETH, placed.orderId()).block(WAIT).status())
                .isEqualTo(OrderStatus.FILLED));
    }

    private BigDecimal lastClose() {
        List<Candle> candles =
                factory.publicClient().klines(ETH, "5m", null, null, 1).block(WAIT);
        return candles.getLast().close();
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration d) {
        return new org.assertj.core.data.TemporalUnitWithinOffset(d.toMillis(), java.time.temporal.ChronoUnit.MILLIS);
    }
}
