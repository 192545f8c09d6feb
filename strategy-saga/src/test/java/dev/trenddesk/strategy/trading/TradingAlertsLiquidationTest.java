package dev.trenddesk.strategy.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionId;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** A liquidation raises a CRITICAL alert; other closes raise none from this handler. */
class TradingAlertsLiquidationTest {

    private static final TradingSessionId SID = TradingSessionId.of("00000000-0000-0000-0000-0000000000dd");
    private static final UserId UID = UserId.of("00000000-0000-0000-0000-000000000004");
    private static final Instant AT = Instant.parse("2026-11-28T08:00:00Z");

    private static PositionClosed closed(ExitReason reason) {
        return new PositionClosed(
                SID,
                UID,
                "ETH-USDT",
                Direction.LONG,
                BigDecimal.ONE,
                new BigDecimal("2000"),
                new BigDecimal("1809.05"),
                new BigDecimal("-190.95"),
                new BigDecimal("10.05"),
                reason,
                AT,
                new BigDecimal("-0.2"));
    }

    @Test
    void aLiquidatedPositionRaisesACriticalAlertNamingItsLoss() {
        EventGateway events = mock(EventGateway.class);
        new TradingAlerts(events).on(closed(ExitReason.LIQUIDATION));
        ArgumentCaptor<Object> alert = ArgumentCaptor.forClass(Object.class);
        verify(events).publish(alert.capture());
        AlertRaised raised = (AlertRaised) alert.getValue();
        assertThat(raised.severity()).isEqualTo(AlertRaised.Severity.CRITICAL);
        assertThat(raised.kind()).isEqualTo("POSITION_LIQUIDATED");
        assertThat(raised.userId()).isEqualTo(UID);
        assertThat(raised.alertId()).isEqualTo("liquidated:" + SID + ":ETH-USDT:" + AT);
        assertThat(raised.message()).contains("LONG", "ETH-USDT", "1809.05", "-201.20");
    }

    @Test
    void otherClosesRaiseNoAlertHere() {
        EventGateway events = mock(EventGateway.class);
        new TradingAlerts(events).on(closed(ExitReason.STOP_LOSS));
        verifyNoInteractions(events);
    }
}
