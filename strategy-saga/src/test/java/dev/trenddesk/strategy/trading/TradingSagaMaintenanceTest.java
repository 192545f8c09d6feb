package dev.trenddesk.strategy.trading;

import static dev.trenddesk.strategy.trading.TradingFixtures.CANDLE;
import static dev.trenddesk.strategy.trading.TradingFixtures.ETH_RULES;
import static dev.trenddesk.strategy.trading.TradingFixtures.SID;
import static dev.trenddesk.strategy.trading.TradingFixtures.STARTED;
import static dev.trenddesk.strategy.trading.TradingFixtures.UID;
import static dev.trenddesk.strategy.trading.TradingFixtures.flat;
import static dev.trenddesk.strategy.trading.TradingFixtures.settings;
import static dev.trenddesk.strategy.trading.TradingFixtures.strongUp;
import static dev.trenddesk.strategy.trading.TradingFixtures.strongUpValues;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.OrderSide;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.api.trading.TradingCommands.RecordEquity;
import dev.trenddesk.api.trading.TradingCommands.RecordSignal;
import dev.trenddesk.api.trading.TradingCommands.RecordSkippedSignal;
import dev.trenddesk.api.trading.TradingCommands.RequestOrderPlacement;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.strategy.feed.MarketSubscriptions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Maintenance mode in the trading saga: an entry the strategy decides becomes a skip with the admin's reason (the
 * trader's decision log shows it), exits still go out, and the mode is asked only when an entry is about to go out.
 */
class TradingSagaMaintenanceTest {

    private static final Instant NOW = CANDLE.plusSeconds(301);
    private static final BigDecimal TEN_K = new BigDecimal("10000");

    private SagaTestFixture<TradingSaga> fixture;
    private PlatformMaintenance maintenance;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(TradingSaga.class);
        ExchangeAccess exchange = mock(ExchangeAccess.class);
        when(exchange.prepare(any(), any(), anyInt(), anyList()))
                .thenReturn(new ExchangeAccess.Preparation(PositionMode.HEDGE, "position mode already HEDGE"));
        when(exchange.balance(eq(UID), any(), any())).thenReturn(new ExchangeBalance(TEN_K, TEN_K));
        when(exchange.rules("ETH-USDT")).thenReturn(ETH_RULES);
        maintenance = mock(PlatformMaintenance.class);
        when(maintenance.reason(any())).thenReturn(Optional.of("database upgrade"));
        fixture.registerResource(exchange);
        fixture.registerResource(mock(MarketSubscriptions.class));
        fixture.registerResource(mock(OrderExecution.class));
        fixture.registerResource(mock(PositionReconciler.class));
        fixture.registerResource(mock(ExchangeSettlement.class));
        fixture.registerResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerResource(maintenance);
    }

    private static TradingSessionStarted started() {
        return new TradingSessionStarted(SID, UID, settings(PositionMode.HEDGE), TEN_K, STARTED, ExchangeName.BINGX);
    }

    @Test
    void anEntryIsSkippedWithTheAdminsReason() {
        fixture.givenAPublished(started())
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
                                ReasonCode.PLATFORM_MAINTENANCE,
                                "the platform is in maintenance (database upgrade): no new positions until it ends;"
                                        + " exits, stops and take-profits still run",
                                NOW));
    }

    @Test
    void anOpenPositionIsStillExitedWithoutAskingForMaintenance() {
        fixture.givenAPublished(started())
                .andThenAPublished(new PositionOpened(
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
                                new BigDecimal("5.00"),
                                null,
                                null,
                                ExitReason.TREND_FADED,
                                CANDLE,
                                NOW));
        verify(maintenance, never()).reason(any());
    }
}
