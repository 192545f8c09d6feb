package dev.trenddesk.command.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.platform.AllowedMarkets;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.OrderSide;
import dev.trenddesk.api.trading.PauseReason;
import dev.trenddesk.api.trading.RiskLimitKind;
import dev.trenddesk.api.trading.StopReason;
import dev.trenddesk.api.trading.TradingCommands.ChangeTradingSessionSettings;
import dev.trenddesk.api.trading.TradingCommands.PauseTradingSession;
import dev.trenddesk.api.trading.TradingCommands.RecordOrderFill;
import dev.trenddesk.api.trading.TradingCommands.RecordOrderPlaced;
import dev.trenddesk.api.trading.TradingCommands.RecordOrderRejected;
import dev.trenddesk.api.trading.TradingCommands.RecordPositionClosedByExchange;
import dev.trenddesk.api.trading.TradingCommands.RecordRiskLimitBreach;
import dev.trenddesk.api.trading.TradingCommands.RecordSignal;
import dev.trenddesk.api.trading.TradingCommands.ReportPositionDesync;
import dev.trenddesk.api.trading.TradingCommands.RequestOrderPlacement;
import dev.trenddesk.api.trading.TradingCommands.ResumeTradingSession;
import dev.trenddesk.api.trading.TradingCommands.StartTradingSession;
import dev.trenddesk.api.trading.TradingCommands.StopTradingSession;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderFilled;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlaced;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderRejected;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionDesyncDetected;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionEvent.RiskLimitBreached;
import dev.trenddesk.api.trading.TradingSessionEvent.SignalGenerated;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionPaused;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionResumed;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionSettingsChanged;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStopped;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.command.Refusals;
import dev.trenddesk.command.platform.PlatformHalts;
import dev.trenddesk.command.platform.PlatformSettingsStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TradingSessionTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final TradingSessionId SID = TradingSessionId.of("00000000-0000-0000-0000-0000000000aa");
    private static final UserId UID = UserId.of("00000000-0000-0000-0000-000000000001");
    private static final TradingSettings SETTINGS = TradingSettings.defaults();
    private static final BigDecimal BALANCE = new BigDecimal("10000");
    private static final String COID = "td0123456789abcdef";

    private AggregateTestFixture<TradingSession> fixture;
    private ActiveSessions activeSessions;
    private PlatformHalts halts;
    private PlatformSettingsStore platform;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TradingSession.class);
        activeSessions = mock(ActiveSessions.class);
        fixture.registerInjectableResource(activeSessions);
        halts = mock(PlatformHalts.class);
        fixture.registerInjectableResource(halts);
        platform = mock(PlatformSettingsStore.class);
        fixture.registerInjectableResource(platform);
        fixture.registerInjectableResource(mock(dev.trenddesk.command.plan.PlanStore.class));
    }

    /** The platform allows only these markets (as PlatformSettingsStore reads them from its table). */
    private void allowedMarkets(AllowedMarkets markets) {
        doAnswer(call -> {
                    markets.require(call.getArgument(0), call.getArgument(1));
                    return null;
                })
                .when(platform)
                .requireAllowed(any(), any());
    }

    private void killSwitchEngaged(String reason) {
        doThrow(new DomainRejection(RejectionCode.TRADING_HALTED, "trading is halted by the platform: " + reason))
                .when(halts)
                .requireTradingAllowed();
        when(halts.haltReason()).thenReturn(Optional.of(reason));
    }

    private static TradingSessionStarted started() {
        return new TradingSessionStarted(SID, UID, SETTINGS, BALANCE, T0, ExchangeName.BINGX);
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

    private static RequestOrderPlacement requestEntry() {
        return new RequestOrderPlacement(
                SID,
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

    @Test
    void startsAndClaimsTheUsersOnlyActiveSlot() {
        fixture.givenNoPriorActivity()
                .when(new StartTradingSession(SID, UID, ExchangeName.BINGX, SETTINGS, BALANCE, T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(started());
        verify(activeSessions).claim(UID, SID, T0);
    }

    @Test
    void refusesASecondActiveSessionOfTheSameUser() {
        doThrow(new IllegalStateException("a bot is already running for this user: stop it first"))
                .when(activeSessions)
                .claim(any(), any(), any());
        fixture.givenNoPriorActivity()
                .when(new StartTradingSession(SID, UID, ExchangeName.BINGX, SETTINGS, BALANCE, T0))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAStartWhileTheKillSwitchIsEngagedClaimingNothing() {
        killSwitchEngaged("exchange outage");
        fixture.givenNoPriorActivity()
                .when(new StartTradingSession(SID, UID, ExchangeName.BINGX, SETTINGS, BALANCE, T0))
                .expectException(Refusals.refusedWith(RejectionCode.TRADING_HALTED))
                .expectExceptionMessage(containsString("exchange outage"))
                .expectNoEvents();
        verify(activeSessions, never()).claim(any(), any(), any());
    }

    @Test
    void refusesAResumeWhileTheKillSwitchIsEngagedButStillPausesAndStops() {
        killSwitchEngaged("exchange outage");
        TradingSessionPaused paused = new TradingSessionPaused(SID, UID, T0, PauseReason.PLATFORM_HALT, "halted");
        fixture.given(started(), paused)
                .when(new ResumeTradingSession(SID, T0))
                .expectException(Refusals.refusedWith(RejectionCode.TRADING_HALTED))
                .expectNoEvents();
        // the platform's own resume (a key verified again) waits quietly instead of failing
        fixture.given(started(), new TradingSessionPaused(SID, UID, T0, PauseReason.CREDENTIALS, "key"))
                .when(new ResumeTradingSession(SID, T0, PauseReason.CREDENTIALS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        // exits are not blocked: pausing and stopping with flatten still work
        fixture.given(started())
                .when(new PauseTradingSession(SID, T0, PauseReason.PLATFORM_HALT, "halted"))
                .expectEvents(paused);
        fixture.given(started(), paused)
                .when(
                        new StopTradingSession(SID, StopReason.REQUESTED, "halt", true, T0),
                        MetaData.with("actorId", "a"))
                .expectEvents(new TradingSessionStopped(SID, UID, StopReason.REQUESTED, "halt", "a", true, T0));
    }

    @Test
    void refusesInvalidSettings() {
        TradingSettings bad = new TradingSettings(
                0,
                SETTINGS.riskPerTradePct(),
                SETTINGS.dailyLossLimitPct(),
                SETTINGS.maxDrawdownPct(),
                5,
                PositionMode.HEDGE,
                SETTINGS.adxThreshold(),
                SETTINGS.timeframe(),
                SETTINGS.signalConfidence(),
                SETTINGS.stopAtr(),
                SETTINGS.takeProfitR(),
                SETTINGS.symbols(),
                SETTINGS.strategy(),
                SETTINGS.emaFast(),
                SETTINGS.emaSlow());
        fixture.givenNoPriorActivity()
                .when(new StartTradingSession(SID, UID, ExchangeName.BINGX, bad, BALANCE, T0))
                .expectException(InvalidInputException.class);
    }

    @Test
    void pausesResumesAndStopsReleasingTheSlot() {
        fixture.given(started())
                .when(new PauseTradingSession(SID, T0))
                .expectEvents(new TradingSessionPaused(SID, UID, T0));
        fixture.given(started(), new TradingSessionPaused(SID, UID, T0))
                .when(new ResumeTradingSession(SID, T0))
                .expectEvents(new TradingSessionResumed(SID, UID, T0));
        fixture.given(started())
                .when(
                        new StopTradingSession(SID, StopReason.REQUESTED, "by the trader", true, T0),
                        MetaData.with("actorId", UID.toString()))
                .expectEvents(new TradingSessionStopped(
                        SID, UID, StopReason.REQUESTED, "by the trader", UID.toString(), true, T0));
        verify(activeSessions).release(UID, SID);
    }

    @Test
    void refusesWrongTransitions() {
        fixture.given(started())
                .when(new ResumeTradingSession(SID, T0))
                .expectException(Refusals.refusedWith(RejectionCode.SESSION_NOT_PAUSED));
        fixture.given(started(), new TradingSessionPaused(SID, UID, T0))
                .when(new PauseTradingSession(SID, T0))
                .expectException(Refusals.refusedWith(RejectionCode.SESSION_NOT_RUNNING));
        fixture.given(started(), new TradingSessionStopped(SID, UID, StopReason.REQUESTED, "", "x", false, T0))
                .when(new StopTradingSession(SID, StopReason.REQUESTED, "", false, T0))
                .expectException(Refusals.refusedWith(RejectionCode.SESSION_ALREADY_STOPPED));
    }

    @Test
    void storesAnOrderRequestOnceWhateverTheRepeats() {
        fixture.given(started()).when(requestEntry()).expectEvents(entryRequested());
        fixture.given(started(), entryRequested())
                .when(requestEntry())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesANewEntryWhilePaused() {
        fixture.given(started(), new TradingSessionPaused(SID, UID, T0))
                .when(requestEntry())
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAClientOrderIdBingxWouldChange() {
        RequestOrderPlacement upper = new RequestOrderPlacement(
                SID,
                "TD-UPPER",
                "ETH-USDT",
                OrderIntent.OPEN,
                OrderSide.BUY,
                ExchangePositionSide.LONG,
                Direction.LONG,
                BigDecimal.ONE,
                null,
                null,
                null,
                T0,
                T0);
        fixture.given(started()).when(upper).expectException(InvalidInputException.class);
    }

    @Test
    void placedOnceAndFillOpensThePosition() {
        fixture.given(started(), entryRequested())
                .when(new RecordOrderPlaced(SID, COID, "1790000000000000001", T0))
                .expectEvents(new OrderPlaced(SID, UID, COID, "ETH-USDT", "1790000000000000001", T0));
        fixture.given(started(), entryRequested(), new OrderPlaced(SID, UID, COID, "ETH-USDT", "1", T0))
                .when(new RecordOrderPlaced(SID, COID, "1", T0))
                .expectNoEvents();
        fixture.given(started(), entryRequested(), new OrderPlaced(SID, UID, COID, "ETH-USDT", "1", T0))
                .when(new RecordOrderFill(
                        SID,
                        COID,
                        "1",
                        new BigDecimal("1600.00"),
                        new BigDecimal("1.50"),
                        new BigDecimal("-1.20"),
                        null,
                        T0))
                .expectEvents(
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
                        opened());
    }

    @Test
    void aFillWhoseAcceptanceWasNeverStoredRecordsThePlacementFirst() {
        fixture.given(started(), entryRequested())
                .when(new RecordOrderFill(
                        SID,
                        COID,
                        "7",
                        new BigDecimal("1600.00"),
                        new BigDecimal("1.50"),
                        new BigDecimal("1.20"),
                        null,
                        T0))
                .expectEvents(
                        new OrderPlaced(SID, UID, COID, "ETH-USDT", "7", T0),
                        new OrderFilled(
                                SID,
                                UID,
                                COID,
                                "ETH-USDT",
                                "7",
                                new BigDecimal("1600.00"),
                                new BigDecimal("1.50"),
                                new BigDecimal("1.20"),
                                T0),
                        opened());
    }

    @Test
    void aRepeatedFillChangesNothing() {
        fixture.given(
                        started(),
                        entryRequested(),
                        new OrderPlaced(SID, UID, COID, "ETH-USDT", "1", T0),
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
                        opened())
                .when(new RecordOrderFill(
                        SID,
                        COID,
                        "1",
                        new BigDecimal("1600.00"),
                        new BigDecimal("1.50"),
                        new BigDecimal("1.20"),
                        null,
                        T0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectionIsRecordedOnce() {
        fixture.given(started(), entryRequested())
                .when(new RecordOrderRejected(SID, COID, 101204, "Insufficient margin", T0))
                .expectEvents(new OrderRejected(SID, UID, COID, "ETH-USDT", 101204, "Insufficient margin", T0));
        fixture.given(started(), entryRequested(), new OrderRejected(SID, UID, COID, "ETH-USDT", 101204, "x", T0))
                .when(new RecordOrderRejected(SID, COID, 101204, "x", T0))
                .expectNoEvents();
    }

    @Test
    void stopLossClosesThePositionWithItsPnlAndBothFees() {
        fixture.given(
                        started(),
                        entryRequested(),
                        new OrderPlaced(SID, UID, COID, "ETH-USDT", "1", T0),
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
                        opened())
                .when(new RecordPositionClosedByExchange(
                        SID,
                        "ETH-USDT",
                        "9",
                        new BigDecimal("1500.00"),
                        new BigDecimal("-1.125"),
                        null,
                        ExitReason.STOP_LOSS,
                        T0))
                .expectEvents(
                        new OrderFilled(
                                SID,
                                UID,
                                "exchange-9",
                                "ETH-USDT",
                                "9",
                                new BigDecimal("1500.00"),
                                new BigDecimal("1.50"),
                                new BigDecimal("1.125"),
                                T0),
                        new PositionClosed(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                new BigDecimal("1.50"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1500.00"),
                                new BigDecimal("-150.0000"),
                                new BigDecimal("2.325"),
                                ExitReason.STOP_LOSS,
                                T0));
    }

    @Test
    void aStrategyExitOrderClosesThePositionAndTheOldIdStaysUsed() {
        OrderPlacementRequested close = new OrderPlacementRequested(
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
                T0,
                T0);
        PositionClosed closed = new PositionClosed(
                SID,
                UID,
                "ETH-USDT",
                Direction.LONG,
                new BigDecimal("1.50"),
                new BigDecimal("1600.00"),
                new BigDecimal("1650.00"),
                new BigDecimal("75.00"),
                new BigDecimal("2.40"),
                ExitReason.STRATEGY_EXIT,
                T0);
        fixture.given(started(), entryRequested(), opened(), close)
                .when(new RecordOrderFill(
                        SID,
                        "tdclose1",
                        "2",
                        new BigDecimal("1650.00"),
                        new BigDecimal("1.50"),
                        new BigDecimal("1.20"),
                        new BigDecimal("75.00"),
                        T0))
                .expectEvents(
                        new OrderPlaced(SID, UID, "tdclose1", "ETH-USDT", "2", T0),
                        new OrderFilled(
                                SID,
                                UID,
                                "tdclose1",
                                "ETH-USDT",
                                "2",
                                new BigDecimal("1650.00"),
                                new BigDecimal("1.50"),
                                new BigDecimal("1.20"),
                                T0),
                        closed);
        // after the close the entry's id is forgotten as an order but still refused as a new request
        fixture.given(started(), entryRequested(), opened(), close, closed)
                .when(requestEntry())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void closesStoredWithTheOldStrategyExitReasonStayReadable() throws Exception {
        String json =
                "{\"sessionId\":\"00000000-0000-0000-0000-0000000000aa\",\"userId\":\"00000000-0000-0000-0000-000000000001\","
                        + "\"symbol\":\"ETH-USDT\",\"side\":\"LONG\",\"quantity\":1.50,\"entryPrice\":1600.00,"
                        + "\"exitPrice\":1650.00,\"realisedPnl\":75.00,\"fees\":2.40,\"reason\":\"STRATEGY_EXIT\","
                        + "\"at\":\"2026-11-28T10:00:00Z\"}";
        PositionClosed closed =
                new ObjectMapper().registerModule(new JavaTimeModule()).readValue(json, PositionClosed.class);
        assertThat(closed.reason()).isEqualTo(ExitReason.STRATEGY_EXIT);
    }

    private static TradingSessionStarted startedWithMaxPositions(int maxPositions) {
        TradingSettings d = SETTINGS;
        return new TradingSessionStarted(
                SID,
                UID,
                new TradingSettings(
                        maxPositions,
                        d.riskPerTradePct(),
                        d.dailyLossLimitPct(),
                        d.maxDrawdownPct(),
                        d.leverage(),
                        d.positionMode(),
                        d.adxThreshold(),
                        d.timeframe(),
                        d.signalConfidence(),
                        d.stopAtr(),
                        d.takeProfitR(),
                        java.util.List.of("ETH-USDT", "BTC-USDT", "SOL-USDT"),
                        dev.trenddesk.api.common.StrategyId.ADX_TREND,
                        9,
                        21),
                BALANCE,
                T0,
                ExchangeName.BINGX);
    }

    private static RequestOrderPlacement requestEntryOn(String symbol, String clientOrderId) {
        return new RequestOrderPlacement(
                SID,
                clientOrderId,
                symbol,
                OrderIntent.OPEN,
                OrderSide.BUY,
                ExchangePositionSide.LONG,
                Direction.LONG,
                new BigDecimal("0.10"),
                new BigDecimal("100.00"),
                new BigDecimal("200.00"),
                null,
                T0,
                T0);
    }

    @Test
    void refusesAnEntryBeyondMaxPositionsCountingPendingEntries() {
        // a second line of defence behind the risk engine: ETH's entry is pending, max positions is 1
        fixture.given(startedWithMaxPositions(1), entryRequested())
                .when(requestEntryOn("BTC-USDT", "tdbtc1"))
                .expectException(Refusals.refusedWith(RejectionCode.ENTRY_OVER_MAX_POSITIONS))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("at most 1"))
                .expectNoEvents();
        // held positions count too
        fixture.given(startedWithMaxPositions(1), entryRequested(), opened())
                .when(requestEntryOn("BTC-USDT", "tdbtc1"))
                .expectException(Refusals.refusedWith(RejectionCode.ENTRY_OVER_MAX_POSITIONS))
                .expectNoEvents();
        // a rejected entry frees its place; with room left the entry is stored
        fixture.given(
                        startedWithMaxPositions(1),
                        entryRequested(),
                        new OrderRejected(SID, UID, COID, "ETH-USDT", 101204, "Insufficient margin", T0))
                .when(requestEntryOn("BTC-USDT", "tdbtc1"))
                .expectSuccessfulHandlerExecution();
        fixture.given(startedWithMaxPositions(2), entryRequested(), opened())
                .when(requestEntryOn("BTC-USDT", "tdbtc1"))
                .expectSuccessfulHandlerExecution();
        fixture.given(
                        startedWithMaxPositions(2),
                        entryRequested(),
                        opened(),
                        new OrderPlacementRequested(
                                SID,
                                UID,
                                "tdbtc1",
                                "BTC-USDT",
                                OrderIntent.OPEN,
                                OrderSide.BUY,
                                ExchangePositionSide.LONG,
                                Direction.LONG,
                                new BigDecimal("0.10"),
                                new BigDecimal("100.00"),
                                new BigDecimal("200.00"),
                                null,
                                T0,
                                T0))
                .when(requestEntryOn("SOL-USDT", "tdsol1"))
                .expectException(Refusals.refusedWith(RejectionCode.ENTRY_OVER_MAX_POSITIONS))
                .expectNoEvents();
    }

    @Test
    void closingWithoutAPositionIsRefused() {
        fixture.given(started())
                .when(new RequestOrderPlacement(
                        SID,
                        "tdclose2",
                        "ETH-USDT",
                        OrderIntent.CLOSE,
                        OrderSide.SELL,
                        ExchangePositionSide.LONG,
                        Direction.LONG,
                        BigDecimal.ONE,
                        null,
                        null,
                        ExitReason.MANUAL,
                        null,
                        T0))
                .expectException(Refusals.refusedWith(RejectionCode.CLOSE_WITHOUT_POSITION));
    }

    @Test
    void dailyLossIsReportedOncePerUtcDay() {
        RiskLimitBreached first = new RiskLimitBreached(
                SID, UID, RiskLimitKind.DAILY_LOSS, new BigDecimal("5.1"), new BigDecimal("5.0"), T0, T0);
        fixture.given(started())
                .when(new RecordRiskLimitBreach(
                        SID, RiskLimitKind.DAILY_LOSS, new BigDecimal("5.1"), new BigDecimal("5.0"), T0, T0))
                .expectEvents(first);
        fixture.given(started(), first)
                .when(new RecordRiskLimitBreach(
                        SID,
                        RiskLimitKind.DAILY_LOSS,
                        new BigDecimal("6"),
                        new BigDecimal("5.0"),
                        T0,
                        T0.plusSeconds(3600)))
                .expectNoEvents();
        Instant nextDay = Instant.parse("2026-11-29T00:05:00Z");
        fixture.given(started(), first)
                .when(new RecordRiskLimitBreach(
                        SID, RiskLimitKind.DAILY_LOSS, new BigDecimal("6"), new BigDecimal("5.0"), nextDay, nextDay))
                .expectEvents(new RiskLimitBreached(
                        SID,
                        UID,
                        RiskLimitKind.DAILY_LOSS,
                        new BigDecimal("6"),
                        new BigDecimal("5.0"),
                        nextDay,
                        nextDay));
    }

    @Test
    void theDailyLossDayIsTheDayOfTheCandleNotOfTheRecording() {
        // the candle 23:55-00:00 is decided (and recorded) just after midnight: it still reports the old day
        Instant lastCandle = Instant.parse("2026-11-28T23:55:00Z");
        Instant recorded = Instant.parse("2026-11-29T00:00:02Z");
        RiskLimitBreached old = new RiskLimitBreached(
                SID, UID, RiskLimitKind.DAILY_LOSS, new BigDecimal("5.1"), new BigDecimal("5.0"), lastCandle, recorded);
        Instant firstCandle = Instant.parse("2026-11-29T00:00:00Z");
        fixture.given(started(), old)
                .when(new RecordRiskLimitBreach(
                        SID,
                        RiskLimitKind.DAILY_LOSS,
                        new BigDecimal("6"),
                        new BigDecimal("5.0"),
                        firstCandle,
                        firstCandle.plusSeconds(302)))
                .expectEvents(new RiskLimitBreached(
                        SID,
                        UID,
                        RiskLimitKind.DAILY_LOSS,
                        new BigDecimal("6"),
                        new BigDecimal("5.0"),
                        firstCandle,
                        firstCandle.plusSeconds(302)));
    }

    @Test
    void lateDecisionsAfterAStopAreDropped() {
        fixture.given(started(), new TradingSessionStopped(SID, UID, StopReason.REQUESTED, "", "x", false, T0))
                .when(new RecordSignal(
                        SID,
                        "ETH-USDT",
                        Direction.LONG,
                        T0,
                        java.util.Map.of(
                                "adx",
                                BigDecimal.TEN,
                                "plusDi",
                                BigDecimal.TEN,
                                "minusDi",
                                BigDecimal.ONE,
                                "atr",
                                BigDecimal.ONE),
                        BigDecimal.TEN,
                        T0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(started())
                .when(new RecordSignal(
                        SID,
                        "ETH-USDT",
                        Direction.LONG,
                        T0,
                        java.util.Map.of(
                                "adx",
                                BigDecimal.TEN,
                                "plusDi",
                                BigDecimal.TEN,
                                "minusDi",
                                BigDecimal.ONE,
                                "atr",
                                BigDecimal.ONE),
                        BigDecimal.TEN,
                        T0))
                .expectEvents(new SignalGenerated(
                        SID,
                        UID,
                        "ETH-USDT",
                        Direction.LONG,
                        T0,
                        java.util.Map.of(
                                "adx",
                                BigDecimal.TEN,
                                "plusDi",
                                BigDecimal.TEN,
                                "minusDi",
                                BigDecimal.ONE,
                                "atr",
                                BigDecimal.ONE),
                        BigDecimal.TEN,
                        T0));
    }

    @Test
    void theSameDesyncIsReportedOnceButAChangeAgain() {
        PositionDesyncDetected first = new PositionDesyncDetected(
                SID,
                UID,
                "BTC-USDT",
                ExchangePositionSide.LONG,
                BigDecimal.ZERO,
                new BigDecimal("0.5"),
                "unknown position",
                T0);
        fixture.given(started())
                .when(new ReportPositionDesync(
                        SID,
                        "BTC-USDT",
                        ExchangePositionSide.LONG,
                        BigDecimal.ZERO,
                        new BigDecimal("0.5"),
                        "unknown position",
                        T0))
                .expectEvents(first);
        fixture.given(started(), first)
                .when(new ReportPositionDesync(
                        SID,
                        "BTC-USDT",
                        ExchangePositionSide.LONG,
                        BigDecimal.ZERO,
                        new BigDecimal("0.50"),
                        "unknown position",
                        T0))
                .expectNoEvents();
        fixture.given(started(), first)
                .when(new ReportPositionDesync(
                        SID,
                        "BTC-USDT",
                        ExchangePositionSide.LONG,
                        BigDecimal.ZERO,
                        new BigDecimal("0.7"),
                        "unknown position",
                        T0))
                .expectEvents(new PositionDesyncDetected(
                        SID,
                        UID,
                        "BTC-USDT",
                        ExchangePositionSide.LONG,
                        BigDecimal.ZERO,
                        new BigDecimal("0.7"),
                        "unknown position",
                        T0));
    }

    /** Snapshots are written by the storage Jackson mapper: the whole state must survive a round trip. */
    @Test
    void stateSurvivesAJacksonSnapshotRoundTrip() throws Exception {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .findAndRegisterModules();
        TradingSession session = new TradingSession();
        session.on(started());
        session.on(entryRequested());
        session.on(opened());
        session.on(new RiskLimitBreached(SID, UID, RiskLimitKind.DAILY_LOSS, BigDecimal.TEN, BigDecimal.ONE, T0, T0));
        session.on(new dev.trenddesk.api.trading.TradingSessionEvent.OrderFilled(
                SID, UID, "exchange-777", "ETH-USDT", "777", BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ZERO, T0));
        String json = mapper.writeValueAsString(session);
        TradingSession copy = mapper.readValue(json, TradingSession.class);
        assertThat(mapper.writeValueAsString(copy)).isEqualTo(json);
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = mapper.readValue(json, Map.class);
        assertThat(tree)
                .containsKeys(
                        "id",
                        "userId",
                        "status",
                        "settings",
                        "orders",
                        "positions",
                        "usedClientOrderIds",
                        "dailyLossReportedOn",
                        "exchangeCloses");
        assertThat(json).contains("\"exchangeCloses\":[\"777\"]");
        assertThat(json).contains(COID).contains("ETH-USDT").contains("RUNNING");
    }

    /** Paused events stored before pauses had reasons were all pauses by a person. */
    @Test
    void aPauseStoredWithoutReasonReadsAsTheTradersOwn() throws Exception {
        ObjectMapper mapper =
                new ObjectMapper().findAndRegisterModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        TradingSessionPaused now = new TradingSessionPaused(SID, UID, T0, PauseReason.CREDENTIALS, "key expired");
        com.fasterxml.jackson.databind.node.ObjectNode stored = mapper.valueToTree(now);
        stored.remove("reason");
        stored.remove("detail");
        TradingSessionPaused old = mapper.treeToValue(stored, TradingSessionPaused.class);
        assertThat(old.reason()).isEqualTo(PauseReason.TRADER);
        assertThat(old.detail()).isNull();
        assertThat(mapper.readValue(mapper.writeValueAsString(now), TradingSessionPaused.class))
                .isEqualTo(now);
    }

    @Test
    void aPauseCarriesItsReasonIntoTheHistory() {
        fixture.given(started())
                .when(new PauseTradingSession(SID, T0, PauseReason.REJECTED_REPEATEDLY, "80001 margin"))
                .expectEvents(new TradingSessionPaused(SID, UID, T0, PauseReason.REJECTED_REPEATEDLY, "80001 margin"));
    }

    private static TradingSettings with(int leverage, PositionMode mode, String risk, List<String> symbols) {
        return new TradingSettings(
                SETTINGS.maxPositions(),
                new BigDecimal(risk),
                SETTINGS.dailyLossLimitPct(),
                SETTINGS.maxDrawdownPct(),
                leverage,
                mode,
                SETTINGS.adxThreshold(),
                SETTINGS.timeframe(),
                SETTINGS.signalConfidence(),
                SETTINGS.stopAtr(),
                SETTINGS.takeProfitR(),
                symbols,
                dev.trenddesk.api.common.StrategyId.ADX_TREND,
                9,
                21);
    }

    @Test
    void aRunningOrPausedBotTakesNewSettingsAsAnEventOfItsHistory() {
        TradingSettings lowerRisk = with(5, PositionMode.HEDGE, "1.0", SETTINGS.symbols());
        fixture.given(started())
                .when(new ChangeTradingSessionSettings(SID, lowerRisk, T0))
                .expectEvents(new TradingSessionSettingsChanged(SID, UID, lowerRisk, T0));
        fixture.given(started(), new TradingSessionPaused(SID, UID, T0))
                .when(new ChangeTradingSessionSettings(SID, lowerRisk, T0))
                .expectEvents(new TradingSessionSettingsChanged(SID, UID, lowerRisk, T0));
        // with a position open, risk and an added symbol may change
        TradingSettings moreSymbols = with(5, PositionMode.HEDGE, "1.0", List.of("BTC-USDT", "ETH-USDT", "SOL-USDT"));
        fixture.given(started(), entryRequested(), opened())
                .when(new ChangeTradingSessionSettings(SID, moreSymbols, T0))
                .expectEvents(new TradingSessionSettingsChanged(SID, UID, moreSymbols, T0));
    }

    @Test
    void aStartIsRefusedOutsideTheAllowedMarketsNamingTheFieldAndTheAllowedValues() {
        allowedMarkets(new AllowedMarkets(List.of("BTC-USDT"), List.of(Timeframe.H1)));
        fixture.givenNoPriorActivity()
                .when(new StartTradingSession(SID, UID, ExchangeName.BINGX, SETTINGS, BALANCE, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("ETH-USDT is not allowed on this platform; allowed: BTC-USDT"))
                .expectNoEvents();
        verify(activeSessions, never()).claim(any(), any(), any());
    }

    @Test
    void aRunningBotKeepsWhatARestrictionExcludesButTakesNoNewDisallowedValue() {
        allowedMarkets(new AllowedMarkets(List.of("BTC-USDT"), List.of(Timeframe.H1)));
        // the bot trades BTC and ETH on 5m (started before the restriction): lower risk, the rest kept, is taken
        TradingSettings lowerRisk = with(5, PositionMode.HEDGE, "1.0", SETTINGS.symbols());
        fixture.given(started())
                .when(new ChangeTradingSessionSettings(SID, lowerRisk, T0))
                .expectEvents(new TradingSessionSettingsChanged(SID, UID, lowerRisk, T0));
        // adding a symbol outside the restriction is refused
        TradingSettings moreSymbols = with(5, PositionMode.HEDGE, "1.0", List.of("BTC-USDT", "ETH-USDT", "SOL-USDT"));
        fixture.given(started())
                .when(new ChangeTradingSessionSettings(SID, moreSymbols, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("SOL-USDT is not allowed"))
                .expectNoEvents();
    }

    @Test
    void theSameSettingsAgainChangeNothing() {
        TradingSettings sameWithOtherScale = with(5, PositionMode.HEDGE, "2.00", SETTINGS.symbols());
        fixture.given(started())
                .when(new ChangeTradingSessionSettings(SID, sameWithOtherScale, T0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesLeverageOrPositionModeChangesWhilePositionsAreOpenOrEntriesPending() {
        fixture.given(started(), entryRequested(), opened())
                .when(new ChangeTradingSessionSettings(
                        SID, with(10, PositionMode.HEDGE, "2.0", SETTINGS.symbols()), T0))
                .expectException(Refusals.refusedWith(RejectionCode.POSITION_OPEN_LEVERAGE_CHANGE))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("leverage cannot change from 5 to 10"))
                .expectNoEvents();
        fixture.given(started(), entryRequested())
                .when(new ChangeTradingSessionSettings(
                        SID, with(5, PositionMode.ONE_WAY, "2.0", SETTINGS.symbols()), T0))
                .expectException(Refusals.refusedWith(RejectionCode.POSITION_OPEN_MODE_CHANGE))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("position mode cannot change"))
                .expectNoEvents();
        // once the position is closed, leverage may change
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
                        new PositionClosed(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                new BigDecimal("1.50"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1700.00"),
                                new BigDecimal("150"),
                                new BigDecimal("2.40"),
                                ExitReason.TAKE_PROFIT,
                                T0))
                .when(new ChangeTradingSessionSettings(
                        SID, with(10, PositionMode.HEDGE, "2.0", SETTINGS.symbols()), T0))
                .expectEvents(new TradingSessionSettingsChanged(
                        SID, UID, with(10, PositionMode.HEDGE, "2.0", SETTINGS.symbols()), T0));
    }

    @Test
    void refusesRemovingASymbolThatHoldsAPosition() {
        fixture.given(started(), entryRequested(), opened())
                .when(new ChangeTradingSessionSettings(
                        SID, with(5, PositionMode.HEDGE, "2.0", List.of("BTC-USDT")), T0))
                .expectException(Refusals.refusedWith(RejectionCode.POSITION_OPEN_SYMBOL_REMOVAL))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("ETH-USDT cannot be removed"))
                .expectNoEvents();
    }

    @Test
    void refusesChangesToAStoppedBotAndInvalidSettings() {
        fixture.given(started(), new TradingSessionStopped(SID, UID, StopReason.REQUESTED, "", "x", false, T0))
                .when(new ChangeTradingSessionSettings(SID, with(5, PositionMode.HEDGE, "1.0", SETTINGS.symbols()), T0))
                .expectException(Refusals.refusedWith(RejectionCode.SESSION_STOPPED_SETTINGS_FIXED))
                .expectNoEvents();
        fixture.given(started())
                .when(new ChangeTradingSessionSettings(SID, with(5, PositionMode.HEDGE, "11", SETTINGS.symbols()), T0))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void changedSettingsSurviveASnapshot() throws Exception {
        ObjectMapper mapper = new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        TradingSettings lowerRisk = with(5, PositionMode.HEDGE, "1.0", SETTINGS.symbols());
        TradingSession session = new TradingSession();
        session.on(started());
        session.on(new TradingSessionSettingsChanged(SID, UID, lowerRisk, T0));
        TradingSession copy = mapper.readValue(mapper.writeValueAsString(session), TradingSession.class);
        assertThat(mapper.writeValueAsString(copy)).contains("\"riskPerTradePct\":1.0");
    }
}
