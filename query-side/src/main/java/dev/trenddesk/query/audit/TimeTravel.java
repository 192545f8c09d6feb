package dev.trenddesk.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.audit.AggregateHistory;
import dev.trenddesk.api.audit.AggregateHistory.HistoricEvent;
import dev.trenddesk.api.trading.TradingSessionEvent;
import dev.trenddesk.api.user.UserEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the state of any aggregate as of a moment from its events in the event store (never
 * from a snapshot: the events up to T are the whole story). A UserAccount is folded field by field
 * into its readable state (role, activation, trading permission, settings, grants, lockout), a
 * TradingSession into its status, open positions, orders, trade statistics and equity; any
 * other aggregate type by laying each event's fields over the state so far, so that the latest
 * value of every field stands, next to the list of the events themselves.
 */
@Component
public class TimeTravel {

    private final EventStore eventStore;

    public TimeTravel(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<AggregateHistory> asOf(String aggregateId, Instant at) {
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0);
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        List<HistoricEvent> events = new ArrayList<>();
        String type = null;
        long version = -1;
        boolean any = false;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            any = true;
            type = event.getType();
            if (event.getTimestamp().isAfter(at)) {
                break;
            }
            String json = AuditChain.canonicalJson(event.getPayload());
            apply(state, event.getPayload(), json);
            state.put("lastEventAt", event.getTimestamp().toString());
            version = event.getSequenceNumber();
            events.add(new HistoricEvent(event.getSequenceNumber(), event.getIdentifier(), event.getTimestamp(),
                    event.getPayloadType().getSimpleName(), meta(event, "actorId"), meta(event, "actorRole"), json));
        }
        if (!any) {
            return Optional.empty();
        }
        return Optional.of(new AggregateHistory(aggregateId, type, at, version, state.toString(), events));
    }

    private static void apply(ObjectNode state, Object payload, String json) {
        if (payload instanceof UserEvent userEvent) {
            applyUser(state, userEvent);
            return;
        }
        if (payload instanceof TradingSessionEvent sessionEvent) {
            applySession(state, sessionEvent);
            return;
        }
        layOver(state, read(json));
        state.put("lastEvent", payload.getClass().getSimpleName());
    }

    /** Every field of the event but its time replaces the state's field of that name. */
    private static void layOver(ObjectNode state, JsonNode fields) {
        Iterator<Map.Entry<String, JsonNode>> it = fields.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("at")) {
                state.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void applyUser(ObjectNode s, UserEvent event) {
        switch (event) {
            case UserEvent.UserRegistered e -> {
                s.put("userId", e.userId().toString());
                s.put("username", e.username());
                s.put("email", e.email());
                s.put("role", e.role().name());
                s.put("active", true);
                s.put("tradingEnabled", false);
                s.set("settings", read(AuditChain.canonicalJson(e.settings())));
                s.putArray("viewerOf");
                s.put("registeredAt", e.at().toString());
            }
            case UserEvent.RoleChanged e -> s.put("role", e.to().name());
            case UserEvent.UserDeactivated e -> s.put("active", false);
            case UserEvent.UserReactivated e -> s.put("active", true);
            case UserEvent.PasswordChanged e -> s.put("passwordChangedAt", e.at().toString());
            case UserEvent.TradingPermissionGranted e -> s.put("tradingEnabled", true);
            case UserEvent.TradingPermissionRevoked e -> s.put("tradingEnabled", false);
            case UserEvent.TradingSettingsUpdated e -> s.set("settings", read(AuditChain.canonicalJson(e.settings())));
            case UserEvent.ViewerAccessGranted e -> {
                ArrayNode grants = s.withArray("viewerOf");
                grants.add(e.traderId().toString());
            }
            case UserEvent.ViewerAccessRevoked e -> {
                ArrayNode grants = s.withArray("viewerOf");
                for (int i = grants.size() - 1; i >= 0; i--) {
                    if (grants.get(i).asText().equals(e.traderId().toString())) {
                        grants.remove(i);
                    }
                }
            }
            case UserEvent.UserLoggedIn e -> {
                s.put("lastLoginAt", e.at().toString());
                s.put("lastLoginIp", e.clientIp());
                s.putNull("lockedUntil");
            }
            case UserEvent.LoginFailed e -> s.put("recentLoginFailures", e.recentFailures());
            case UserEvent.AccountLockedOut e -> s.put("lockedUntil", e.lockedUntil().toString());
            case UserEvent.UserUnlocked e -> s.putNull("lockedUntil");
            default -> layOver(s, read(AuditChain.canonicalJson(event)));
        }
        s.put("lastEvent", event.getClass().getSimpleName());
    }

    /** A TradingSession: status, settings, open positions, orders by state, closed trades and net PnL, equity. */
    private static void applySession(ObjectNode s, TradingSessionEvent event) {
        switch (event) {
            case TradingSessionEvent.TradingSessionStarted e -> {
                s.put("sessionId", e.sessionId().toString());
                s.put("userId", e.userId().toString());
                s.put("status", "RUNNING");
                s.set("settings", read(AuditChain.canonicalJson(e.settings())));
                s.put("initialBalance", e.initialBalance());
                s.put("startedAt", e.at().toString());
                s.putObject("openPositions");
                s.putObject("orders");
                s.put("signals", 0);
                s.put("skippedCandles", 0);
                s.put("trades", 0);
                s.put("wins", 0);
                s.put("losses", 0);
                s.put("netPnl", BigDecimal.ZERO);
            }
            case TradingSessionEvent.TradingSessionSettingsChanged e ->
                    s.set("settings", read(AuditChain.canonicalJson(e.settings())));
            case TradingSessionEvent.TradingSessionPaused e -> s.put("status", "PAUSED");
            case TradingSessionEvent.TradingSessionResumed e -> s.put("status", "RUNNING");
            case TradingSessionEvent.TradingSessionStopped e -> {
                s.put("status", "STOPPED");
                s.put("stopReason", e.reason().name());
                s.put("stopDetail", e.detail());
                s.put("stoppedBy", e.stoppedBy());
                s.put("stoppedAt", e.at().toString());
            }
            case TradingSessionEvent.ExchangeAccountPrepared e -> {
                s.put("positionMode", e.effectiveMode().name());
                s.put("leverage", e.leverage());
            }
            case TradingSessionEvent.SignalGenerated e -> s.put("signals", s.path("signals").asInt() + 1);
            case TradingSessionEvent.SignalSkipped e -> s.put("skippedCandles", s.path("skippedCandles").asInt() + 1);
            case TradingSessionEvent.RiskLimitBreached e -> s.put("lastRiskBreach", e.kind().name());
            case TradingSessionEvent.OrderPlacementRequested e -> s.withObject("orders").put(e.clientOrderId(), "REQUESTED");
            case TradingSessionEvent.OrderPlaced e -> s.withObject("orders").put(e.clientOrderId(), "PLACED");
            case TradingSessionEvent.OrderRejected e -> s.withObject("orders").put(e.clientOrderId(), "REJECTED");
            case TradingSessionEvent.OrderFilled e -> s.withObject("orders").put(e.clientOrderId(), "FILLED");
            case TradingSessionEvent.PositionOpened e -> {
                ObjectNode position = s.withObject("openPositions").putObject(e.symbol() + ":" + e.side().name());
                position.put("quantity", e.quantity());
                position.put("entryPrice", e.entryPrice());
                position.put("stopLoss", e.stopLoss());
                position.put("takeProfit", e.takeProfit());
                position.put("openedAt", e.at().toString());
            }
            case TradingSessionEvent.PositionClosed e -> {
                s.withObject("openPositions").remove(e.symbol() + ":" + e.side().name());
                BigDecimal net = e.netPnl();
                s.put("trades", s.path("trades").asInt() + 1);
                s.put(net.signum() > 0 ? "wins" : "losses", s.path(net.signum() > 0 ? "wins" : "losses").asInt() + 1);
                s.put("netPnl", s.path("netPnl").decimalValue().add(net));
            }
            case TradingSessionEvent.PositionReduced e -> {
                s.withObject("openPositions").withObject(e.symbol() + ":" + e.side().name())
                        .put("quantity", e.remainingQuantity());
                BigDecimal net = e.realisedPnl().subtract(e.fee());
                s.put("trades", s.path("trades").asInt() + 1);
                s.put(net.signum() > 0 ? "wins" : "losses", s.path(net.signum() > 0 ? "wins" : "losses").asInt() + 1);
                s.put("netPnl", s.path("netPnl").decimalValue().add(net));
            }
            case TradingSessionEvent.FundingFeeCharged e -> {
                ObjectNode position = s.withObject("openPositions").withObject(e.symbol() + ":" + e.side().name());
                position.put("funding", position.path("funding").decimalValue().add(e.amount()));
                s.put("funding", s.path("funding").decimalValue().add(e.amount()));
            }
            case TradingSessionEvent.PositionDesyncDetected e -> s.put("lastDesync", e.detail());
            case TradingSessionEvent.PositionReconciled e -> s.put("lastReconciliation", e.detail());
            case TradingSessionEvent.ExternalPositionDetected e -> {
                ObjectNode external = s.withObject("externalPositions")
                        .putObject(e.symbol() + ":" + e.positionSide().name());
                external.put("side", e.side().name());
                external.put("quantity", e.quantity());
                external.put("entryPrice", e.entryPrice());
                external.put("detectedAt", e.at().toString());
            }
            case TradingSessionEvent.ExternalPositionGone e ->
                    s.withObject("externalPositions").remove(e.symbol() + ":" + e.positionSide().name());
            case TradingSessionEvent.EquityObserved e -> {
                s.put("equity", e.equity());
                s.put("equityPeak", e.equityPeak());
            }
            default -> layOver(s, read(AuditChain.canonicalJson(event)));
        }
        s.put("lastEvent", event.getClass().getSimpleName());
    }

    private static JsonNode read(String json) {
        try {
            return AuditChain.CANONICAL.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored event is not JSON", e);
        }
    }

    private static String meta(DomainEventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
