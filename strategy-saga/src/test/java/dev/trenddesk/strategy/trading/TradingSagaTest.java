package dev.trenddesk.strategy.trading;

import static dev.trenddesk.strategy.trading.TradingFixtures.CANDLE;
import static dev.trenddesk.strategy.trading.TradingFixtures.ETH_RULES;
import static dev.trenddesk.strategy.trading.TradingFixtures.SID;
import static dev.trenddesk.strategy.trading.TradingFixtures.STARTED;
import static dev.trenddesk.strategy.trading.TradingFixtures.UID;
import static dev.trenddesk.strategy.trading.TradingFixtures.candle;
import static dev.trenddesk.strategy.trading.TradingFixtures.flat;
import static dev.trenddesk.strategy.trading.TradingFixtures.settings;
import static dev.trenddesk.strategy.trading.TradingFixtures.strongUp;
import static dev.trenddesk.strategy.trading.TradingFixtures.strongUpValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.OrderSide;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.api.trading.StopReason;
import dev.trenddesk.api.trading.TradingCommands.RecordEquity;
import dev.trenddesk.api.trading.TradingCommands.RecordExchangePreparation;
import dev.trenddesk.api.trading.TradingCommands.RecordSignal;
import dev.trenddesk.api.trading.TradingCommands.RecordSkippedSignal;
import dev.trenddesk.api.trading.TradingCommands.RequestOrderPlacement;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderFilled;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderRejected;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionReduced;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionPaused;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionSettingsChanged;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStopped;
import dev.trenddesk.strategy.feed.MarketSubscriptions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TradingSagaTest {

    private static final Instant NOW = CANDLE.plusSeconds(301);
    private static final BigDecimal TEN_K = new BigDecimal("10000");

    private SagaTestFixture<TradingSaga> fixture;
    private ExchangeAccess exchange;
    private MarketSubscriptions subscriptions;
    private OrderExecution execution;
    private ExchangeSettlement settlement;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(TradingSaga.class);
        exchange = mock(ExchangeAccess.class);
        subscriptions = mock(MarketSubscriptions.class);
        execution = mock(OrderExecution.class);
        settlement = mock(ExchangeSettlement.class);
        when(exchange.prepare(any(), any(), anyInt(), anyList()))
                .thenReturn(new ExchangeAccess.Preparation(PositionMode.HEDGE, "position mode already HEDGE"));
        when(exchange.balance(eq(UID), any(), any())).thenReturn(new ExchangeBalance(TEN_K, TEN_K));
        when(exchange.rules("ETH-USDT")).thenReturn(ETH_RULES);
        fixture.registerResource(exchange);
        fixture.registerResource(subscriptions);
        fixture.registerResource(execution);
        fixture.registerResource(mock(PositionReconciler.class));
        fixture.registerResource(settlement);
        fixture.registerResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerResource(mock(PlatformMaintenance.class)); // off: Optional.empty()
    }

    private static TradingSessionStarted started(PositionMode mode) {
        return new TradingSessionStarted(SID, UID, settings(mode), TEN_K, STARTED, ExchangeName.BINGX);
    }

    private static OrderPlacementRequested entryRequested() {
        return new OrderPlacementRequested(
                SID,
                UID,
                ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "open"),
                "ETH-USDT",
                OrderIntent.OPEN,
                OrderSide.BUY,
                ExchangePositionSide.LONG,
                Direction.LONG,
                new BigDecimal("5.00"),
                new BigDecimal("1960.00"),
                new BigDecimal("2080.00"),
                null,
                CANDLE,
                NOW);
    }

    private static PositionOpened opened() {
        return new PositionOpened(
                SID,
                UID,
                "ETH-USDT",
                Direction.LONG,
                ExchangePositionSide.LONG,
                new BigDecimal("5.00"),
                new BigDecimal("2000"),
                new BigDecimal("1960.00"),
                new BigDecimal("2080.00"),
                ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "open"),
                new BigDecimal("5"),
                NOW);
    }

    @Test
    void startAcquiresEverySymbolsCandlesAndPreparesTheAccount() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(started(PositionMode.HEDGE))
                .expectActiveSagas(1)
                .expectAssociationWith("symbol", "ETH-USDT")
                .expectAssociationWith("symbol", "BTC-USDT")
                .expectDispatchedCommands(new RecordExchangePreparation(
                        SID, PositionMode.HEDGE, PositionMode.HEDGE, 5, "position mode already HEDGE", STARTED));
        verify(subscriptions).acquire(SID.toString(), "ETH-USDT", Timeframe.M5);
        verify(subscriptions).acquire(SID.toString(), "BTC-USDT", Timeframe.M5);
        verify(exchange).expectBalanceRequests(UID, Duration.ofMinutes(5));
    }

    @Test
    void anAccountThatCouldNotBePreparedIsTriedAgainLaterWithoutWaitingForACandle() {
        when(exchange.prepare(any(), any(), anyInt(), anyList()))
                .thenThrow(new ExchangeAccess.ExchangeUnavailable(429, "BingX could not set the leverage: 429", null))
                .thenThrow(new ExchangeAccess.ExchangeUnavailable(429, "BingX could not set the leverage: 429", null))
                .thenReturn(new ExchangeAccess.Preparation(PositionMode.HEDGE, "position mode already HEDGE"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(started(PositionMode.HEDGE))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(TradingSaga.PREPARE_RETRY_FIRST, TradingSaga.PREPARE_RETRY);
        fixture.whenTimeElapses(TradingSaga.PREPARE_RETRY_FIRST)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(
                        TradingSaga.PREPARE_RETRY_FIRST.multipliedBy(2), TradingSaga.PREPARE_RETRY);
        fixture.whenTimeElapses(TradingSaga.PREPARE_RETRY_FIRST.multipliedBy(2))
                .expectDispatchedCommands(new RecordExchangePreparation(
                        SID, PositionMode.HEDGE, PositionMode.HEDGE, 5, "position mode already HEDGE", NOW))
                .expectNoScheduledDeadlines();
        verify(exchange, times(3)).prepare(any(), any(), anyInt(), anyList());
    }

    /** What a strong up-candle on ETH-USDT records for a flat session of 10,000 USDT: equity, signal, entry. */
    private static Object[] strongUpEntry(ExchangePositionSide positionSide) {
        return new Object[] {
            new RecordEquity(SID, TEN_K, TEN_K, TEN_K, TEN_K, NOW),
            new RecordSignal(SID, "ETH-USDT", Direction.LONG, CANDLE, strongUpValues(), new BigDecimal("76.00"), NOW),
            new RequestOrderPlacement(
                    SID,
                    ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "open"),
                    "ETH-USDT",
                    OrderIntent.OPEN,
                    OrderSide.BUY,
                    positionSide,
                    Direction.LONG,
                    new BigDecimal("5.00"),
                    new BigDecimal("1960.00"),
                    new BigDecimal("2080.00"),
                    null,
                    CANDLE,
                    NOW)
        };
    }

    @Test
    void aQualifyingCandleRecordsEquitySignalAndTheOrderRequest() {
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .whenPublishingA(strongUp("ETH-USDT", CANDLE))
                .expectDispatchedCommands(strongUpEntry(ExchangePositionSide.LONG));
        // the balance is the one fresh for this candle's close (market time), not one of a wall-clock age
        verify(exchange).balance(UID, CANDLE.plus(Duration.ofMinutes(5)), Duration.ofMinutes(5));
    }

    @Test
    void maxPositionsHoldsAcrossTheSymbolsOfOneCandle() {
        // ETH's entry is asked for; its OrderPlacementRequested reaches the saga only after BTC's candle
        when(exchange.rules("BTC-USDT")).thenReturn(ETH_RULES);
        fixture.givenAPublished(new TradingSessionStarted(
                        SID, UID, TradingFixtures.settingsWithMaxPositions(1), TEN_K, STARTED, ExchangeName.BINGX))
                .andThenAPublished(strongUp("ETH-USDT", CANDLE))
                .whenPublishingA(strongUp("BTC-USDT", CANDLE))
                .expectDispatchedCommands(
                        new RecordEquity(SID, TEN_K, TEN_K, TEN_K, TEN_K, NOW),
                        new RecordSignal(
                                SID,
                                "BTC-USDT",
                                Direction.LONG,
                                CANDLE,
                                strongUpValues(),
                                new BigDecimal("76.00"),
                                NOW),
                        new RecordSkippedSignal(
                                SID,
                                "BTC-USDT",
                                CANDLE,
                                Direction.LONG,
                                ReasonCode.MAX_POSITIONS,
                                "1 positions open, at most 1",
                                NOW));
    }

    @Test
    void aRejectedEntryFreesItsPlaceForTheFollowingSymbolsOfTheCandle() {
        when(exchange.rules("BTC-USDT")).thenReturn(ETH_RULES);
        String ethEntry = ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "open");
        fixture.givenAPublished(new TradingSessionStarted(
                        SID, UID, TradingFixtures.settingsWithMaxPositions(1), TEN_K, STARTED, ExchangeName.BINGX))
                .andThenAPublished(strongUp("ETH-USDT", CANDLE))
                .andThenAPublished(entryRequested())
                .andThenAPublished(
                        new OrderRejected(SID, UID, ethEntry, "ETH-USDT", 101204, "Insufficient margin", NOW))
                .whenPublishingA(strongUp("BTC-USDT", CANDLE))
                .expectDispatchedCommands(
                        new RecordEquity(SID, TEN_K, TEN_K, TEN_K, TEN_K, NOW),
                        new RecordSignal(
                                SID,
                                "BTC-USDT",
                                Direction.LONG,
                                CANDLE,
                                strongUpValues(),
                                new BigDecimal("76.00"),
                                NOW),
                        new RequestOrderPlacement(
                                SID,
                                ClientOrderIds.of(SID, "BTC-USDT", CANDLE, "open"),
                                "BTC-USDT",
                                OrderIntent.OPEN,
                                OrderSide.BUY,
                                ExchangePositionSide.LONG,
                                Direction.LONG,
                                new BigDecimal("5.00"),
                                new BigDecimal("1960.00"),
                                new BigDecimal("2080.00"),
                                null,
                                CANDLE,
                                NOW));
    }

    @Test
    void entriesOfOneCandleReserveTheirMarginAndFeeForTheFollowingSymbols() {
        // 2,500 free: ETH's 5 at 2000 takes 5 × 2000 / 5 + 5 × 2000 × 0.0005 = 2,005; BTC sizes with 99 % of the 495
        // left: 490.05 × 5 / (2000 × 1.0025) = 1.222… → 1.22 instead of the risk-based 5
        when(exchange.balance(eq(UID), any(), any())).thenReturn(new ExchangeBalance(TEN_K, new BigDecimal("2500")));
        when(exchange.rules("BTC-USDT")).thenReturn(ETH_RULES);
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(strongUp("ETH-USDT", CANDLE))
                .whenPublishingA(strongUp("BTC-USDT", CANDLE))
                .expectDispatchedCommands(
                        new RecordEquity(SID, TEN_K, new BigDecimal("2500"), TEN_K, TEN_K, NOW),
                        new RecordSignal(
                                SID,
                                "BTC-USDT",
                                Direction.LONG,
                                CANDLE,
                                strongUpValues(),
                                new BigDecimal("76.00"),
                                NOW),
                        new RequestOrderPlacement(
                                SID,
                                ClientOrderIds.of(SID, "BTC-USDT", CANDLE, "open"),
                                "BTC-USDT",
                                OrderIntent.OPEN,
                                OrderSide.BUY,
                                ExchangePositionSide.LONG,
                                Direction.LONG,
                                new BigDecimal("1.22"),
                                new BigDecimal("1960.00"),
                                new BigDecimal("2080.00"),
                                null,
                                CANDLE,
                                NOW));
    }

    @Test
    void oneWayOrderCarriesPositionSideBoth() {
        when(exchange.prepare(any(), any(), anyInt(), anyList()))
                .thenReturn(new ExchangeAccess.Preparation(PositionMode.ONE_WAY, "position mode set to ONE_WAY"));
        fixture.givenAPublished(started(PositionMode.ONE_WAY))
                .whenPublishingA(strongUp("ETH-USDT", CANDLE))
                .expectDispatchedCommands(strongUpEntry(ExchangePositionSide.BOTH));
    }

    @Test
    void ignoresWarmUpCandlesOtherTimeframesOldCandlesAndRepeats() {
        CandleClosed history = candle("ETH-USDT", CANDLE, "35", "30", "10", "20", "30", false);
        CandleClosed otherTimeframe = new CandleClosed(
                "ETH-USDT",
                Timeframe.M15,
                CANDLE,
                BigDecimal.ONE,
                BigDecimal.ONE,
                BigDecimal.ONE,
                BigDecimal.ONE,
                BigDecimal.ONE,
                java.util.Map.of(),
                true);
        CandleClosed beforeStart = strongUp("ETH-USDT", STARTED.minus(Duration.ofMinutes(10)));
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(history)
                .andThenAPublished(otherTimeframe)
                .whenPublishingA(beforeStart)
                .expectNoDispatchedCommands();
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(flat("ETH-USDT", CANDLE))
                .whenPublishingA(strongUp("ETH-USDT", CANDLE))
                .expectNoDispatchedCommands();
    }

    @Test
    void anUnreachableExchangeIsASkipNotASilence() {
        when(exchange.balance(eq(UID), any(), any()))
                .thenThrow(new ExchangeAccess.ExchangeUnavailable(0, "no verified BingX credentials", null));
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .whenPublishingA(strongUp("ETH-USDT", CANDLE))
                .expectDispatchedCommands(new RecordSkippedSignal(
                        SID,
                        "ETH-USDT",
                        CANDLE,
                        null,
                        ReasonCode.EXCHANGE_UNAVAILABLE,
                        "no verified BingX credentials",
                        NOW));
    }

    @Test
    void pausedSessionSkipsTheEntry() {
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(new TradingSessionPaused(SID, UID, STARTED))
                .whenPublishingA(strongUp("ETH-USDT", CANDLE))
                .expectDispatchedCommands(
                        new RecordEquity(SID, TEN_K, TEN_K, TEN_K, TEN_K, NOW),
                        new RecordSignal(
                                SID,
                                "ETH-USDT",
                                Direction.LONG,
                                CANDLE,
                                strongUpValues(),
                                new BigDecimal("76.00"),
                                NOW),
                        new RecordSkippedSignal(
                                SID,
                                "ETH-USDT",
                                CANDLE,
                                Direction.LONG,
                                ReasonCode.PAUSED,
                                "the bot is paused: no new positions",
                                NOW));
    }

    @Test
    void aRequestedOrderSchedulesItsPersistentCheck() {
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .whenPublishingA(entryRequested())
                .expectScheduledDeadlineWithName(TradingSaga.ORDER_CHECK_AFTER, TradingSaga.ORDER_CHECK);
    }

    @Test
    void theOrderCheckLooksTheOrderUpAtBingxWhileItIsPending() {
        String coid = ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "open");
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(entryRequested())
                .whenTimeElapses(TradingSaga.ORDER_CHECK_AFTER.plusSeconds(1))
                .expectDeadlinesMet(coid);
        verify(execution).resolve(SID, UID, OrderIntent.OPEN, "ETH-USDT", coid);
    }

    @Test
    void aFilledOrderNeedsNoCheck() {
        String coid = ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "open");
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(entryRequested())
                .andThenAPublished(new OrderFilled(
                        SID,
                        UID,
                        coid,
                        "ETH-USDT",
                        "1",
                        new BigDecimal("2000"),
                        new BigDecimal("5.00"),
                        new BigDecimal("5"),
                        NOW))
                .andThenAPublished(opened())
                .whenTimeElapses(TradingSaga.ORDER_CHECK_AFTER.plusSeconds(1));
        verify(execution, never()).resolve(any(), any(), any(), any(), any());
    }

    @Test
    void stopWithoutFlattenReleasesTheCandlesAndEnds() {
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(opened())
                .whenPublishingA(new TradingSessionStopped(SID, UID, StopReason.REQUESTED, "", "u", false, NOW))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
        verify(subscriptions).release(SID.toString(), "ETH-USDT", Timeframe.M5);
        verify(subscriptions).release(SID.toString(), "BTC-USDT", Timeframe.M5);
    }

    @Test
    void stopWithFlattenClosesEveryPositionThenEnds() {
        RequestOrderPlacement close = new RequestOrderPlacement(
                SID,
                ClientOrderIds.of(SID, "ETH-USDT", NOW, "flatten"),
                "ETH-USDT",
                OrderIntent.CLOSE,
                OrderSide.SELL,
                ExchangePositionSide.LONG,
                Direction.LONG,
                new BigDecimal("5.00"),
                null,
                null,
                ExitReason.MANUAL,
                null,
                NOW);
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(opened())
                .whenPublishingA(new TradingSessionStopped(SID, UID, StopReason.REQUESTED, "", "u", true, NOW))
                .expectActiveSagas(1)
                .expectDispatchedCommands(close);
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(opened())
                .andThenAPublished(new TradingSessionStopped(SID, UID, StopReason.REQUESTED, "", "u", true, NOW))
                .whenPublishingA(new PositionClosed(
                        SID,
                        UID,
                        "ETH-USDT",
                        Direction.LONG,
                        new BigDecimal("5.00"),
                        new BigDecimal("2000"),
                        new BigDecimal("2010"),
                        new BigDecimal("50"),
                        new BigDecimal("10"),
                        ExitReason.MANUAL,
                        NOW))
                .expectActiveSagas(0);
    }

    @Test
    void aDrawdownStopFlattensWithReasonRisk() {
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(opened())
                .whenPublishingA(
                        new TradingSessionStopped(SID, UID, StopReason.MAX_DRAWDOWN, "drawdown", "system:x", true, NOW))
                .expectDispatchedCommands(new RequestOrderPlacement(
                        SID,
                        ClientOrderIds.of(SID, "ETH-USDT", NOW, "flatten"),
                        "ETH-USDT",
                        OrderIntent.CLOSE,
                        OrderSide.SELL,
                        ExchangePositionSide.LONG,
                        Direction.LONG,
                        new BigDecimal("5.00"),
                        null,
                        null,
                        ExitReason.RISK,
                        null,
                        NOW));
    }

    /** Seen in the lifecycle test: an entry in flight at a stop with flatten filled afterwards and stayed open. */
    @Test
    void anEntryStillOnItsWayWhenTheBotStopsWithFlattenIsClosedOnceItFills() {
        TradingSessionStopped stopped =
                new TradingSessionStopped(SID, UID, StopReason.REQUESTED, "", "u", true, NOW.minusSeconds(1));
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(entryRequested())
                .whenPublishingA(stopped)
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(entryRequested())
                .andThenAPublished(stopped)
                .whenPublishingA(opened())
                .expectActiveSagas(1)
                .expectDispatchedCommands(new RequestOrderPlacement(
                        SID,
                        ClientOrderIds.of(SID, "ETH-USDT", NOW, "flatten"),
                        "ETH-USDT",
                        OrderIntent.CLOSE,
                        OrderSide.SELL,
                        ExchangePositionSide.LONG,
                        Direction.LONG,
                        new BigDecimal("5.00"),
                        null,
                        null,
                        ExitReason.MANUAL,
                        null,
                        NOW));
    }

    @Test
    void aStoppedBotWaitingForItsEntryEndsWhenTheEntryIsRejected() {
        TradingSessionStopped stopped =
                new TradingSessionStopped(SID, UID, StopReason.REQUESTED, "", "u", true, NOW.minusSeconds(1));
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(entryRequested())
                .andThenAPublished(stopped)
                .whenPublishingA(new OrderRejected(
                        SID,
                        UID,
                        ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "open"),
                        "ETH-USDT",
                        101204,
                        "Insufficient margin",
                        NOW))
                .expectActiveSagas(0);
    }

    @Test
    void aStoppedSessionNoLongerDecides() {
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(opened())
                .andThenAPublished(new TradingSessionStopped(SID, UID, StopReason.REQUESTED, "", "u", true, NOW))
                .whenPublishingA(strongUp("ETH-USDT", CANDLE))
                .expectNoDispatchedCommands();
    }

    @Test
    void anOpenPositionIsExitedWhenTheTrendFades() {
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(opened())
                .whenPublishingA(flat("ETH-USDT", CANDLE))
                .expectDispatchedCommands(
                        new RecordEquity(SID, TEN_K, TEN_K, TEN_K, TEN_K, NOW),
                        new RequestOrderPlacement(
                                SID,
                                ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "exit"),
                                "ETH-USDT",
                                OrderIntent.CLOSE,
                                OrderSide.SELL,
                                ExchangePositionSide.LONG,
                                Direction.LONG,
                                new BigDecimal("5.00"),
                                null,
                                null,
                                ExitReason.TREND_FADED,
                                CANDLE,
                                NOW));
    }

    /** The strong-up candle whose range reached down to 1950: through the long's stop at 1960. */
    private static CandleClosed strongUpThroughTheStop() {
        CandleClosed c = strongUp("ETH-USDT", CANDLE);
        return new CandleClosed(
                c.symbol(),
                c.timeframe(),
                c.openTime(),
                c.open(),
                c.high(),
                new BigDecimal("1950"),
                c.close(),
                c.volume(),
                c.indicators(),
                true);
    }

    private static ExchangeSettlement.Held heldLong() {
        return new ExchangeSettlement.Held(
                "ETH-USDT",
                Direction.LONG,
                ExchangePositionSide.LONG,
                new BigDecimal("5.00"),
                new BigDecimal("2000"),
                new BigDecimal("1960.00"),
                new BigDecimal("2080.00"),
                ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "open"));
    }

    /**
     * The candle whose range crossed the stop arrives before the stop's fill: the bot asks the exchange first,
     * and as the position was closed there it decides flat, as the backtest does (here: a new entry).
     */
    @Test
    void aCandleThatCrossedTheStopIsSettledWithTheExchangeBeforeTheDecision() {
        when(settlement.settle(eq(SID), eq(UID), any(), any())).thenReturn(ExchangeSettlement.Outcome.CLOSED);
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(opened())
                .whenPublishingA(strongUpThroughTheStop())
                .expectDispatchedCommands(strongUpEntry(ExchangePositionSide.LONG));
        verify(settlement).settle(SID, UID, heldLong(), NOW);
    }

    /** Still open at the exchange (the stop did not fill): the bot decides as in position. */
    @Test
    void aCrossedStopThatDidNotFillLeavesThePositionHeld() {
        when(settlement.settle(eq(SID), eq(UID), any(), any())).thenReturn(ExchangeSettlement.Outcome.OPEN);
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(opened())
                .whenPublishingA(strongUpThroughTheStop())
                .expectDispatchedCommands(inPositionStrongUp());
        verify(settlement).settle(SID, UID, heldLong(), NOW);
    }

    private static Object[] inPositionStrongUp() {
        return new Object[] {
            new RecordEquity(SID, TEN_K, TEN_K, TEN_K, TEN_K, NOW),
            new RecordSignal(SID, "ETH-USDT", Direction.LONG, CANDLE, strongUpValues(), new BigDecimal("76.00"), NOW),
            new RecordSkippedSignal(
                    SID,
                    "ETH-USDT",
                    CANDLE,
                    Direction.LONG,
                    ReasonCode.ALREADY_IN_POSITION,
                    "a LONG position is already open on ETH-USDT",
                    NOW)
        };
    }

    /**
     * The saga is stored as JSON: the levels it settles by survive the round trip, and a saga stored before
     * they were kept reads with none (its position is then decided as before, without settling).
     */
    @Test
    void theSettlementLevelsSurviveTheSagasJsonRoundTrip() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        TradingSaga saga = new TradingSaga();
        saga.on(opened(), null);
        String json = mapper.writeValueAsString(saga);
        assertThat(json)
                .contains("\"protections\":{\"ETH-USDT\":{\"stopLoss\":1960.00,\"takeProfit\":2080.00,"
                        + "\"entryClientOrderId\":\"" + ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "open") + "\"}}");
        assertThat(mapper.writeValueAsString(mapper.readValue(json, TradingSaga.class)))
                .isEqualTo(json);

        String stored = json.replaceFirst(",?\"protections\":\\{[^}]*\\}\\}", "");
        assertThat(stored).doesNotContain("protections");
        assertThat(mapper.writeValueAsString(mapper.readValue(stored, TradingSaga.class)))
                .contains("\"protections\":{}");
    }

    /** A candle inside the stop and the target asks the exchange nothing. */
    @Test
    void aCandleInsideTheLevelsAsksTheExchangeNothing() {
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(opened())
                .whenPublishingA(strongUp("ETH-USDT", CANDLE))
                .expectDispatchedCommands(inPositionStrongUp());
        verify(settlement, never()).settle(any(), any(), any(), any());
    }

    /** A crossed level the exchange cannot settle now: the candle is skipped, not decided on a guess. */
    @Test
    void aCrossedLevelTheExchangeCannotSettleIsSkipped() {
        when(settlement.settle(eq(SID), eq(UID), any(), any()))
                .thenThrow(
                        new ExchangeAccess.ExchangeUnavailable(0, "BingX could not read the positions: timeout", null));
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(opened())
                .whenPublishingA(strongUpThroughTheStop())
                .expectDispatchedCommands(new RecordSkippedSignal(
                        SID,
                        "ETH-USDT",
                        CANDLE,
                        null,
                        ReasonCode.EXCHANGE_UNAVAILABLE,
                        "BingX could not read the positions: timeout",
                        NOW));
    }

    /** Unused settings guard: a settings snapshot without the candle's symbol ignores it. */
    @Test
    void ignoresSymbolsOutsideTheSettings() {
        TradingSettings onlyBtc = new TradingSettings(
                2,
                new BigDecimal("2.0"),
                new BigDecimal("5.0"),
                new BigDecimal("15.0"),
                5,
                PositionMode.HEDGE,
                new BigDecimal("25"),
                Timeframe.M5,
                new BigDecimal("60"),
                new BigDecimal("2.0"),
                new BigDecimal("2.0"),
                java.util.List.of("BTC-USDT"),
                dev.trenddesk.api.common.StrategyId.ADX_TREND,
                9,
                21);
        fixture.givenAPublished(new TradingSessionStarted(SID, UID, onlyBtc, TEN_K, STARTED, ExchangeName.BINGX))
                .whenPublishingA(strongUp("ETH-USDT", CANDLE))
                .expectNoDispatchedCommands();
        reset(subscriptions);
    }

    private static TradingSettings changed(
            String risk, int leverage, Timeframe timeframe, java.util.List<String> symbols) {
        TradingSettings d = settings(PositionMode.HEDGE);
        return new TradingSettings(
                d.maxPositions(),
                new BigDecimal(risk),
                d.dailyLossLimitPct(),
                d.maxDrawdownPct(),
                leverage,
                PositionMode.HEDGE,
                d.adxThreshold(),
                timeframe,
                d.signalConfidence(),
                d.stopAtr(),
                d.takeProfitR(),
                symbols,
                dev.trenddesk.api.common.StrategyId.ADX_TREND,
                9,
                21);
    }

    /** Seen live: risk lowered from 10 % to 1 % on a running bot, the next orders had the same size. */
    @Test
    void loweringRiskOnARunningBotMakesTheNextOrderSmaller() {
        TradingSettings halfTheRisk = changed("1.0", 5, Timeframe.M5, java.util.List.of("ETH-USDT", "BTC-USDT"));
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(new TradingSessionSettingsChanged(SID, UID, halfTheRisk, STARTED))
                .whenPublishingA(strongUp("ETH-USDT", CANDLE))
                .expectDispatchedCommands(
                        new RecordEquity(SID, TEN_K, TEN_K, TEN_K, TEN_K, NOW),
                        new RecordSignal(
                                SID,
                                "ETH-USDT",
                                Direction.LONG,
                                CANDLE,
                                strongUpValues(),
                                new BigDecimal("76.00"),
                                NOW),
                        new RequestOrderPlacement(
                                SID,
                                ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "open"),
                                "ETH-USDT",
                                OrderIntent.OPEN,
                                OrderSide.BUY,
                                ExchangePositionSide.LONG,
                                Direction.LONG,
                                new BigDecimal("2.50"),
                                new BigDecimal("1960.00"),
                                new BigDecimal("2080.00"),
                                null,
                                CANDLE,
                                NOW));
        verify(exchange, times(1)).prepare(any(), any(), anyInt(), anyList());
    }

    @Test
    void changingSymbolsAndTimeframeMovesTheMarketDataAndTheDecisions() {
        TradingSettings moved = changed("2.0", 5, Timeframe.M15, java.util.List.of("ETH-USDT", "SOL-USDT"));
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .whenPublishingA(new TradingSessionSettingsChanged(SID, UID, moved, STARTED))
                .expectAssociationWith("symbol", "ETH-USDT")
                .expectAssociationWith("symbol", "SOL-USDT")
                .expectNoAssociationWith("symbol", "BTC-USDT")
                .expectNoDispatchedCommands();
        verify(subscriptions).release(SID.toString(), "ETH-USDT", Timeframe.M5);
        verify(subscriptions).release(SID.toString(), "BTC-USDT", Timeframe.M5);
        verify(subscriptions).acquire(SID.toString(), "ETH-USDT", Timeframe.M15);
        verify(subscriptions).acquire(SID.toString(), "SOL-USDT", Timeframe.M15);

        CandleClosed fiveMinutes = strongUp("ETH-USDT", CANDLE);
        // the saga records in market time: never before the 15-minute candle's close, later than the clock here
        Instant fifteenClosed = CANDLE.plus(Timeframe.M15.duration());
        CandleClosed fifteenMinutes = new CandleClosed(
                "ETH-USDT",
                Timeframe.M15,
                CANDLE,
                fiveMinutes.open(),
                fiveMinutes.high(),
                fiveMinutes.low(),
                fiveMinutes.close(),
                fiveMinutes.volume(),
                fiveMinutes.indicators(),
                true);
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(new TradingSessionSettingsChanged(SID, UID, moved, STARTED))
                .whenPublishingA(fiveMinutes)
                .expectNoDispatchedCommands();
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(new TradingSessionSettingsChanged(SID, UID, moved, STARTED))
                .whenPublishingA(fifteenMinutes)
                .expectDispatchedCommands(
                        new RecordExchangePreparation(
                                SID,
                                PositionMode.HEDGE,
                                PositionMode.HEDGE,
                                5,
                                "position mode already HEDGE",
                                fifteenClosed),
                        new RecordEquity(SID, TEN_K, TEN_K, TEN_K, TEN_K, fifteenClosed),
                        new RecordSignal(
                                SID,
                                "ETH-USDT",
                                Direction.LONG,
                                CANDLE,
                                strongUpValues(),
                                new BigDecimal("76.00"),
                                fifteenClosed),
                        new RequestOrderPlacement(
                                SID,
                                ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "open"),
                                "ETH-USDT",
                                OrderIntent.OPEN,
                                OrderSide.BUY,
                                ExchangePositionSide.LONG,
                                Direction.LONG,
                                new BigDecimal("5.00"),
                                new BigDecimal("1960.00"),
                                new BigDecimal("2080.00"),
                                null,
                                CANDLE,
                                fifteenClosed));
    }

    @Test
    void aLeverageChangeIsSetOnBingxBeforeTheNextDecision() {
        TradingSettings tenX = changed("2.0", 10, Timeframe.M5, java.util.List.of("ETH-USDT", "BTC-USDT"));
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(new TradingSessionSettingsChanged(SID, UID, tenX, STARTED))
                .whenPublishingA(strongUp("ETH-USDT", CANDLE))
                .expectDispatchedCommands(
                        new RecordExchangePreparation(
                                SID, PositionMode.HEDGE, PositionMode.HEDGE, 10, "position mode already HEDGE", NOW),
                        new RecordEquity(SID, TEN_K, TEN_K, TEN_K, TEN_K, NOW),
                        new RecordSignal(
                                SID,
                                "ETH-USDT",
                                Direction.LONG,
                                CANDLE,
                                strongUpValues(),
                                new BigDecimal("76.00"),
                                NOW),
                        new RequestOrderPlacement(
                                SID,
                                ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "open"),
                                "ETH-USDT",
                                OrderIntent.OPEN,
                                OrderSide.BUY,
                                ExchangePositionSide.LONG,
                                Direction.LONG,
                                new BigDecimal("5.00"),
                                new BigDecimal("1960.00"),
                                new BigDecimal("2080.00"),
                                null,
                                CANDLE,
                                NOW));
        verify(exchange).prepare(UID, PositionMode.HEDGE, 10, java.util.List.of("ETH-USDT", "BTC-USDT"));
    }

    @Test
    void aCandleIsSkippedWithAReasonUntilTheNewLeverageIsSet() {
        TradingSettings tenX = changed("2.0", 10, Timeframe.M5, java.util.List.of("ETH-USDT", "BTC-USDT"));
        when(exchange.prepare(any(), any(), org.mockito.ArgumentMatchers.eq(10), anyList()))
                .thenThrow(
                        new ExchangeAccess.ExchangeUnavailable(0, "BingX could not set the leverage: timeout", null));
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(new TradingSessionSettingsChanged(SID, UID, tenX, STARTED))
                .whenPublishingA(strongUp("ETH-USDT", CANDLE))
                .expectDispatchedCommands(new RecordSkippedSignal(
                        SID,
                        "ETH-USDT",
                        CANDLE,
                        null,
                        ReasonCode.ACCOUNT_NOT_PREPARED,
                        "leverage and position mode are not set on BingX yet (10x, HEDGE); trying again",
                        NOW));
    }

    /**
     * Found in review: a settings change that BingX does not take yet (here: the new leverage times out) left
     * held positions without their exits, because every candle was skipped until the account was set up.
     * Exits and risk closes go on; only entries wait for the setup.
     */
    @Test
    void aHeldPositionIsStillExitedWhileTheNewLeverageIsNotSet() {
        TradingSettings tenX = changed("2.0", 10, Timeframe.M5, java.util.List.of("ETH-USDT", "BTC-USDT"));
        when(exchange.prepare(any(), any(), org.mockito.ArgumentMatchers.eq(10), anyList()))
                .thenThrow(
                        new ExchangeAccess.ExchangeUnavailable(0, "BingX could not set the leverage: timeout", null));
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(opened())
                .andThenAPublished(new TradingSessionSettingsChanged(SID, UID, tenX, STARTED))
                .whenPublishingA(flat("ETH-USDT", CANDLE))
                .expectDispatchedCommands(
                        new RecordEquity(SID, TEN_K, TEN_K, TEN_K, TEN_K, NOW),
                        new RequestOrderPlacement(
                                SID,
                                ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "exit"),
                                "ETH-USDT",
                                OrderIntent.CLOSE,
                                OrderSide.SELL,
                                ExchangePositionSide.LONG,
                                Direction.LONG,
                                new BigDecimal("5.00"),
                                null,
                                null,
                                ExitReason.TREND_FADED,
                                CANDLE,
                                NOW));
    }

    @Test
    void anEntryWaitsForTheNewLeverageEvenWhileAnotherSymbolIsHeld() {
        TradingSettings tenX = changed("2.0", 10, Timeframe.M5, java.util.List.of("ETH-USDT", "BTC-USDT"));
        when(exchange.prepare(any(), any(), org.mockito.ArgumentMatchers.eq(10), anyList()))
                .thenThrow(
                        new ExchangeAccess.ExchangeUnavailable(0, "BingX could not set the leverage: timeout", null));
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(opened())
                .andThenAPublished(new TradingSessionSettingsChanged(SID, UID, tenX, STARTED))
                .whenPublishingA(strongUp("BTC-USDT", CANDLE))
                .expectDispatchedCommands(new RecordSkippedSignal(
                        SID,
                        "BTC-USDT",
                        CANDLE,
                        null,
                        ReasonCode.ACCOUNT_NOT_PREPARED,
                        "leverage and position mode are not set on BingX yet (10x, HEDGE); trying again",
                        NOW));
    }

    /** Found in review: after 5m → 15m the first 15m candle opens before the last 5m one and was taken as old. */
    @Test
    void theFirstCandleOfALongerTimeframeIsDecided() {
        TradingSettings moved = changed("2.0", 5, Timeframe.M15, java.util.List.of("ETH-USDT", "BTC-USDT"));
        CandleClosed lastFiveMinutes = flat("ETH-USDT", CANDLE.plus(java.time.Duration.ofMinutes(10)));
        CandleClosed up = strongUp("ETH-USDT", CANDLE);
        CandleClosed fifteenMinutes = new CandleClosed(
                "ETH-USDT",
                Timeframe.M15,
                CANDLE,
                up.open(),
                up.high(),
                up.low(),
                up.close(),
                up.volume(),
                up.indicators(),
                true);
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(lastFiveMinutes)
                .andThenAPublished(new TradingSessionSettingsChanged(SID, UID, moved, STARTED))
                .whenPublishingA(fifteenMinutes)
                .expectDispatchedCommandsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.axonframework.test.matchers.Matchers.matches(c -> c instanceof RecordEquity),
                                org.axonframework.test.matchers.Matchers.matches(c -> c instanceof RecordSignal),
                                org.axonframework.test.matchers.Matchers.matches(
                                        c -> c instanceof RequestOrderPlacement r
                                                && r.intent() == OrderIntent.OPEN
                                                && r.candleTime().equals(CANDLE)),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    /** Found in review: after a partial close at BingX the bot's own exit still asked for the original quantity. */
    @Test
    void anExitAfterAPartialCloseAsksForWhatIsLeft() {
        fixture.givenAPublished(started(PositionMode.HEDGE))
                .andThenAPublished(opened())
                .andThenAPublished(new PositionReduced(
                        SID,
                        UID,
                        "ETH-USDT",
                        Direction.LONG,
                        ExchangePositionSide.LONG,
                        new BigDecimal("2.00"),
                        new BigDecimal("3.00"),
                        new BigDecimal("2000"),
                        new BigDecimal("2010"),
                        new BigDecimal("20"),
                        new BigDecimal("1"),
                        ExitReason.MANUAL,
                        "9001",
                        NOW))
                .whenPublishingA(flat("ETH-USDT", CANDLE))
                .expectDispatchedCommands(
                        new RecordEquity(SID, TEN_K, TEN_K, TEN_K, TEN_K, NOW),
                        new RequestOrderPlacement(
                                SID,
                                ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "exit"),
                                "ETH-USDT",
                                OrderIntent.CLOSE,
                                OrderSide.SELL,
                                ExchangePositionSide.LONG,
                                Direction.LONG,
                                new BigDecimal("3.00"),
                                null,
                                null,
                                ExitReason.TREND_FADED,
                                CANDLE,
                                NOW));
    }
}
