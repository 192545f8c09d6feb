package dev.trenddesk.strategy.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.TradingCommands.RecordPositionClosedByExchange;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.bingx.ApiCredentials;
import dev.trenddesk.bingx.BingxClient;
import dev.trenddesk.bingx.BingxClientConfig;
import dev.trenddesk.bingx.BingxClientFactory;
import dev.trenddesk.bingx.BingxEnvironment;
import dev.trenddesk.bingx.model.Order;
import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.OrderStatus;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.model.TriggerOrder;
import dev.trenddesk.bingx.model.UserDataEvent;
import dev.trenddesk.bingx.ratelimit.RateLimiterRegistry;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.simulator.Candle;
import dev.trenddesk.simulator.ClockMode;
import dev.trenddesk.simulator.SimulatorConfig;
import dev.trenddesk.strategy.exchange.ExchangeKey;
import dev.trenddesk.strategy.exchange.bingx.BingxConnection;
import dev.trenddesk.strategy.exchange.bingx.BingxExchange;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The fill tracker as the saga's {@link ExchangeSettlement}, against the stepped simulator: the candle in
 * which the stop filled is settled before its fill reached the platform (the user-data stream is not even
 * listened to here), with BingX's own fill; a crossed level that did not fill leaves the position open; and
 * the stop's fill arriving late by the stream, when the bot already holds its next position, closes nothing.
 */
class FillTrackerSettlementTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ETH = "ETH-USDT";
    private static final TradingSessionId SID = TradingSessionId.of("00000000-0000-0000-0000-0000000000bb");
    private static final UserId USER = new UserId(UUID.randomUUID());

    private BingxSimulator sim;
    private BingxClientFactory factory;
    private BingxClient client;
    private FillTracker tracker;
    private final TradingLedger ledger = mock(TradingLedger.class);
    private final CommandGateway commands = mock(CommandGateway.class);

    @BeforeEach
    void start() throws Exception {
        // live candle: 2000 → 1950 → 2100 → 2050, so a long's stop at 1960 fills at 1960 on the first leg
        sim = BingxSimulator.start(SimulatorConfig.builder()
                .port(0)
                .clockMode(ClockMode.STEPPED)
                .historyCandles(2)
                .rateLimitsEnabled(false)
                .candles(
                        ETH,
                        List.of(
                                Candle.of("2000", "2000", "2000", "2000"),
                                Candle.of("2000", "2000", "2000", "2000"),
                                Candle.of("2000", "2100", "1950", "2050"),
                                Candle.of("2050", "2050", "2050", "2050"),
                                Candle.of("2050", "2050", "2050", "2050")))
                .build());
        String key = "key-" + UUID.randomUUID();
        String secret = "secret-" + UUID.randomUUID();
        admin(
                "/sim/accounts",
                "{\"apiKey\":\"" + key + "\",\"secretKey\":\"" + secret
                        + "\",\"balance\":\"10000\",\"permissions\":[\"READ\",\"TRADE\"],\"positionMode\":\"HEDGE\"}");
        factory = BingxClientFactory.create(
                BingxClientConfig.builder()
                        .environment(BingxEnvironment.SIM)
                        .baseUrl(sim.baseUrl())
                        .wsUrl(sim.wsUrl())
                        .responseTimeout(Duration.ofSeconds(5))
                        .build(),
                new RateLimiterRegistry(Schedulers.parallel()));
        ApiCredentials credentials = new ApiCredentials(key, secret);
        client = factory.client(credentials);
        DefaultExchangeAccess access = new DefaultExchangeAccess(
                new BingxExchange(factory),
                id -> Mono.just(new dev.trenddesk.strategy.credentials.VerifiedKey(
                        dev.trenddesk.api.common.ExchangeName.BINGX,
                        new ExchangeKey(credentials.apiKey(), credentials.secretKey()))),
                WAIT,
                java.time.Clock.systemUTC());
        tracker = new FillTracker(
                ledger,
                access,
                mock(OrderExecution.class),
                commands,
                mock(PositionReconciler.class),
                mock(PollMarks.class),
                new MarketClock(Clock.systemUTC()),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        factory.close();
        sim.close();
    }

    private ExchangeSettlement.Held enterLong(String coid, String stop, String target) {
        client.placeOrder(OrderRequest.market(ETH, OrderSide.BUY, PositionSide.LONG, new BigDecimal("1"))
                        .withClientOrderId(coid)
                        .withStopLoss(TriggerOrder.stopLoss(new BigDecimal(stop)))
                        .withTakeProfit(TriggerOrder.takeProfit(new BigDecimal(target))))
                .block(WAIT);
        return new ExchangeSettlement.Held(
                ETH,
                Direction.LONG,
                ExchangePositionSide.LONG,
                new BigDecimal("1"),
                new BigDecimal("2000"),
                new BigDecimal(stop),
                new BigDecimal(target),
                coid);
    }

    @Test
    void theCandleInWhichTheStopFilledIsSettledWithTheExchangesFillBeforeItsFillArrives() throws Exception {
        ExchangeSettlement.Held held = enterLong("td-entry-1", "1960", "2200");
        admin("/sim/clock/step", "{\"candles\":1}"); // the stop fills inside the candle; no fill reached the platform
        Instant at = Instant.now();

        assertThat(tracker.settle(SID, USER, held, at)).isEqualTo(ExchangeSettlement.Outcome.CLOSED);

        RecordPositionClosedByExchange close = (RecordPositionClosedByExchange) sent();
        Order stop =
                client.queryOrder(ETH, Long.parseLong(close.exchangeOrderId())).block(WAIT);
        assertThat(stop.type()).isEqualTo("STOP_MARKET");
        assertThat(stop.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(close.sessionId()).isEqualTo(SID);
        assertThat(close.symbol()).isEqualTo(ETH);
        assertThat(close.exitPrice()).isEqualByComparingTo("1960");
        assertThat(close.realisedPnl()).isEqualByComparingTo("-40");
        assertThat(close.fee()).isEqualByComparingTo("0.98"); // 1960 × 1 × 0.05 %, the exit's fee only
        assertThat(close.reason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(close.at()).isEqualTo(at);

        // the bot re-entered on that candle; then the old stop's fill arrives by the stream: it closes nothing
        enterLong("td-entry-2", "1900", "2300");
        when(ledger.order(any())).thenReturn(java.util.Optional.empty());
        when(ledger.positions(SID))
                .thenReturn(List.of(new TradingLedger.LedgerPosition(
                        ETH,
                        Direction.LONG,
                        ExchangePositionSide.LONG,
                        new BigDecimal("1"),
                        new BigDecimal("2050"),
                        new BigDecimal("1900"),
                        new BigDecimal("2300"),
                        Instant.now())));
        FillTracker.Watch watch = new FillTracker.Watch(
                new TradingLedger.ActiveSession(SID, USER, TradingSettings.defaults(), Instant.now()));
        tracker.onUserData(
                watch,
                BingxConnection.event(new UserDataEvent.OrderUpdate(
                        Instant.now(),
                        ETH,
                        "",
                        stop.orderId(),
                        OrderSide.SELL,
                        "STOP_MARKET",
                        new BigDecimal("1"),
                        new BigDecimal("1960"),
                        new BigDecimal("1960"),
                        "TRADE",
                        OrderStatus.FILLED,
                        new BigDecimal("-0.98"),
                        PositionSide.LONG,
                        new BigDecimal("-40"))));
        assertThat(allSent()).as("only the settlement's close").hasSize(1);
    }

    @Test
    void aCrossedLevelThatDidNotFillLeavesThePositionOpen() throws Exception {
        // the stop sits at 1940, under the candle's low of 1950: the exchange still holds the position
        ExchangeSettlement.Held held = enterLong("td-entry-3", "1940", "2200");
        admin("/sim/clock/step", "{\"candles\":1}");

        assertThat(tracker.settle(SID, USER, held, Instant.now())).isEqualTo(ExchangeSettlement.Outcome.OPEN);
        assertThat(allSent()).isEmpty();
    }

    private Object sent() {
        List<Object> all = allSent();
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private List<Object> allSent() {
        ArgumentCaptor<Object> captor = ArgumentCaptor.forClass(Object.class);
        try {
            verify(commands, atLeastOnce()).sendAndWait(captor.capture());
        } catch (org.mockito.exceptions.verification.WantedButNotInvoked none) {
            return List.of();
        }
        return captor.getAllValues().stream()
                .map(m -> ((CommandMessage<?>) m).getPayload())
                .map(Object.class::cast)
                .toList();
    }

    private void admin(String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 299);
    }
}
