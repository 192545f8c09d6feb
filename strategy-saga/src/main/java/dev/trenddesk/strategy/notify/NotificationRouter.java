package dev.trenddesk.strategy.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.credentials.CredentialsEvent.AccountBalanceObserved;
import dev.trenddesk.api.notify.NotificationKind;
import dev.trenddesk.api.platform.PlatformSettingsEvent.BrandingChanged;
import dev.trenddesk.api.platform.PlatformSettingsEvent.MailServerChanged;
import dev.trenddesk.api.trading.TradingSessionEvent.EquityObserved;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.user.UserEvent.UserErased;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.springframework.stereotype.Component;

/**
 * Turns events and alerts into deliveries (processor {@value #GROUP}, saga role): for each channel of the
 * user that is on and chose the event's kind, one outbox row, written in the processor's transaction with
 * its token. Nothing is sent here, so trading never waits on a receiver; the dispatcher sends. Replays
 * queue nothing (a new processor replays the store first: nobody is told about the past).
 */
@Component
@ProcessingGroup(NotificationRouter.GROUP)
class NotificationRouter {

    static final String GROUP = "notifications";

    private final NotificationStore store;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    NotificationRouter(NotificationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @EventHandler
    void on(PositionOpened event, EventMessage<?> message, ReplayStatus replay) {
        if (replay.isReplay()) {
            return;
        }
        ObjectNode details = json.createObjectNode();
        details.put("symbol", event.symbol());
        details.put("side", event.side().name());
        details.put("quantity", plain(event.quantity()));
        details.put("entryPrice", plain(event.entryPrice()));
        details.put("stopLoss", plain(event.stopLoss()));
        details.put("takeProfit", plain(event.takeProfit()));
        details.put("sessionId", event.sessionId().toString());
        details.put("at", event.at().toString());
        String title = "Position opened: " + event.side() + " " + event.symbol();
        String body = "Opened " + event.side() + " " + plain(event.quantity()) + " " + event.symbol() + " at "
                + plain(event.entryPrice())
                + (event.stopLoss() == null ? "" : ", stop " + plain(event.stopLoss()))
                + (event.takeProfit() == null ? "" : ", target " + plain(event.takeProfit())) + ".";
        route(event.userId().value(), NotificationKind.ENTRY, "event:" + message.getIdentifier(), title, body, details);
    }

    @EventHandler
    void on(PositionClosed event, EventMessage<?> message, ReplayStatus replay) {
        BigDecimal net = event.realisedPnl().subtract(event.fees()).add(event.funding());
        // the daily summary's count, also on a replay (one row per event: counted once)
        store.recordTrade(
                message.getIdentifier(), event.userId().value(), LocalDate.ofInstant(event.at(), ZoneOffset.UTC), net);
        if (replay.isReplay()) {
            return;
        }
        ObjectNode details = json.createObjectNode();
        details.put("symbol", event.symbol());
        details.put("side", event.side().name());
        details.put("quantity", plain(event.quantity()));
        details.put("entryPrice", plain(event.entryPrice()));
        details.put("exitPrice", plain(event.exitPrice()));
        details.put("realisedPnl", plain(event.realisedPnl()));
        details.put("fees", plain(event.fees()));
        details.put("funding", plain(event.funding()));
        details.put("netPnl", plain(net));
        details.put("reason", event.reason() == null ? null : event.reason().name());
        details.put("sessionId", event.sessionId().toString());
        details.put("at", event.at().toString());
        String signed = (net.signum() > 0 ? "+" : "") + plain(net);
        String title = "Position closed: " + event.side() + " " + event.symbol() + ", net P&L " + signed + " USDT";
        String body = "Closed " + event.side() + " " + plain(event.quantity()) + " " + event.symbol() + ": entry "
                + plain(event.entryPrice()) + ", exit " + plain(event.exitPrice()) + ", realised "
                + plain(event.realisedPnl()) + ", fees " + plain(event.fees()) + ", funding " + plain(event.funding())
                + ", net " + signed + " USDT" + (event.reason() == null ? "" : " (" + event.reason() + ")") + ".";
        route(event.userId().value(), NotificationKind.EXIT, "event:" + message.getIdentifier(), title, body, details);
    }

    @EventHandler
    void on(AlertRaised alert, ReplayStatus replay) {
        if (replay.isReplay() || alert.userId() == null) {
            return;
        }
        NotificationKind.ofAlert(alert.kind()).ifPresent(kind -> {
            ObjectNode details = json.createObjectNode();
            details.put("alertId", alert.alertId());
            details.put("alertKind", alert.kind());
            details.put("severity", alert.severity().name());
            details.put("at", alert.at().toString());
            String title =
                    switch (kind) {
                        case ORDER_REJECTED -> "Order rejected";
                        case RISK_STOP -> "Bot paused or stopped (" + alert.kind() + ")";
                        case KEY_PROBLEM -> "BingX key: " + alert.kind();
                        case SECURITY -> "Account security: " + alert.kind();
                        default -> alert.kind();
                    };
            route(alert.userId().value(), kind, "alert:" + alert.alertId(), title, alert.message(), details);
        });
    }

    /** The daily summary's equity at the end of a day: a running bot's readings. */
    @EventHandler
    void on(EquityObserved event) {
        if (event.equity() != null) {
            store.recordEquity(event.userId().value(), event.at(), event.equity());
        }
    }

    /** The daily summary's equity at the end of a day: readings of an account whose bot is not running. */
    @EventHandler
    void on(AccountBalanceObserved event) {
        if (event.equity() != null) {
            store.recordEquity(event.userId().value(), event.at(), event.equity());
        }
    }

    /** The SMTP server an admin set: state, kept on a replay too. */
    @EventHandler
    void on(MailServerChanged event) {
        store.mailServer(event.after(), event.passwordSet(), event.passwordCiphertext(), event.at());
    }

    /** The brand an admin set (e-mails carry it): state, kept on a replay too. */
    @EventHandler
    void on(BrandingChanged event) {
        store.branding(event.after());
    }

    @EventHandler
    void on(UserErased event) {
        store.removeUser(event.userId().value());
    }

    private void route(
            UUID user, NotificationKind kind, String sourceId, String title, String body, ObjectNode details) {
        for (NotificationStore.Channel channel : store.channels(user)) {
            if (channel.enabled() && channel.events().contains(kind)) {
                store.enqueue(
                        deliveryId(channel.channel(), sourceId),
                        user,
                        channel.channel(),
                        kind,
                        sourceId,
                        title,
                        body,
                        write(details),
                        clock.instant());
            }
        }
    }

    static String deliveryId(dev.trenddesk.api.notify.NotificationChannel channel, String sourceId) {
        String id = channel.name().toLowerCase(java.util.Locale.ROOT) + ":" + sourceId;
        return id.length() > 200 ? id.substring(0, 200) : id;
    }

    private String write(ObjectNode details) {
        try {
            return json.writeValueAsString(details);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }
}
