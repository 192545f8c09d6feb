package dev.trenddesk.strategy.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.TradingCommands.RecordExchangeFill;
import dev.trenddesk.api.trading.TradingCommands.RecordPositionClosedByExchange;
import dev.trenddesk.api.trading.TradingCommands.ReportPositionDesync;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.bingx.BingxClient;
import dev.trenddesk.bingx.model.Income;
import dev.trenddesk.bingx.model.Order;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.OrderStatus;
import dev.trenddesk.bingx.model.Position;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.model.UserDataEvent;
import dev.trenddesk.strategy.exchange.bingx.BingxConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import reactor.core.publisher.Mono;

/**
 * The poll's "missing in two polls" close, against a scripted BingX and a real {@link PollMarks}
 * (embedded PostgreSQL): a mark belongs to one position, never to the next one on the symbol; the
 * ledger is read before BingX; BingX is asked again before a position with nothing booked is closed as
 * gone; polls of one session never overlap. And the settlement: an order is "already settled" only once
 * its close was recorded; an entry BingX cannot find is "cannot tell", not a NullPointerException.
 */
class FillTrackerPollTest {

    private static final String ETH = "ETH-USDT";

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;

    private final TradingSessionId sessionId = new TradingSessionId(UUID.randomUUID());
    private final UserId userId = new UserId(UUID.randomUUID());
    private final List<Object> sent = new CopyOnWriteArrayList<>();
    private final TradingLedger ledger = mock(TradingLedger.class);
    private final DefaultExchangeAccess access = mock(DefaultExchangeAccess.class);
    private final BingxClient client = mock(BingxClient.class);
    private final CommandGateway commands = mock(CommandGateway.class);
    private FillTracker tracker;
    private FillTracker.Watch watch;

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
        when(access.client(userId)).thenReturn(new BingxConnection(client));
        when(access.exchangeName()).thenReturn("BingX");
        when(client.positions(any())).thenReturn(Mono.just(List.of()));
        when(client.income(anyString(), isNull(), any(), isNull())).thenReturn(Mono.just(List.of()));
        when(ledger.pendingOrders(sessionId)).thenReturn(List.of());
        when(ledger.externalPositions(sessionId)).thenReturn(List.of());
        when(commands.sendAndWait(any())).thenAnswer(call -> {
            Object message = call.getArgument(0);
            sent.add(message instanceof CommandMessage<?> command ? command.getPayload() : message);
            return null;
        });
        tracker = new FillTracker(
                ledger,
                access,
                mock(OrderExecution.class),
                commands,
                new PositionReconciler(access, commands, new MarketClock(Clock.systemUTC())),
                new PollMarks(jdbc),
                new MarketClock(Clock.systemUTC()),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5));
        watch = new FillTracker.Watch(
                new TradingLedger.ActiveSession(sessionId, userId, TradingSettings.defaults(), Instant.now()));
    }

    private static TradingLedger.LedgerPosition held(Instant openedAt) {
        return new TradingLedger.LedgerPosition(
                ETH,
                Direction.LONG,
                ExchangePositionSide.LONG,
                new BigDecimal("1"),
                new BigDecimal("2000"),
                new BigDecimal("1900"),
                new BigDecimal("2100"),
                openedAt);
    }

    private static Position atBingx() {
        return atBingx(BigDecimal.ONE);
    }

    private static Position atBingx(BigDecimal amount) {
        return new Position(
                "1",
                ETH,
                PositionSide.LONG,
                false,
                amount,
                amount,
                new BigDecimal("2000"),
                BigDecimal.TEN,
                5,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                null,
                new BigDecimal("2000"));
    }

    /**
     * The review's sequence: the poll marks P1 missing (its stop fill was lost), the candle settles P1 and
     * re-enters P2 on the same symbol, the next poll does not see P2 at BingX yet: P1's mark is not P2's.
     */
    @Test
    void aMissingMarkOfOnePositionIsNotInheritedByTheNextPositionOnTheSymbol() {
        Instant p1 = Instant.now().minusSeconds(600);
        when(ledger.positions(sessionId)).thenReturn(List.of(held(p1)));
        tracker.poll(watch);
        assertThat(sent).as("P1 missing once").isEmpty();

        when(ledger.positions(sessionId)).thenReturn(List.of(held(Instant.now())));
        tracker.poll(watch);
        assertThat(sent).as("P2 missing for the first time: nothing closed").isEmpty();
    }

    /** BingX is read after the ledger, so a position the ledger holds was at least placed before BingX was asked. */
    @Test
    void thePollReadsTheLedgerBeforeBingx() {
        when(ledger.positions(sessionId)).thenReturn(List.of(held(Instant.now())));
        tracker.poll(watch);

        InOrder order = inOrder(ledger, client);
        order.verify(ledger).positions(sessionId);
        order.verify(client).positions(null);
    }

    /** Missing in two polls and nothing booked: BingX is asked once more for the symbol before the position is closed. */
    @Test
    void aPositionMissingTwiceWithNothingBookedIsReCheckedAtBingxBeforeItIsClosed() {
        when(ledger.positions(sessionId)).thenReturn(List.of(held(Instant.now().minusSeconds(600))));
        when(client.positions(null)).thenReturn(Mono.just(List.of())); // the round-wide read misses it
        when(client.positions(ETH)).thenReturn(Mono.just(List.of(atBingx()))); // it is there
        tracker.poll(watch);
        tracker.poll(watch);
        assertThat(sent).as("BingX holds it: nothing closed").isEmpty();

        when(client.positions(ETH)).thenReturn(Mono.just(List.of()));
        tracker.poll(watch);
        tracker.poll(watch);
        assertThat(sent).as("really gone: closed").hasSize(1);
    }

    /**
     * A size that differs in one poll only is a race between the ledger's read and BingX's (a fill recorded in
     * between, the ledger lagging it), not a desync; the same position differing in two polls in a row is one,
     * reported once per poll while it lasts; a size that agrees again forgets the first sighting.
     */
    @Test
    void aSizeThatDiffersInTwoPollsInARowIsADesyncAndInOneIsNot() {
        when(ledger.positions(sessionId)).thenReturn(List.of(held(Instant.now().minusSeconds(600))));
        when(client.positions(null)).thenReturn(Mono.just(List.of(atBingx(new BigDecimal("2")))));
        tracker.poll(watch);
        assertThat(sent).as("differs once").isEmpty();

        when(client.positions(null)).thenReturn(Mono.just(List.of(atBingx(BigDecimal.ONE))));
        tracker.poll(watch);
        when(client.positions(null)).thenReturn(Mono.just(List.of(atBingx(new BigDecimal("2")))));
        tracker.poll(watch);
        assertThat(sent).as("agreed in between: differs once again").isEmpty();

        tracker.poll(watch);
        assertThat(sent)
                .as("differs in two polls in a row")
                .singleElement()
                .isInstanceOfSatisfying(ReportPositionDesync.class, desync -> {
                    assertThat(desync.expectedQuantity()).isEqualByComparingTo("1");
                    assertThat(desync.actualQuantity()).isEqualByComparingTo("2");
                });
    }

    /** A second poll of a session whose poll is still running is skipped: it cannot make "two polls in a row" alone. */
    @Test
    void pollsOfOneSessionDoNotOverlap() throws Exception {
        CountDownLatch inFirstPoll = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        when(ledger.positions(sessionId)).thenAnswer(call -> {
            if (first.getAndSet(false)) {
                inFirstPoll.countDown();
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            }
            return List.of(held(Instant.now().minusSeconds(600)));
        });
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> tracker.poll(watch));
        assertThat(inFirstPoll.await(10, TimeUnit.SECONDS)).isTrue();

        tracker.poll(watch); // e.g. the reconnect poll while pollAll's is running
        release.countDown();
        running.get(10, TimeUnit.SECONDS);

        verify(ledger, times(1)).positions(sessionId);
        assertThat(sent).as("one poll ran: missing once").isEmpty();
    }

    private void settleSetup(Mono<Order> entry) {
        when(client.positions(ETH)).thenReturn(Mono.just(List.of()));
        when(client.queryOrderByClientOrderId(ETH, "td-entry")).thenReturn(entry);
    }

    private static ExchangeSettlement.Held settled() {
        return new ExchangeSettlement.Held(
                ETH,
                Direction.LONG,
                ExchangePositionSide.LONG,
                BigDecimal.ONE,
                new BigDecimal("2000"),
                new BigDecimal("1960"),
                new BigDecimal("2200"),
                "td-entry");
    }

    /** The close could not be sent: the stop's fill arriving by the stream afterwards still reaches the session. */
    @Test
    void anOrderWhoseSettlementWasNotRecordedIsNotTreatedAsSettled() {
        Instant filled = Instant.now().minusSeconds(60);
        settleSetup(Mono.just(new Order(
                ETH,
                11,
                "td-entry",
                OrderSide.BUY,
                PositionSide.LONG,
                "MARKET",
                OrderStatus.FILLED,
                null,
                BigDecimal.ONE,
                BigDecimal.ONE,
                new BigDecimal("2000"),
                null,
                null,
                null,
                filled,
                filled)));
        when(client.income(eq(ETH), isNull(), any(), isNull()))
                .thenReturn(Mono.just(List.of(new Income(
                        ETH, "REALIZED_PNL", new BigDecimal("-40"), "USDT", "", filled.plusSeconds(30), "t1", "22"))));
        when(client.queryOrder(ETH, 22L)).thenReturn(Mono.error(new IllegalStateException("not now")));
        doThrow(new IllegalStateException("command bus down"))
                .doAnswer(call -> {
                    sent.add(((CommandMessage<?>) call.getArgument(0)).getPayload());
                    return null;
                })
                .when(commands)
                .sendAndWait(any());

        assertThatThrownBy(() -> tracker.settle(sessionId, userId, settled(), Instant.now()))
                .isInstanceOf(RuntimeException.class);

        tracker.onUserData(
                watch,
                BingxConnection.event(new UserDataEvent.OrderUpdate(
                        Instant.now(),
                        ETH,
                        "",
                        22L,
                        OrderSide.SELL,
                        "STOP_MARKET",
                        BigDecimal.ONE,
                        new BigDecimal("1960"),
                        new BigDecimal("1960"),
                        "TRADE",
                        OrderStatus.FILLED,
                        new BigDecimal("-0.98"),
                        PositionSide.LONG,
                        new BigDecimal("-40"))));
        assertThat(sent).singleElement().isInstanceOf(RecordExchangeFill.class);
        assertThat(sent).noneMatch(RecordPositionClosedByExchange.class::isInstance);
    }

    /** BingX answers the entry lookup with nothing: the settlement cannot tell, and says so. */
    @Test
    void anEntryBingxCannotFindIsCannotTellNotANullPointer() {
        settleSetup(Mono.empty());

        assertThatThrownBy(() -> tracker.settle(sessionId, userId, settled(), Instant.now()))
                .isInstanceOf(ExchangeAccess.ExchangeUnavailable.class);
        assertThat(sent).isEmpty();
    }
}
