package dev.trenddesk.command.trading;

import static org.mockito.Mockito.mock;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.OrderSide;
import dev.trenddesk.api.trading.PauseReason;
import dev.trenddesk.api.trading.TradingCommands.RecordExchangeFill;
import dev.trenddesk.api.trading.TradingCommands.RecordOrderFill;
import dev.trenddesk.api.trading.TradingCommands.ResumeTradingSession;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderFilled;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlaced;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionReduced;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionPaused;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionResumed;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.command.platform.PlatformHalts;
import dev.trenddesk.command.platform.PlatformSettingsStore;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fills the user data stream reports, in the orders they were seen in live runs, classified by the
 * session itself ({@link RecordExchangeFill}); and the platform lifting only its own pause.
 */
class TradingSessionFillsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant T_ENTRY = T0.plusMillis(400);
    private static final Instant T_STOP = T_ENTRY.plusMillis(116);
    private static final TradingSessionId SID = TradingSessionId.of("00000000-0000-0000-0000-0000000000bb");
    private static final UserId UID = UserId.of("00000000-0000-0000-0000-000000000002");
    private static final String ENTRY = "td00000000000000000000000000000000000001";
    private static final String EXIT = "td00000000000000000000000000000000000002";

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
                ENTRY,
                "ETH-USDT",
                OrderIntent.OPEN,
                OrderSide.BUY,
                ExchangePositionSide.LONG,
                Direction.LONG,
                new BigDecimal("1.50"),
                new BigDecimal("1590.00"),
                new BigDecimal("1620.00"),
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
                new BigDecimal("1590.00"),
                new BigDecimal("1620.00"),
                ENTRY,
                new BigDecimal("1.20"),
                T0);
    }

    private static RecordExchangeFill streamFill(
            String clientOrderId,
            String exchangeOrderId,
            OrderSide side,
            String type,
            String price,
            String fee,
            String pnl,
            Instant at) {
        return new RecordExchangeFill(
                SID,
                "ETH-USDT",
                clientOrderId,
                exchangeOrderId,
                side,
                ExchangePositionSide.LONG,
                type,
                new BigDecimal(price),
                new BigDecimal("1.50"),
                new BigDecimal(fee),
                pnl == null ? null : new BigDecimal(pnl),
                at);
    }

    /**
     * Seen live: the stop-loss filled 116 ms after its entry. The stream reports the entry's fill, then
     * the stop's — before any read model has the position — and the stop closes the position at once.
     */
    @Test
    void aStopLossFilled116MsAfterItsEntryClosesThePositionFromTheStream() {
        fixture.given(started(), entryRequested())
                .andGivenCommands(streamFill(ENTRY, "101", OrderSide.BUY, "MARKET", "1600.00", "-1.20", null, T_ENTRY))
                .when(streamFill("", "102", OrderSide.SELL, "STOP_MARKET", "1590.00", "-1.19", "-15.00", T_STOP))
                .expectEvents(
                        new OrderFilled(
                                SID,
                                UID,
                                "exchange-102",
                                "ETH-USDT",
                                "102",
                                new BigDecimal("1590.00"),
                                new BigDecimal("1.50"),
                                new BigDecimal("1.19"),
                                T_STOP),
                        new PositionClosed(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                new BigDecimal("1.50"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1590.00"),
                                new BigDecimal("-15.00"),
                                new BigDecimal("2.39"),
                                ExitReason.STOP_LOSS,
                                T_STOP));
    }

    @Test
    void theEntrysOwnStreamFillBeforeOrderPlacedOpensThePosition() {
        fixture.given(started(), entryRequested())
                .when(streamFill(
                        ENTRY.toUpperCase(), "101", OrderSide.BUY, "MARKET", "1600.00", "-1.20", null, T_ENTRY))
                .expectEvents(
                        new OrderPlaced(SID, UID, ENTRY, "ETH-USDT", "101", T_ENTRY),
                        new OrderFilled(
                                SID,
                                UID,
                                ENTRY,
                                "ETH-USDT",
                                "101",
                                new BigDecimal("1600.00"),
                                new BigDecimal("1.50"),
                                new BigDecimal("1.20"),
                                T_ENTRY),
                        new PositionOpened(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                ExchangePositionSide.LONG,
                                new BigDecimal("1.50"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1590.00"),
                                new BigDecimal("1620.00"),
                                ENTRY,
                                new BigDecimal("1.20"),
                                T_ENTRY));
    }

    /**
     * Order execution records an order the exchange filled at once with this one command (docs/benchmarks/trading.md):
     * the session records it placed first, then filled, then the position — the events placed-then-filled gave.
     */
    @Test
    void theExecutionsFillOfARequestedOrderRecordsItPlacedThenFilled() {
        fixture.given(started(), entryRequested())
                .when(new RecordOrderFill(
                        SID,
                        ENTRY,
                        "101",
                        new BigDecimal("1600.00"),
                        new BigDecimal("1.50"),
                        new BigDecimal("1.20"),
                        null,
                        T_ENTRY))
                .expectEvents(
                        new OrderPlaced(SID, UID, ENTRY, "ETH-USDT", "101", T_ENTRY),
                        new OrderFilled(
                                SID,
                                UID,
                                ENTRY,
                                "ETH-USDT",
                                "101",
                                new BigDecimal("1600.00"),
                                new BigDecimal("1.50"),
                                new BigDecimal("1.20"),
                                T_ENTRY),
                        new PositionOpened(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                ExchangePositionSide.LONG,
                                new BigDecimal("1.50"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1590.00"),
                                new BigDecimal("1620.00"),
                                ENTRY,
                                new BigDecimal("1.20"),
                                T_ENTRY));
    }

    /** Seen live: the bot's own CLOSE filled before OrderPlaced was stored, and was recorded as MANUAL. */
    @Test
    void theBotsOwnCloseFilledBeforeOrderPlacedCarriesTheOrdersExitReason() {
        OrderPlacementRequested close = new OrderPlacementRequested(
                SID,
                UID,
                EXIT,
                "ETH-USDT",
                OrderIntent.CLOSE,
                OrderSide.SELL,
                ExchangePositionSide.LONG,
                Direction.LONG,
                new BigDecimal("1.50"),
                null,
                null,
                ExitReason.DI_CROSS,
                T0,
                T0);
        fixture.given(started(), entryRequested(), opened(), close)
                .when(streamFill(EXIT, "103", OrderSide.SELL, "MARKET", "1610.00", "-1.21", "15.00", T_STOP))
                .expectEvents(
                        new OrderPlaced(SID, UID, EXIT, "ETH-USDT", "103", T_STOP),
                        new OrderFilled(
                                SID,
                                UID,
                                EXIT,
                                "ETH-USDT",
                                "103",
                                new BigDecimal("1610.00"),
                                new BigDecimal("1.50"),
                                new BigDecimal("1.21"),
                                T_STOP),
                        new PositionClosed(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                new BigDecimal("1.50"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1610.00"),
                                new BigDecimal("15.00"),
                                new BigDecimal("2.41"),
                                ExitReason.DI_CROSS,
                                T_STOP));
    }

    @Test
    void aPlatformOrderOfAnotherSessionIsIgnored() {
        fixture.given(started(), entryRequested(), opened())
                .when(streamFill(
                        "td99999999999999999999999999999999999999",
                        "104",
                        OrderSide.SELL,
                        "MARKET",
                        "1610.00",
                        "-1.21",
                        "15.00",
                        T_STOP))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void otherReducingFillsCloseAsTakeProfitOrManual() {
        fixture.given(started(), entryRequested(), opened())
                .when(streamFill(
                        null, "105", OrderSide.SELL, "TAKE_PROFIT_MARKET", "1620.00", "-1.22", "30.00", T_STOP))
                .expectEvents(
                        new OrderFilled(
                                SID,
                                UID,
                                "exchange-105",
                                "ETH-USDT",
                                "105",
                                new BigDecimal("1620.00"),
                                new BigDecimal("1.50"),
                                new BigDecimal("1.22"),
                                T_STOP),
                        new PositionClosed(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                new BigDecimal("1.50"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1620.00"),
                                new BigDecimal("30.00"),
                                new BigDecimal("2.42"),
                                ExitReason.TAKE_PROFIT,
                                T_STOP));
        fixture.given(started(), entryRequested(), opened())
                .when(streamFill("my-own-order", "106", OrderSide.SELL, "MARKET", "1605.00", "-1.20", "7.50", T_STOP))
                .expectEvents(
                        new OrderFilled(
                                SID,
                                UID,
                                "exchange-106",
                                "ETH-USDT",
                                "106",
                                new BigDecimal("1605.00"),
                                new BigDecimal("1.50"),
                                new BigDecimal("1.20"),
                                T_STOP),
                        new PositionClosed(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                new BigDecimal("1.50"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1605.00"),
                                new BigDecimal("7.50"),
                                new BigDecimal("2.40"),
                                ExitReason.MANUAL,
                                T_STOP));
    }

    @Test
    void aFillThatDoesNotReduceTheHeldPositionChangesNothing() {
        fixture.given(started(), entryRequested(), opened())
                .when(streamFill("", "107", OrderSide.BUY, "MARKET", "1605.00", "-1.20", null, T_STOP))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(started())
                .when(streamFill("", "108", OrderSide.SELL, "STOP_MARKET", "1590.00", "-1.19", "-15.00", T_STOP))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRepeatedStreamFillOfAFinishedOrderChangesNothing() {
        PositionClosed closed = new PositionClosed(
                SID,
                UID,
                "ETH-USDT",
                Direction.LONG,
                new BigDecimal("1.50"),
                new BigDecimal("1600.00"),
                new BigDecimal("1590.00"),
                new BigDecimal("-15.00"),
                new BigDecimal("2.39"),
                ExitReason.STOP_LOSS,
                T_STOP);
        fixture.given(
                        started(),
                        entryRequested(),
                        new OrderFilled(
                                SID,
                                UID,
                                ENTRY,
                                "ETH-USDT",
                                "101",
                                new BigDecimal("1600.00"),
                                new BigDecimal("1.50"),
                                new BigDecimal("1.20"),
                                T_ENTRY),
                        opened(),
                        closed)
                .when(streamFill(ENTRY, "101", OrderSide.BUY, "MARKET", "1600.00", "-1.20", null, T_ENTRY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void thePlatformLiftsOnlyItsOwnCredentialsPause() {
        fixture.given(started(), new TradingSessionPaused(SID, UID, T0, PauseReason.CREDENTIALS, "key failed"))
                .when(new ResumeTradingSession(SID, T_STOP, PauseReason.CREDENTIALS))
                .expectEvents(new TradingSessionResumed(SID, UID, T_STOP));
        fixture.given(started(), new TradingSessionPaused(SID, UID, T0, PauseReason.TRADER, null))
                .when(new ResumeTradingSession(SID, T_STOP, PauseReason.CREDENTIALS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(started())
                .when(new ResumeTradingSession(SID, T_STOP, PauseReason.CREDENTIALS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /**
     * The bot settled the candle with the exchange (the stop's fill, order 102, recorded before the decision) and
     * re-entered on that candle; the stop's own fill then arrives late by the stream, or once more from a lookup:
     * an exchange fill already recorded closes nothing, least of all the newer position.
     */
    @Test
    void anExchangeFillAlreadyRecordedClosesNoNewerPosition() {
        String second = "td00000000000000000000000000000000000003";
        OrderPlacementRequested reentry = new OrderPlacementRequested(
                SID,
                UID,
                second,
                "ETH-USDT",
                OrderIntent.OPEN,
                OrderSide.BUY,
                ExchangePositionSide.LONG,
                Direction.LONG,
                new BigDecimal("1.50"),
                new BigDecimal("1580.00"),
                new BigDecimal("1610.00"),
                null,
                T0,
                T_STOP);
        PositionOpened reopened = new PositionOpened(
                SID,
                UID,
                "ETH-USDT",
                Direction.LONG,
                ExchangePositionSide.LONG,
                new BigDecimal("1.50"),
                new BigDecimal("1591.00"),
                new BigDecimal("1580.00"),
                new BigDecimal("1610.00"),
                second,
                new BigDecimal("1.19"),
                T_STOP);
        Object[] history = {
            started(),
            entryRequested(),
            opened(),
            new OrderFilled(
                    SID,
                    UID,
                    "exchange-102",
                    "ETH-USDT",
                    "102",
                    new BigDecimal("1590.00"),
                    new BigDecimal("1.50"),
                    new BigDecimal("1.19"),
                    T_STOP),
            new PositionClosed(
                    SID,
                    UID,
                    "ETH-USDT",
                    Direction.LONG,
                    new BigDecimal("1.50"),
                    new BigDecimal("1600.00"),
                    new BigDecimal("1590.00"),
                    new BigDecimal("-15.00"),
                    new BigDecimal("2.39"),
                    ExitReason.STOP_LOSS,
                    T_STOP),
            reentry,
            reopened
        };
        fixture.given(history)
                .when(streamFill(
                        "", "102", OrderSide.SELL, "STOP_MARKET", "1590.00", "-1.19", "-15.00", T_STOP.plusMillis(500)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(history)
                .when(new dev.trenddesk.api.trading.TradingCommands.RecordPositionClosedByExchange(
                        SID,
                        "ETH-USDT",
                        "102",
                        new BigDecimal("1590.00"),
                        new BigDecimal("1.19"),
                        new BigDecimal("-15.00"),
                        ExitReason.STOP_LOSS,
                        T_STOP.plusMillis(600)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    private static RecordExchangeFill manualFill(
            String exchangeOrderId, String quantity, String price, String fee, String pnl, Instant at) {
        return new RecordExchangeFill(
                SID,
                "ETH-USDT",
                "",
                exchangeOrderId,
                OrderSide.SELL,
                ExchangePositionSide.LONG,
                "MARKET",
                new BigDecimal(price),
                new BigDecimal(quantity),
                new BigDecimal(fee),
                pnl == null ? null : new BigDecimal(pnl),
                at);
    }

    /**
     * The trader reduced the bot's 1.50 ETH long by half at BingX: the session keeps the other 0.75 (it was
     * closing the whole position with the half's PnL, and two polls later the rest became an external position).
     */
    @Test
    void aManualFillSmallerThanTheHeldQuantityOnlyReducesThePosition() {
        fixture.given(started(), entryRequested(), opened())
                .when(manualFill("201", "0.75", "1610.00", "-0.60", "7.50", T_STOP))
                .expectEvents(
                        new OrderFilled(
                                SID,
                                UID,
                                "exchange-201",
                                "ETH-USDT",
                                "201",
                                new BigDecimal("1610.00"),
                                new BigDecimal("0.75"),
                                new BigDecimal("0.60"),
                                T_STOP),
                        new PositionReduced(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                ExchangePositionSide.LONG,
                                new BigDecimal("0.75"),
                                new BigDecimal("0.75"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1610.00"),
                                new BigDecimal("7.50"),
                                new BigDecimal("0.60"),
                                ExitReason.MANUAL,
                                "201",
                                T_STOP));
    }

    /** Without BingX's booked PnL the reduced part's PnL is its price move on its own quantity. */
    @Test
    void aReductionWithoutBookedPnlIsPricedOnTheReducedQuantity() {
        fixture.given(started(), entryRequested(), opened())
                .when(manualFill("202", "0.50", "1590.00", "0.40", null, T_STOP))
                .expectEvents(
                        new OrderFilled(
                                SID,
                                UID,
                                "exchange-202",
                                "ETH-USDT",
                                "202",
                                new BigDecimal("1590.00"),
                                new BigDecimal("0.50"),
                                new BigDecimal("0.40"),
                                T_STOP),
                        new PositionReduced(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                ExchangePositionSide.LONG,
                                new BigDecimal("0.50"),
                                new BigDecimal("1.00"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1590.00"),
                                new BigDecimal("-5.0000"),
                                new BigDecimal("0.40"),
                                ExitReason.MANUAL,
                                "202",
                                T_STOP));
    }

    /** After a reduction the rest is still held: its fill closes it with the remaining quantity; a repeat of the reduction does nothing. */
    @Test
    void theFillOfTheRemainderClosesThePositionAndARepeatedReductionChangesNothing() {
        PositionReduced reduced = new PositionReduced(
                SID,
                UID,
                "ETH-USDT",
                Direction.LONG,
                ExchangePositionSide.LONG,
                new BigDecimal("0.75"),
                new BigDecimal("0.75"),
                new BigDecimal("1600.00"),
                new BigDecimal("1610.00"),
                new BigDecimal("7.50"),
                new BigDecimal("0.60"),
                ExitReason.MANUAL,
                "201",
                T_STOP);
        OrderFilled reducingFill = new OrderFilled(
                SID,
                UID,
                "exchange-201",
                "ETH-USDT",
                "201",
                new BigDecimal("1610.00"),
                new BigDecimal("0.75"),
                new BigDecimal("0.60"),
                T_STOP);
        fixture.given(started(), entryRequested(), opened(), reducingFill, reduced)
                .when(manualFill("201", "0.75", "1610.00", "-0.60", "7.50", T_STOP))
                .expectNoEvents();
        Instant later = T_STOP.plusSeconds(60);
        fixture.given(started(), entryRequested(), opened(), reducingFill, reduced)
                .when(manualFill("203", "0.75", "1620.00", "-0.60", "15.00", later))
                .expectEvents(
                        new OrderFilled(
                                SID,
                                UID,
                                "exchange-203",
                                "ETH-USDT",
                                "203",
                                new BigDecimal("1620.00"),
                                new BigDecimal("0.75"),
                                new BigDecimal("0.60"),
                                later),
                        new PositionClosed(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                new BigDecimal("0.75"),
                                new BigDecimal("1600.00"),
                                new BigDecimal("1620.00"),
                                new BigDecimal("15.00"),
                                new BigDecimal("1.80"),
                                ExitReason.MANUAL,
                                later));
    }
}
