package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.trading.PauseReason;
import dev.trenddesk.api.trading.StopReason;
import dev.trenddesk.api.trading.TradingSessionEvent.ExternalPositionDetected;
import dev.trenddesk.api.trading.TradingSessionEvent.ExternalPositionGone;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderRejected;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionDesyncDetected;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionReconciled;
import dev.trenddesk.api.trading.TradingSessionEvent.RiskLimitBreached;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionPaused;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStopped;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.stereotype.Component;

/**
 * Alerts for what a trader must know about their bot: a risk limit reached, a position out of sync,
 * reconciled with the exchange or held outside the bot, an order BingX rejected, a bot paused or
 * stopped by the platform. Alert ids are deterministic per cause; never on replay.
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
        String kind =
                switch (event.kind()) {
                    case DAILY_LOSS -> "DAILY_LOSS_LIMIT";
                    case MAX_DRAWDOWN -> "MAX_DRAWDOWN";
                };
        String message =
                switch (event.kind()) {
                    case DAILY_LOSS ->
                        "Today's loss reached "
                                + event.value().stripTrailingZeros().toPlainString() + " % (limit "
                                + event.limit().stripTrailingZeros().toPlainString()
                                + " %): no new positions until the next UTC day.";
                    case MAX_DRAWDOWN ->
                        "Equity fell " + event.value().stripTrailingZeros().toPlainString()
                                + " % below its peak (limit "
                                + event.limit().stripTrailingZeros().toPlainString()
                                + " %): every position is being closed and the bot stops.";
                };
        events.publish(new AlertRaised(
                "risk:" + event.sessionId() + ":" + event.kind() + ":" + event.at(),
                event.userId(),
                AlertRaised.Severity.CRITICAL,
                kind,
                message,
                event.at()));
    }

    @EventHandler
    @DisallowReplay
    void on(PositionDesyncDetected event) {
        events.publish(new AlertRaised(
                "desync:" + event.sessionId() + ":" + event.symbol() + ":" + event.positionSide() + ":" + event.at(),
                event.userId(),
                AlertRaised.Severity.WARNING,
                "POSITION_DESYNC",
                event.detail(),
                event.at()));
    }

    @EventHandler
    @DisallowReplay
    void on(TradingSessionStopped event) {
        if (event.reason() == StopReason.REQUESTED) {
            return;
        }
        events.publish(new AlertRaised(
                "stopped:" + event.sessionId(),
                event.userId(),
                AlertRaised.Severity.CRITICAL,
                "BOT_STOPPED",
                "Your bot was stopped: " + event.detail(),
                event.at()));
    }

    /**
     * A rejected order (WARNING ORDER_REJECTED). "Nothing to close" is reported by the reconciliation it
     * starts, and key trouble by the credentials health check, so neither is alerted here.
     */
    @EventHandler
    @DisallowReplay
    void on(OrderRejected event) {
        Rejections.Kind kind = Rejections.classify(event.code(), event.message());
        if (kind == Rejections.Kind.NOTHING_TO_CLOSE || kind == Rejections.Kind.CREDENTIALS) {
            return;
        }
        events.publish(new AlertRaised(
                "rejected:" + event.sessionId() + ":" + event.clientOrderId(),
                event.userId(),
                AlertRaised.Severity.WARNING,
                "ORDER_REJECTED",
                "BingX rejected an order on " + event.symbol()
                        + " (code " + event.code() + "): " + event.message() + ". The bot waits before trying again and"
                        + " pauses itself after " + Rejections.MAX_IN_A_ROW + " rejections in a row.",
                event.at()));
    }

    /** The bot paused itself because BingX kept rejecting the same order (CRITICAL BOT_PAUSED). */
    @EventHandler
    @DisallowReplay
    void on(TradingSessionPaused event) {
        if (event.reason() == PauseReason.CREDENTIALS) {
            events.publish(new AlertRaised(
                    "paused:" + event.sessionId() + ":" + event.at(),
                    event.userId(),
                    AlertRaised.Severity.CRITICAL,
                    "BOT_PAUSED_CREDENTIALS",
                    "Your bot paused itself: "
                            + (event.detail() == null ? "your BingX key stopped working" : event.detail())
                            + ". It opens nothing until a BingX key verifies again; connect a working key (or test "
                            + "the connection once the key is fixed on BingX) and it resumes by itself.",
                    event.at()));
            return;
        }
        if (event.reason() != PauseReason.REJECTED_REPEATEDLY) {
            return;
        }
        events.publish(new AlertRaised(
                "paused:" + event.sessionId() + ":" + event.at(),
                event.userId(),
                AlertRaised.Severity.CRITICAL,
                "BOT_PAUSED",
                "Your bot paused itself: "
                        + (event.detail() == null ? "BingX rejected the same order repeatedly" : event.detail())
                        + ". Open positions are still managed; resume the bot when the cause is fixed.",
                event.at()));
    }

    @EventHandler
    @DisallowReplay
    void on(PositionReconciled event) {
        events.publish(new AlertRaised(
                "reconciled:" + event.sessionId() + ":" + event.symbol() + ":" + event.at(),
                event.userId(),
                AlertRaised.Severity.WARNING,
                "POSITION_RECONCILED",
                event.detail(),
                event.at()));
    }

    /** BingX liquidated a position of the bot: the margin is lost. */
    @EventHandler
    @DisallowReplay
    void on(PositionClosed event) {
        if (event.reason() != dev.trenddesk.api.trading.ExitReason.LIQUIDATION) {
            return;
        }
        events.publish(new AlertRaised(
                "liquidated:" + event.sessionId() + ":" + event.symbol() + ":" + event.at(),
                event.userId(),
                AlertRaised.Severity.CRITICAL,
                "POSITION_LIQUIDATED",
                "BingX liquidated the bot's "
                        + event.side() + " position of "
                        + event.quantity().stripTrailingZeros().toPlainString() + " "
                        + event.symbol() + " at "
                        + event.exitPrice().stripTrailingZeros().toPlainString()
                        + " (entry " + event.entryPrice().stripTrailingZeros().toPlainString()
                        + "): its margin is lost, net "
                        + event.netPnl()
                                .setScale(2, java.math.RoundingMode.HALF_EVEN)
                                .toPlainString() + " USDT.",
                event.at()));
    }

    @EventHandler
    @DisallowReplay
    void on(ExternalPositionDetected event) {
        events.publish(new AlertRaised(
                "external:" + event.sessionId() + ":" + event.symbol() + ":" + event.positionSide() + ":" + event.at(),
                event.userId(),
                AlertRaised.Severity.WARNING,
                "EXTERNAL_POSITION",
                "BingX holds a " + event.side() + " position of "
                        + event.quantity().stripTrailingZeros().toPlainString() + " " + event.symbol()
                        + " that the bot did not open. It is shown as external, is not managed by the bot, and the bot"
                        + " makes no entry on " + event.symbol() + " while it is there.",
                event.at()));
    }

    @EventHandler
    @DisallowReplay
    void on(ExternalPositionGone event) {
        events.publish(new AlertRaised(
                "external-gone:" + event.sessionId() + ":" + event.symbol() + ":" + event.positionSide() + ":"
                        + event.at(),
                event.userId(),
                AlertRaised.Severity.INFO,
                "EXTERNAL_POSITION_GONE",
                "The external " + event.positionSide() + " position on " + event.symbol()
                        + " is no longer at BingX: the bot trades " + event.symbol() + " again.",
                event.at()));
    }
}
