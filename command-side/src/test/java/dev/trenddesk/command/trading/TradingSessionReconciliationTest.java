package dev.trenddesk.command.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.OrderSide;
import dev.trenddesk.api.trading.TradingCommands.RecordExternalPosition;
import dev.trenddesk.api.trading.TradingCommands.RecordExternalPositionGone;
import dev.trenddesk.api.trading.TradingCommands.RecordPositionReconciled;
import dev.trenddesk.api.trading.TradingCommands.RequestOrderPlacement;
import dev.trenddesk.api.trading.TradingSessionEvent.ExternalPositionDetected;
import dev.trenddesk.api.trading.TradingSessionEvent.ExternalPositionGone;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderFilled;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderRejected;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionReconciled;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.command.platform.PlatformHalts;
import dev.trenddesk.command.platform.PlatformSettingsStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exchange's word wins: positions it no longer has are closed, positions it has that the bot did not open are external. */
class TradingSessionReconciliationTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(600);
    private static final TradingSessionId SID = TradingSessionId.of("00000000-0000-0000-0000-0000000000ab");
    private static final UserId UID = UserId.of("00000000-0000-0000-0000-000000000001");
    private static final String COID = "td0123456789abcdef";

    private AggregateTestFixture<TradingSession> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TradingSession.class);
        fixture.registerInjectableResource(mock(ActiveSessions.class));
        fixture.registerInjectableResource(mock(PlatformHalts.class));
        fixture.registerInjectableResource(mock(PlatformSettingsStore.class));
        fixture.registerInjectableResource(mock(dev.trenddesk.command.plan.PlanStore.class));
    }

    private static TradingSessionStarted started() {
        return new TradingSessionStarted(
                SID, UID, TradingSettings.defaults(), new BigDecimal("10000"), T0, ExchangeName.BINGX);
    }

    private static OrderPlacementRequested entryRequested() {
        return new OrderPlacementRequested(
                SID,
                UID,
                COID,
                "ETH-USDT",
                OrderIntent.OPEN,
                OrderSide.BUY,
                ExchangePositionSide.LONG,
                Direction.LONG,
                new BigDecimal("1.50"),
                new BigDecimal("1500.00"),
                new BigDecimal("1700.00"),
                null,
                T0,
                T0);
    }

    private static PositionOpened opened() {
        return new PositionOpened(
                SID,
                UID,
                "ETH-USDT",
                Direction.LONG,
                ExchangePositionSide.LONG,
                new BigDecimal("1.50"),
                new BigDecimal("1600.00"),
                new BigDecimal("1500.00"),
                new BigDecimal("1700.00"),
                COID,
                new BigDecimal("1.20"),
                T0);
    }

    private static OrderPlacementRequested closeRequested() {
        return new OrderPlacementRequested(
                SID,
                UID,
                "tdclose1",
                "ETH-USDT",
                OrderIntent.CLOSE,
                OrderSide.SELL,
                ExchangePositionSide.LONG,
                Direction.LONG,
                new BigDecimal("1.50"),
                null,
                null,
                ExitReason.STRATEGY_EXIT,
                T1,
                T1);
    }

    private static RequestOrderPlacement requestEntry(String coid, String symbol) {
        return new RequestOrderPlacement(
                SID,
                coid,
                symbol,
                OrderIntent.OPEN,
                OrderSide.BUY,
                ExchangePositionSide.LONG,
                Direction.LONG,
                new BigDecimal("0.10"),
                new BigDecimal("50000"),
                new BigDecimal("60000"),
                null,
                T1,
                T1);
    }

    private static ExternalPositionDetected external() {
        return new ExternalPositionDetected(
                SID,
                UID,
                "BTC-USDT",
                ExchangePositionSide.SHORT,
                Direction.SHORT,
                new BigDecimal("0.2"),
                new BigDecimal("55000"),
                "opened outside the bot",
                T0);
    }

    @Test
    void aPositionTheExchangeNoLongerHasIsClosedWithTheExchangesPnl() {
        fixture.given(
                        started(),
                        entryRequested(),
                        opened(),
                        closeRequested(),
                        new OrderRejected(SID, UID, "tdclose1", "ETH-USDT", 80014, "No position to close", T1))
                .when(new RecordPositionReconciled(
                        SID,
                        "ETH-USDT",
                        new BigDecimal("1550.00"),
                        new BigDecimal("-75.00"),
                        null,
                        "EXCHANGE_INCOME",
                        "BingX has no ETH-USDT position",
                        T1))
                .expectEvents(
                        new PositionReconciled(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                new BigDecimal("1.50"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1550.00"),
                                new BigDecimal("-75.00"),
                                "EXCHANGE_INCOME",
                                "BingX has no ETH-USDT position",
                                T1),
                        new PositionClosed(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                new BigDecimal("1.50"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1550.00"),
                                new BigDecimal("-75.00"),
                                new BigDecimal("1.20"),
                                ExitReason.EXCHANGE_RECONCILED,
                                T1));
    }

    @Test
    void withoutBookedPnlTheCloseIsValuedAtTheGivenPrice() {
        fixture.given(started(), entryRequested(), opened())
                .when(new RecordPositionReconciled(
                        SID,
                        "ETH-USDT",
                        new BigDecimal("1600.00"),
                        null,
                        null,
                        "ENTRY_PRICE",
                        "gone after a restart",
                        T1))
                .expectEvents(
                        new PositionReconciled(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                new BigDecimal("1.50"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("0.0000"),
                                "ENTRY_PRICE",
                                "gone after a restart",
                                T1),
                        new PositionClosed(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                new BigDecimal("1.50"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("0.0000"),
                                new BigDecimal("1.20"),
                                ExitReason.EXCHANGE_RECONCILED,
                                T1));
    }

    @Test
    void reconcilingTwiceClosesOnce() {
        PositionClosed closed = new PositionClosed(
                SID,
                UID,
                "ETH-USDT",
                Direction.LONG,
                new BigDecimal("1.50"),
                new BigDecimal("1600.00"),
                new BigDecimal("1600.00"),
                BigDecimal.ZERO,
                new BigDecimal("1.20"),
                ExitReason.EXCHANGE_RECONCILED,
                T1);
        fixture.given(started(), entryRequested(), opened(), closed)
                .when(new RecordPositionReconciled(
                        SID, "ETH-USDT", new BigDecimal("1600.00"), null, null, "ENTRY_PRICE", "again", T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void afterReconciliationTheSymbolCanBeTradedAgain() {
        PositionClosed closed = new PositionClosed(
                SID,
                UID,
                "ETH-USDT",
                Direction.LONG,
                new BigDecimal("1.50"),
                new BigDecimal("1600.00"),
                new BigDecimal("1600.00"),
                BigDecimal.ZERO,
                new BigDecimal("1.20"),
                ExitReason.EXCHANGE_RECONCILED,
                T1);
        fixture.given(
                        started(),
                        entryRequested(),
                        new OrderFilled(
                                SID,
                                UID,
                                COID,
                                "ETH-USDT",
                                "1",
                                new BigDecimal("1600.00"),
                                new BigDecimal("1.50"),
                                new BigDecimal("1.20"),
                                T0),
                        opened(),
                        closed)
                .when(requestEntry("tdnext", "ETH-USDT"))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(OrderPlacementRequested.class)),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void anExternalPositionIsRecordedOnceAndAgainWhenItsSizeChanges() {
        RecordExternalPosition seen = new RecordExternalPosition(
                SID,
                "BTC-USDT",
                ExchangePositionSide.SHORT,
                Direction.SHORT,
                new BigDecimal("0.2"),
                new BigDecimal("55000"),
                "opened outside the bot",
                T0);
        fixture.given(started()).when(seen).expectEvents(external());
        fixture.given(started(), external())
                .when(seen)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(started(), external())
                .when(new RecordExternalPosition(
                        SID,
                        "BTC-USDT",
                        ExchangePositionSide.SHORT,
                        Direction.SHORT,
                        new BigDecimal("0.3"),
                        new BigDecimal("55000"),
                        "grew",
                        T1))
                .expectEvents(new ExternalPositionDetected(
                        SID,
                        UID,
                        "BTC-USDT",
                        ExchangePositionSide.SHORT,
                        Direction.SHORT,
                        new BigDecimal("0.3"),
                        new BigDecimal("55000"),
                        "grew",
                        T1));
    }

    @Test
    void theSessionsOwnPositionIsNeverExternal() {
        fixture.given(started(), entryRequested(), opened())
                .when(new RecordExternalPosition(
                        SID,
                        "ETH-USDT",
                        ExchangePositionSide.LONG,
                        Direction.LONG,
                        new BigDecimal("1.50"),
                        new BigDecimal("1600"),
                        "lagging ledger",
                        T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void noEntryOnASymbolWithAnExternalPosition() {
        fixture.given(started(), external())
                .when(requestEntry("tdbtc1", "BTC-USDT"))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("did not open"));
    }

    @Test
    void whenTheExternalPositionIsGoneTheSymbolIsTradedAgain() {
        fixture.given(started(), external())
                .when(new RecordExternalPositionGone(SID, "BTC-USDT", ExchangePositionSide.SHORT, T1))
                .expectEvents(new ExternalPositionGone(SID, UID, "BTC-USDT", ExchangePositionSide.SHORT, T1));
        fixture.given(
                        started(),
                        external(),
                        new ExternalPositionGone(SID, UID, "BTC-USDT", ExchangePositionSide.SHORT, T1))
                .when(new RecordExternalPositionGone(SID, "BTC-USDT", ExchangePositionSide.SHORT, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(
                        started(),
                        external(),
                        new ExternalPositionGone(SID, UID, "BTC-USDT", ExchangePositionSide.SHORT, T1))
                .when(requestEntry("tdbtc2", "BTC-USDT"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void externalPositionsSurviveAJacksonSnapshotRoundTrip() throws Exception {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .findAndRegisterModules();
        TradingSession session = new TradingSession();
        session.on(started());
        session.on(external());
        String json = mapper.writeValueAsString(session);
        TradingSession copy = mapper.readValue(json, TradingSession.class);
        assertThat(mapper.writeValueAsString(copy)).isEqualTo(json);
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = mapper.readValue(json, Map.class);
        assertThat(tree).containsKey("externalPositions");
        assertThat(json).contains("BTC-USDT/SHORT");
    }
}
