package dev.trenddesk.strategy.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.TradingCommands.RecordExchangeFill;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.bingx.ApiCredentials;
import dev.trenddesk.bingx.BingxClient;
import dev.trenddesk.bingx.BingxClientConfig;
import dev.trenddesk.bingx.BingxClientFactory;
import dev.trenddesk.bingx.BingxEnvironment;
import dev.trenddesk.bingx.model.Order;
import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.ratelimit.RateLimiterRegistry;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.simulator.ClockMode;
import dev.trenddesk.simulator.SimulatorConfig;
import dev.trenddesk.strategy.credentials.VerifiedKeyChanged;
import dev.trenddesk.strategy.exchange.ExchangeKey;
import dev.trenddesk.strategy.exchange.bingx.BingxExchange;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The fill tracker against the simulator over real HTTP and WebSocket, replaying the orderings seen
 * in live runs: a stop-loss filling right after its entry while the ledger has neither; a trader's
 * verified key replaced while the session runs; a restart between the two polls that find a
 * position gone at BingX. The ledger is a stub that lags (as the real one may); what the poll
 * remembers lives in a real PostgreSQL.
 */
class FillTrackerTest {

    private static final String SYMBOL = "ETH-USDT";

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Object> sent = new CopyOnWriteArrayList<>();
    private final AtomicReference<ApiCredentials> verifiedKey = new AtomicReference<>();
    private final TradingSessionId sessionId = new TradingSessionId(UUID.randomUUID());
    private final UserId userId = new UserId(UUID.randomUUID());
    private BingxSimulator sim;
    private BingxClientFactory factory;
    private DefaultExchangeAccess access;
    private TradingLedger ledger;
    private CommandGateway commands;
    private FillTracker tracker;

