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
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.TradingCommands.RecordExchangeFill;
import dev.trenddesk.api.trading.TradingCommands.RecordFundingFee;
import dev.trenddesk.api.trading.TradingCommands.RecordPositionClosedByExchange;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.bingx.ApiCredentials;
import dev.trenddesk.bingx.BingxClient;
import dev.trenddesk.bingx.BingxClientConfig;
import dev.trenddesk.bingx.BingxClientFactory;
import dev.trenddesk.bingx.BingxEnvironment;
import dev.trenddesk.bingx.model.Income;
import dev.trenddesk.bingx.model.MarginType;
import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.ratelimit.RateLimiterRegistry;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.simulator.Candle;
import dev.trenddesk.simulator.ClockMode;
import dev.trenddesk.simulator.SimulatorConfig;
import dev.trenddesk.strategy.exchange.ExchangeKey;
import dev.trenddesk.strategy.exchange.bingx.BingxExchange;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Funding fees and liquidations reaching the session from the stepped simulator over real HTTP and WebSocket.
 * The market starts at 07:50 UTC; two steps close the candle that ends at 08:00, a funding time.
 */
class FillTrackerFundingAndLiquidationTest {

    private static final String SYMBOL = "ETH-USDT";
    private static final long START = Instant.parse("2026-01-05T07:50:00Z").toEpochMilli();

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Object> sent = new CopyOnWriteArrayList<>();
    private final TradingSessionId sessionId = new TradingSessionId(UUID.randomUUID());
    private final UserId userId = new UserId(UUID.randomUUID());
    private ApiCredentials key;
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

