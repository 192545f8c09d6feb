package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionDesyncDetected;
import dev.trenddesk.api.trading.TradingSessionEvent.RiskLimitBreached;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStopped;
import dev.trenddesk.api.trading.StopReason;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.stereotype.Component;

/**
 * Alerts for what a trader must know about their bot: a risk limit reached, a position out of sync,
 * a bot stopped by the platform. Alert ids are deterministic per cause; never on replay.
 */
@Component
@ProcessingGroup("trading-alerts")
public class TradingAlerts {

    private final EventGateway events;

    public TradingAlerts(EventGateway events) {
        this.events = events;
    }

    @EventHandler
    @DisallowReplay
    void on(RiskLimitBreached event) {
        String kind = switch (event.kind()) {
            case DAILY_LOSS -> "DAILY_LOSS_LIMIT";
            case MAX_DRAWDOWN -> "MAX_DRAWDOWN";
        };
        String message = switch (event.kind()) {
            case DAILY_LOSS -> "Today's loss reached " + event.value().stripTrailingZeros().toPlainString() + " % (limit "
                    + event.limit().stripTrailingZeros().toPlainString() + " %): no new positions until the next UTC day.";
            case MAX_DRAWDOWN -> "Equity fell " + event.value().stripTrailingZeros().toPlainString()
                    + " % below its peak (limit " + event.limit().stripTrailingZeros().toPlainString()
                    + " %): every position is being closed and the bot stops.";
        };
        events.publish(new AlertRaised("risk:" + event.sessionId() + ":" + event.kind() + ":" + event.at(),
                event.userId(), AlertRaised.Severity.CRITICAL, kind, message, event.at()));
    }

    @EventHandler
    @DisallowReplay
    void on(PositionDesyncDetected event) {
        events.publish(new AlertRaised("desync:" + event.sessionId() + ":" + event.symbol() + ":" + event.positionSide()
                + ":" + event.at(), event.userId(), AlertRaised.Severity.WARNING, "POSITION_DESYNC",
                event.detail(), event.at()));
    }

    @EventHandler
    @DisallowReplay
    void on(TradingSessionStopped event) {
        if (event.reason() == StopReason.REQUESTED) {
            return;
        }
        events.publish(new AlertRaised("stopped:" + event.sessionId(), event.userId(), AlertRaised.Severity.CRITICAL,
                "BOT_STOPPED", "Your bot was stopped: " + event.detail(), event.at()));
    }
}