    @BeforeAll
    static void database() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
        jdbc.execute(new ClassPathResource("db/migration/strategy/V85__trading_poll_marks.sql")
                .getContentAsString(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void start() {
        sim = BingxSimulator.start(
                SimulatorConfig.builder().port(0).clockMode(ClockMode.STEPPED).build());
        factory = BingxClientFactory.create(
                BingxClientConfig.builder()
                        .environment(BingxEnvironment.SIM)
                        .baseUrl(sim.baseUrl())
                        .wsUrl(sim.wsUrl())
                        .responseTimeout(Duration.ofSeconds(5))
                        .build(),
                new RateLimiterRegistry(Schedulers.parallel()));
        access = new DefaultExchangeAccess(
                new BingxExchange(factory),
                id -> Mono.justOrEmpty(verifiedKey.get())
                        .map(k -> new dev.trenddesk.strategy.credentials.VerifiedKey(
                                dev.trenddesk.api.common.ExchangeName.BINGX,
                                new ExchangeKey(k.apiKey(), k.secretKey()))),
                Duration.ofSeconds(5),
                Clock.systemUTC());
        ledger = mock(TradingLedger.class);
        when(ledger.activeSessions())
                .thenReturn(List.of(
                        new TradingLedger.ActiveSession(sessionId, userId, TradingSettings.defaults(), Instant.now())));
        commands = mock(CommandGateway.class);
        when(commands.sendAndWait(any())).thenAnswer(call -> {
            Object message = call.getArgument(0);
            sent.add(message instanceof CommandMessage<?> command ? command.getPayload() : message);
            return null;
        });
        tracker = newTracker();
    }

    @AfterEach
    void stop() {
        tracker.stop();
        factory.close();
        sim.close();
    }

    private FillTracker newTracker() {
        return new FillTracker(
                ledger,
                access,
                mock(OrderExecution.class),
                commands,
                new PositionReconciler(access, commands, new MarketClock(Clock.systemUTC())),
                new PollMarks(jdbc),
                new MarketClock(Clock.systemUTC()),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5));
    }

    /**
     * Seen live: a stop-loss filled 116 ms after its entry, while the ledger had neither the order nor
     * the position; the stream ignored it and only the poll recorded it 42 s later. Both fills now reach
     * the session, in the order they happened, as the exchange reported them.
     */
    @Test
    void aStopLossFillingRightAfterItsEntryReachesTheSessionBeforeTheLedgerKnowsAnything() throws Exception {
        ApiCredentials key = account();
        verifiedKey.set(key);
        tracker.pollAll();
        awaitStreaming(key);

        BingxClient client = factory.client(key);
        String entryId = "td" + "0".repeat(37) + "1";
        Order entry = client.placeOrder(withClientOrderId(
                        OrderRequest.market(SYMBOL, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.5")), entryId))
                .block(Duration.ofSeconds(5));
        // the answer is an acknowledgement, as on BingX: the fill price comes with the fill
        AtomicReference<Order> filled = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            filled.set(client.queryOrder(SYMBOL, entry.orderId()).block(Duration.ofSeconds(5)));
            return filled.get().status() == dev.trenddesk.bingx.model.OrderStatus.FILLED;
        });
        // a stop above the price of a long triggers at the market's very next tick
        client.placeOrder(OrderRequest.stopMarket(
                        SYMBOL,
                        OrderSide.SELL,
                        PositionSide.LONG,
                        new BigDecimal("0.5"),
                        filled.get().avgPrice().multiply(new BigDecimal("1.05")).setScale(2, RoundingMode.DOWN)))
                .block(Duration.ofSeconds(5));
        admin("POST", "/sim/clock/step", "{\"candles\":1}");

        await().atMost(Duration.ofSeconds(10)).until(() -> fills().size() >= 2);
        List<RecordExchangeFill> fills = fills();
        assertThat(fills.get(0).clientOrderId()).isEqualTo(entryId);
        assertThat(fills.get(0).side()).isEqualTo(dev.trenddesk.api.trading.OrderSide.BUY);
        assertThat(fills.get(0).fee()).isPositive();
        assertThat(fills.get(1).orderType()).isEqualTo("STOP_MARKET");
        assertThat(fills.get(1).side()).isEqualTo(dev.trenddesk.api.trading.OrderSide.SELL);
        assertThat(fills.get(1).positionSide()).isEqualTo(ExchangePositionSide.LONG);
        assertThat(fills.get(1).fee()).isPositive();
        assertThat(fills)
                .allMatch(fill ->
                        fill.sessionId().equals(sessionId) && fill.symbol().equals(SYMBOL));
    }

    /**
     * Seen live: after the trader's key was replaced the stream kept the old key, and later fills were
     * recorded only by the poll (without their fee) or never. The stream moves to the new key when the
     * credentials store says so.
     */
    @Test
    void theStreamMovesToTheNewKeyWhenTheVerifiedKeyChanges() throws Exception {
        ApiCredentials oldKey = account();
        verifiedKey.set(oldKey);
        tracker.pollAll();
        awaitStreaming(oldKey);

        ApiCredentials newKey = account();
        verifiedKey.set(newKey);
        tracker.on(new VerifiedKeyChanged(userId));
        awaitStreaming(newKey);

        String id = "td" + "0".repeat(37) + "2";
        factory.client(newKey)
                .placeOrder(withClientOrderId(
                        OrderRequest.market(SYMBOL, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.5")), id))
                .block(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> fills().stream().anyMatch(f -> id.equals(f.clientOrderId())));
        assertThat(fills())
                .filteredOn(f -> id.equals(f.clientOrderId()))
                .first()
                .satisfies(fill -> assertThat(fill.fee()).isPositive());
    }

    /** Without the event (another node committed the key), the next poll finds the stream on a replaced key. */
    @Test
    void thePollRestartsAStreamWhoseKeyWasReplaced() throws Exception {
        ApiCredentials oldKey = account();
        verifiedKey.set(oldKey);
        tracker.pollAll();
        awaitStreaming(oldKey);

        ApiCredentials newKey = account();
        verifiedKey.set(newKey);
        tracker.pollAll();
        awaitStreaming(newKey);

        String id = "td" + "0".repeat(37) + "3";
        factory.client(newKey)
                .placeOrder(withClientOrderId(
                        OrderRequest.market(SYMBOL, OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.5")), id))
                .block(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> fills().stream().anyMatch(f -> id.equals(f.clientOrderId())));
    }

    /**
     * Seen live: each restart reset the poll's "missing for two polls" count, so a position closed at
     * BingX while the platform restarted often was never closed. The count survives the restart.
     */
    @Test
    void aPositionMissingInThePollBeforeARestartIsClosedByThePollAfterIt() throws Exception {
        verifiedKey.set(account());
        when(ledger.positions(sessionId))
                .thenReturn(List.of(new TradingLedger.LedgerPosition(
                        SYMBOL,
                        Direction.LONG,
                        ExchangePositionSide.LONG,
                        new BigDecimal("0.5"),
                        new BigDecimal("2000"),
                        new BigDecimal("1900"),
                        new BigDecimal("2100"),
                        Instant.now().minusSeconds(600))));

        tracker.pollAll();
        assertThat(sent).as("missing once: not acted on yet").isEmpty();

        tracker.stop();
        tracker = newTracker(); // the restart
        tracker.pollAll();
        assertThat(sent)
                .as("missing in the second poll, across the restart: closed on the platform")
                .isNotEmpty()
                .allSatisfy(command -> assertThat(command.toString()).contains(SYMBOL));
        int recorded = sent.size();

        tracker.pollAll();
        assertThat(sent).as("the mark was used up").hasSize(recorded);
    }

    private List<RecordExchangeFill> fills() {
        return sent.stream()
                .filter(RecordExchangeFill.class::isInstance)
                .map(RecordExchangeFill.class::cast)
                .toList();
    }

    private void awaitStreaming(ApiCredentials key) {
        String fingerprint = access.keyedClient(userId).keyFingerprint();
        assertThat(verifiedKey.get()).isEqualTo(key);
        await().atMost(Duration.ofSeconds(10)).until(() -> tracker.streaming(sessionId, fingerprint));
    }

    private static OrderRequest withClientOrderId(OrderRequest r, String clientOrderId) {
        return new OrderRequest(
                r.symbol(),
                r.side(),
                r.positionSide(),
                r.type(),
                r.quantity(),
                r.price(),
                r.stopPrice(),
                r.timeInForce(),
                r.reduceOnly(),
                r.workingType(),
                r.stopLoss(),
                r.takeProfit(),
                clientOrderId);
    }

    /** A new simulator account (hedge mode) and its key. */
    private ApiCredentials account() throws Exception {
        String key = "key-" + UUID.randomUUID();
        String secret = "secret-" + UUID.randomUUID();
        admin(
                "POST",
                "/sim/accounts",
                "{\"apiKey\":\"" + key + "\",\"secretKey\":\"" + secret
                        + "\",\"balance\":\"10000\",\"permissions\":[\"READ\",\"TRADE\"]}");
        return new ApiCredentials(key, secret);
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
