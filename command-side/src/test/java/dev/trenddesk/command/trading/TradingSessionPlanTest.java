package dev.trenddesk.command.trading;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.notify.NotificationChannel;
import dev.trenddesk.api.plan.PlanLimitException;
import dev.trenddesk.api.plan.PlanLimits;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.OrderSide;
import dev.trenddesk.api.trading.TradingCommands.ChangeTradingSessionSettings;
import dev.trenddesk.api.trading.TradingCommands.RequestOrderPlacement;
import dev.trenddesk.api.trading.TradingCommands.StartTradingSession;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionSettingsChanged;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.command.Refusals;
import dev.trenddesk.command.plan.PlanStore;
import dev.trenddesk.command.platform.PlatformHalts;
import dev.trenddesk.command.platform.PlatformSettingsStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A trader's plan and subscription on the command side: starts, settings changes and entries (docs/plans.md). */
class TradingSessionPlanTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final TradingSessionId SID = TradingSessionId.of("00000000-0000-0000-0000-0000000000ab");
    private static final UserId UID = UserId.of("00000000-0000-0000-0000-000000000002");
    private static final BigDecimal BALANCE = new BigDecimal("1000");
    private static final PlanLimits FREE = new PlanLimits(
            List.of("BTC-USDT"),
            1,
            List.of(),
            List.of(StrategyId.ADX_TREND),
            false,
            3,
            3,
            List.of(NotificationChannel.EMAIL));
    /** Within Free: one symbol, 3x. */
    private static final TradingSettings SMALL = settings(List.of("BTC-USDT"), 3);

    private AggregateTestFixture<TradingSession> fixture;
    private ActiveSessions activeSessions;
    private PlanStore.Effective current;

    private static TradingSettings settings(List<String> symbols, int leverage) {
        TradingSettings d = TradingSettings.defaults();
        return new TradingSettings(
                1,
                d.riskPerTradePct(),
                d.dailyLossLimitPct(),
                d.maxDrawdownPct(),
                leverage,
                d.positionMode(),
                d.adxThreshold(),
                Timeframe.M5,
                d.signalConfidence(),
                d.stopAtr(),
                d.takeProfitR(),
                symbols,
                StrategyId.ADX_TREND,
                9,
                21);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TradingSession.class);
        activeSessions = mock(ActiveSessions.class);
        fixture.registerInjectableResource(activeSessions);
        fixture.registerInjectableResource(mock(PlatformHalts.class));
        fixture.registerInjectableResource(mock(PlatformSettingsStore.class));
        PlanStore plans = new PlanStore(null, "sim") {
            @Override
            public Optional<Effective> effective(UserId userId) {
                return Optional.ofNullable(current);
            }

            @Override
            public Optional<Assignment> assignment(UserId userId) {
                return Optional.ofNullable(current).map(Effective::assignment);
            }

            @Override
            public Optional<StoredPlan> plan(String planId) {
                return Optional.ofNullable(current).map(Effective::plan);
            }
        };
        fixture.registerInjectableResource(plans);
        onPlan("Free", BigDecimal.ZERO, FREE, null);
    }

    private void onPlan(String name, BigDecimal price, PlanLimits limits, PlanStore.Assignment assignment) {
        current = new PlanStore.Effective(
                new PlanStore.StoredPlan(name.toLowerCase(), name, price, limits, false), assignment);
    }

    @Test
    void aStartBeyondThePlanIsRefusedNamingEachLimitAndClaimsNothing() {
        TradingSettings tooMuch = settings(List.of("BTC-USDT", "ETH-USDT"), 5);
        fixture.givenNoPriorActivity()
                .when(new StartTradingSession(SID, UID, ExchangeName.BINGX, tooMuch, BALANCE, T0))
                .expectException(org.hamcrest.Matchers.<Throwable>allOf(
                        org.hamcrest.Matchers.instanceOf(PlanLimitException.class),
                        org.hamcrest.Matchers.hasProperty("message", containsString("ETH-USDT is not in your plan")),
                        org.hamcrest.Matchers.hasProperty("message", containsString("1 symbol per bot")),
                        org.hamcrest.Matchers.hasProperty("message", containsString("leverage up to 3x"))))
                .expectNoEvents();
        verify(activeSessions, never()).claim(UID, SID, T0);
    }

    @Test
    void aStartWithinThePlanStarts() {
        fixture.givenNoPriorActivity()
                .when(new StartTradingSession(SID, UID, ExchangeName.BINGX, SMALL, BALANCE, T0))
                .expectEvents(new TradingSessionStarted(SID, UID, SMALL, BALANCE, T0, ExchangeName.BINGX));
    }

    @Test
    void aPaidPlanUnpaidRefusesTheStartAndAPaidOneStarts() {
        PlanLimits pro = PlanLimits.unlimited();
        TradingSettings two = settings(List.of("BTC-USDT", "ETH-USDT"), 10);
        onPlan("Pro", new BigDecimal("49.00"), pro, new PlanStore.Assignment("pro", T0.minusSeconds(60), null, false));
        fixture.givenNoPriorActivity()
                .when(new StartTradingSession(SID, UID, ExchangeName.BINGX, two, BALANCE, T0))
                .expectException(Refusals.refusedWith(RejectionCode.SUBSCRIPTION_PAST_DUE))
                .expectNoEvents();
        onPlan(
                "Pro",
                new BigDecimal("49.00"),
                pro,
                new PlanStore.Assignment("pro", T0.minusSeconds(60), T0.plusSeconds(86_400), false));
        fixture.givenNoPriorActivity()
                .when(new StartTradingSession(SID, UID, ExchangeName.BINGX, two, BALANCE, T0))
                .expectEvents(new TradingSessionStarted(SID, UID, two, BALANCE, T0, ExchangeName.BINGX));
    }

    @Test
    void aLoweredPlanLetsARunningBotKeepWhatItHasButAddNothing() {
        TradingSettings running = settings(List.of("ETH-USDT"), 10);
        TradingSessionStarted started = new TradingSessionStarted(SID, UID, running, BALANCE, T0, ExchangeName.BINGX);
        // leverage lowered within what it had: allowed although above the plan's 3x
        TradingSettings lower = settings(List.of("ETH-USDT"), 5);
        fixture.given(started)
                .when(new ChangeTradingSessionSettings(SID, lower, T0))
                .expectEvents(new TradingSessionSettingsChanged(SID, UID, lower, T0));
        // adding a symbol outside the plan is refused naming plan.symbols
        fixture.given(started)
                .when(new ChangeTradingSessionSettings(SID, settings(List.of("ETH-USDT", "SOL-USDT"), 10), T0))
                .expectException(PlanLimitException.class)
                .expectExceptionMessage(containsString("SOL-USDT is not in your plan"))
                .expectNoEvents();
    }

    @Test
    void aPastDueSubscriptionOpensNothingNewButClosesStill() {
        onPlan(
                "Pro",
                new BigDecimal("49.00"),
                PlanLimits.unlimited(),
                new PlanStore.Assignment("pro", T0.minusSeconds(3600), T0.minusSeconds(1), false));
        TradingSessionStarted started = new TradingSessionStarted(SID, UID, SMALL, BALANCE, T0, ExchangeName.BINGX);
        fixture.given(started)
                .when(new RequestOrderPlacement(
                        SID,
                        "td-entry-1",
                        "BTC-USDT",
                        OrderIntent.OPEN,
                        OrderSide.BUY,
                        ExchangePositionSide.LONG,
                        Direction.LONG,
                        new BigDecimal("0.01"),
                        new BigDecimal("90000"),
                        new BigDecimal("110000"),
                        null,
                        T0,
                        T0))
                .expectException(Refusals.refusedWith(RejectionCode.ENTRY_SUBSCRIPTION_PAST_DUE))
                .expectNoEvents();
        // a close is never asked about the subscription: a held position is closed while past due
        PositionOpened held = new PositionOpened(
                SID,
                UID,
                "BTC-USDT",
                Direction.LONG,
                ExchangePositionSide.LONG,
                new BigDecimal("0.01"),
                new BigDecimal("100000"),
                new BigDecimal("90000"),
                new BigDecimal("110000"),
                "td-entry-0",
                new BigDecimal("0.5"),
                T0);
        fixture.given(started, held)
                .when(new RequestOrderPlacement(
                        SID,
                        "td-exit-1",
                        "BTC-USDT",
                        OrderIntent.CLOSE,
                        OrderSide.SELL,
                        ExchangePositionSide.LONG,
                        Direction.LONG,
                        new BigDecimal("0.01"),
                        null,
                        null,
                        ExitReason.STRATEGY_EXIT,
                        T0,
                        T0))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                new org.hamcrest.CustomTypeSafeMatcher<OrderPlacementRequested>("a close order") {
                                    @Override
                                    protected boolean matchesSafely(OrderPlacementRequested requested) {
                                        return requested.intent() == OrderIntent.CLOSE
                                                && requested.symbol().equals("BTC-USDT");
                                    }
                                }),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }
}