    /** A stepped simulator over {@code eth} (flat BTC), an account in hedge mode and a tracker watching it. */
    private void start(List<Candle> eth) throws Exception {
        sim = BingxSimulator.start(SimulatorConfig.builder()
                .port(0)
                .clockMode(ClockMode.STEPPED)
                .marketStart(START)
                .historyCandles(2)
                .candles(SYMBOL, eth)
                .candles("BTC-USDT", List.of(Candle.of("30000", "30000", "30000", "30000")))
                .build());
        factory = BingxClientFactory.create(
                BingxClientConfig.builder()
                        .environment(BingxEnvironment.SIM)
                        .baseUrl(sim.baseUrl())
                        .wsUrl(sim.wsUrl())
                        .responseTimeout(Duration.ofSeconds(5))
                        .build(),
                new RateLimiterRegistry(Schedulers.parallel()));
        key = new ApiCredentials("key-" + UUID.randomUUID(), "secret-" + UUID.randomUUID());
        admin(
                "POST",
                "/sim/accounts",
                "{\"apiKey\":\"" + key.apiKey() + "\",\"secretKey\":\"" + key.secretKey()
                        + "\",\"balance\":\"10000\",\"permissions\":[\"READ\",\"TRADE\"],\"leverage\":10}");
        access = new DefaultExchangeAccess(
                new BingxExchange(factory),
                id -> Mono.just(new dev.trenddesk.strategy.credentials.VerifiedKey(
                        dev.trenddesk.api.common.ExchangeName.BINGX, new ExchangeKey(key.apiKey(), key.secretKey()))),
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

    @AfterEach
    void stop() {
        if (tracker != null) {
            tracker.stop();
        }
        if (factory != null) {
            factory.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static List<Candle> flat(int count) {
        return new ArrayList<>(Collections.nCopies(count, Candle.of("2000", "2000", "2000", "2000")));
    }

    /** The bot's long of 1 ETH, opened at BingX and held in the ledger. */
    private void holdLong() {
        client().placeOrder(OrderRequest.market(SYMBOL, OrderSide.BUY, PositionSide.LONG, BigDecimal.ONE))
                .block(Duration.ofSeconds(5));
        when(ledger.positions(sessionId))
                .thenReturn(List.of(new TradingLedger.LedgerPosition(
                        SYMBOL,
                        Direction.LONG,
                        ExchangePositionSide.LONG,
                        BigDecimal.ONE,
                        new BigDecimal("2000"),
                        new BigDecimal("1000"),
                        new BigDecimal("3000"),
                        // opened in market time, the exchange's clock (ADR 0027): the simulator's market is in 2026-01
                        Instant.ofEpochMilli(sim.marketTime()).minusSeconds(5))));
    }

    private BingxClient client() {
        return factory.client(key);
    }

    @Test
    void aFundingChargeAnnouncedByTheStreamIsRecordedWithBingxsTranIdAndThePollSendsItOnlyOnce() throws Exception {
        start(flat(8));
        holdLong();
        tracker.pollAll();
        String fingerprint = access.keyedClient(userId).keyFingerprint();
        await().atMost(Duration.ofSeconds(10)).until(() -> tracker.streaming(sessionId, fingerprint));
        assertThat(funding()).isEmpty();

        admin("POST", "/sim/clock/step", "{\"candles\":2}"); // 08:00: the long pays 2000 × 0.01 %
        await().atMost(Duration.ofSeconds(10)).until(() -> !funding().isEmpty());
        List<Income> lines = client().income(SYMBOL, "FUNDING_FEE", null, null).block(Duration.ofSeconds(5));
        assertThat(lines).hasSize(1);
        RecordFundingFee recorded = funding().get(0);
        assertThat(recorded.sessionId()).isEqualTo(sessionId);
        assertThat(recorded.symbol()).isEqualTo(SYMBOL);
        assertThat(recorded.amount()).isEqualByComparingTo("-0.2");
        assertThat(recorded.tranId()).isEqualTo(lines.get(0).tranId());
        assertThat(recorded.chargedAt()).isEqualTo(lines.get(0).time());

        tracker.pollAll();
        tracker.pollAll();
        assertThat(funding())
                .as("the poll finds the same line and does not send it again")
                .hasSize(1);

        tracker.stop();
        tracker = newTracker(); // after a restart the poll sends the line again: the session records each tranId once
        tracker.pollAll();
        assertThat(funding()).hasSize(2).extracting(RecordFundingFee::tranId).containsOnly(recorded.tranId());
    }

    private static List<Candle> crash() {
        List<Candle> candles = flat(3);
        candles.add(Candle.of("2000", "2000", "1500", "1600"));
        candles.add(Candle.of("1600", "1600", "1600", "1600"));
        return candles;
    }

    @Test
    void aLiquidationReachesTheSessionAsALiquidationFillByTheStream() throws Exception {
        start(crash());
        client().setMarginType(SYMBOL, MarginType.ISOLATED).block(Duration.ofSeconds(5));
        holdLong();
        tracker.pollAll();
        String fingerprint = access.keyedClient(userId).keyFingerprint();
        await().atMost(Duration.ofSeconds(10)).until(() -> tracker.streaming(sessionId, fingerprint));

        admin("POST", "/sim/clock/step", "{\"candles\":2}");
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.stream()
                .anyMatch(c -> c instanceof RecordExchangeFill f && "LIQUIDATION".equals(f.orderType())));
        RecordExchangeFill fill = sent.stream()
                .filter(RecordExchangeFill.class::isInstance)
                .map(RecordExchangeFill.class::cast)
                .filter(f -> "LIQUIDATION".equals(f.orderType()))
                .findFirst()
                .orElseThrow();
        // margin 200 at leverage 10, liquidated at 2000 × 0.9 / 0.995 = 1809.05
        assertThat(fill.price()).isEqualByComparingTo("1809.05");
        assertThat(fill.realisedPnl()).isEqualByComparingTo("-190.95");
        assertThat(fill.fee()).isEqualByComparingTo("9.05");
        assertThat(fill.side()).isEqualTo(dev.trenddesk.api.trading.OrderSide.SELL);
        assertThat(fill.positionSide()).isEqualTo(ExchangePositionSide.LONG);
    }

    @Test
    void thePollClosesAPositionLiquidatedWhileTheStreamWasDownAsALiquidation() throws Exception {
        start(crash());
        client().setMarginType(SYMBOL, MarginType.ISOLATED).block(Duration.ofSeconds(5));
        holdLong();
        admin("POST", "/sim/clock/step", "{\"candles\":2}"); // liquidated before the tracker watches the session

        tracker.pollAll();
        tracker.pollAll();
        RecordPositionClosedByExchange close = sent.stream()
                .filter(RecordPositionClosedByExchange.class::isInstance)
                .map(RecordPositionClosedByExchange.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(close.reason()).isEqualTo(ExitReason.LIQUIDATION);
        assertThat(close.realisedPnl()).isEqualByComparingTo("-190.95");
        assertThat(close.fee()).as("the rest of the margin BingX kept").isEqualByComparingTo("9.05");
        assertThat(close.exitPrice()).isEqualByComparingTo("1809.05");
    }

    private List<RecordFundingFee> funding() {
        return sent.stream()
                .filter(RecordFundingFee.class::isInstance)
                .map(RecordFundingFee.class::cast)
                .toList();
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
