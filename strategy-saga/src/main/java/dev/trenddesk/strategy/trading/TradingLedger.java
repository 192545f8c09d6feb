package dev.trenddesk.strategy.trading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.BotStatusView;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.PauseReason;
import dev.trenddesk.api.trading.SessionStatus;
import dev.trenddesk.api.trading.StopReason;
import dev.trenddesk.api.trading.TradingQueries.FindBotStatus;
import dev.trenddesk.api.trading.TradingSessionEvent.ExternalPositionDetected;
import dev.trenddesk.api.trading.TradingSessionEvent.ExternalPositionGone;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderFilled;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlaced;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderRejected;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionReduced;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionPaused;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionResumed;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionSettingsChanged;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStopped;
import dev.trenddesk.api.trading.TradingSessionId;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The trading side's own ledger of sessions, their pending orders and their positions, kept from the
 * TradingSession events with JDBC inside Axon's unit of work (idempotent upserts) and rebuildable
 * ({@link ResetHandler}). The fill tracker reads it to know which sessions to watch after a restart,
 * which orders are still pending and which positions a session believes it holds; it also answers
 * {@link FindBotStatus}.
 */
@Component
@ProcessingGroup(TradingLedger.GROUP)
public class TradingLedger {

    public static final String GROUP = "trading-ledger";

    private static final ObjectMapper JSON =
            new ObjectMapper().findAndRegisterModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final JdbcTemplate jdbc;

    public TradingLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An active session. */
    public record ActiveSession(
            TradingSessionId sessionId, UserId userId, TradingSettings settings, Instant startedAt) {}

    /**
     * An order not filled or rejected yet.
     *
     * @param recordedAt when the platform stored the request, on the wall clock (not the market time it shows)
     */
    public record PendingOrder(
            TradingSessionId sessionId, String clientOrderId, String symbol, OrderIntent intent, Instant recordedAt) {}

    /** A position the session believes it holds. */
    public record LedgerPosition(
            String symbol,
            Direction side,
            ExchangePositionSide positionSide,
            BigDecimal quantity,
            BigDecimal entryPrice,
            BigDecimal stopLoss,
            BigDecimal takeProfit,
            Instant openedAt) {}

    @EventHandler
    void on(TradingSessionStarted event) {
        jdbc.update(
                """
                insert into trading_ledger_session (session_id, user_id, status, settings, initial_balance, started_at, updated_at,
                    exchange)
                values (?, ?, 'RUNNING', ?, ?, ?, ?, ?) on conflict (session_id) do nothing""",
                event.sessionId().value(),
                event.userId().value(),
                json(event.settings()),
                event.initialBalance(),
                Timestamp.from(event.at()),
                Timestamp.from(event.at()),
                event.exchange().name());
    }

    @EventHandler
    void on(TradingSessionPaused event) {
        jdbc.update(
                "update trading_ledger_session set status = 'PAUSED', pause_reason = ?, pause_detail = ?, updated_at = ? "
                        + "where session_id = ? and status <> 'STOPPED'",
                event.reason().name(),
                truncate(event.detail()),
                Timestamp.from(event.at()),
                event.sessionId().value());
    }

    @EventHandler
    void on(TradingSessionResumed event) {
        jdbc.update(
                "update trading_ledger_session set status = 'RUNNING', pause_reason = null, pause_detail = null, "
                        + "updated_at = ? where session_id = ? and status <> 'STOPPED'",
                Timestamp.from(event.at()),
                event.sessionId().value());
    }

    /** The settings the session trades on from now on (what {@link FindBotStatus} shows, which symbols are watched). */
    @EventHandler
    void on(TradingSessionSettingsChanged event) {
        jdbc.update(
                "update trading_ledger_session set settings = ?, updated_at = ? where session_id = ?",
                json(event.settings()),
                Timestamp.from(event.at()),
                event.sessionId().value());
    }

    @EventHandler
    void on(TradingSessionStopped event) {
        jdbc.update(
                "update trading_ledger_session set status = 'STOPPED', stop_reason = ?, stop_detail = ?, "
                        + "pause_reason = null, pause_detail = null, updated_at = ? "
                        + "where session_id = ?",
                event.reason().name(),
                truncate(event.detail()),
                Timestamp.from(event.at()),
                event.sessionId().value());
    }

    /** requested_at: the request's market time; recorded_at: when it was stored, on the wall clock. */
    @EventHandler
    void on(OrderPlacementRequested event, @org.axonframework.eventhandling.Timestamp Instant recorded) {
        jdbc.update(
                """
                insert into trading_ledger_order (client_order_id, session_id, symbol, intent, status, requested_at,
                                                  recorded_at)
                values (?, ?, ?, ?, 'REQUESTED', ?, ?) on conflict (client_order_id) do nothing""",
                event.clientOrderId(),
                event.sessionId().value(),
                event.symbol(),
                event.intent().name(),
                Timestamp.from(event.at()),
                Timestamp.from(recorded));
    }

    @EventHandler
    void on(OrderPlaced event) {
        jdbc.update(
                "update trading_ledger_order set status = 'PLACED' where client_order_id = ? and status = 'REQUESTED'",
                event.clientOrderId());
    }

    @EventHandler
    void on(OrderRejected event) {
        jdbc.update(
                "update trading_ledger_order set status = 'REJECTED' where client_order_id = ?", event.clientOrderId());
    }

    @EventHandler
    void on(OrderFilled event) {
        jdbc.update(
                "update trading_ledger_order set status = 'FILLED' where client_order_id = ?", event.clientOrderId());
    }

    /**
     * opened_at is when the entry was requested, not when its fill was recorded: after a crash the fill
     * is recorded at the restart, and BingX may have opened and even closed the position long before
     * (the fill tracker looks for BingX's booked PnL from this moment on).
     */
    @EventHandler
    void on(PositionOpened event) {
        jdbc.update(
                """
                insert into trading_ledger_position (session_id, symbol, side, position_side, quantity, entry_price,
                    stop_loss, take_profit, opened_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, coalesce((select requested_at from trading_ledger_order
                    where client_order_id = ?), ?))
                on conflict (session_id, symbol) do update set side = excluded.side,
                    position_side = excluded.position_side, quantity = excluded.quantity, entry_price = excluded.entry_price,
                    stop_loss = excluded.stop_loss, take_profit = excluded.take_profit, opened_at = excluded.opened_at""",
                event.sessionId().value(),
                event.symbol(),
                event.side().name(),
                event.positionSide().name(),
                event.quantity(),
                event.entryPrice(),
                event.stopLoss(),
                event.takeProfit(),
                event.clientOrderId(),
                Timestamp.from(event.at()));
    }

    @EventHandler
    void on(PositionClosed event) {
        jdbc.update(
                "delete from trading_ledger_position where session_id = ? and symbol = ?",
                event.sessionId().value(),
                event.symbol());
    }

    /** Part of the position was closed at the exchange: the rest is still held, with the remaining quantity. */
    @EventHandler
    void on(PositionReduced event) {
        jdbc.update(
                "update trading_ledger_position set quantity = ? where session_id = ? and symbol = ?",
                event.remainingQuantity(),
                event.sessionId().value(),
                event.symbol());
    }

    @EventHandler
    void on(ExternalPositionDetected event) {
        jdbc.update(
                """
                insert into trading_ledger_external_position (session_id, symbol, position_side, quantity, detected_at)
                values (?, ?, ?, ?, ?) on conflict (session_id, symbol, position_side) do update
                    set quantity = excluded.quantity, detected_at = excluded.detected_at""",
                event.sessionId().value(),
                event.symbol(),
                event.positionSide().name(),
                event.quantity(),
                Timestamp.from(event.at()));
    }

    @EventHandler
    void on(ExternalPositionGone event) {
        jdbc.update(
                "delete from trading_ledger_external_position where session_id = ? and symbol = ? and position_side = ?",
                event.sessionId().value(),
                event.symbol(),
                event.positionSide().name());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from trading_ledger_external_position");
        jdbc.update("delete from trading_ledger_position");
        jdbc.update("delete from trading_ledger_order");
        jdbc.update("delete from trading_ledger_session");
    }

    @QueryHandler
    public BotStatusView handle(FindBotStatus query) {
        List<BotStatusView> rows = jdbc.query(
                """
                select s.*, (select count(*) from trading_ledger_position p where p.session_id = s.session_id) as positions
                from trading_ledger_session s where s.user_id = ? order by s.started_at desc limit 1""",
                (rs, i) -> new BotStatusView(
                        new TradingSessionId(rs.getObject("session_id", UUID.class)),
                        new UserId(rs.getObject("user_id", UUID.class)),
                        SessionStatus.valueOf(rs.getString("status")),
                        settings(rs.getString("settings")),
                        rs.getBigDecimal("initial_balance"),
                        instant(rs, "started_at"),
                        instant(rs, "updated_at"),
                        rs.getString("stop_reason") == null ? null : StopReason.valueOf(rs.getString("stop_reason")),
                        rs.getString("stop_detail"),
                        rs.getInt("positions"),
                        rs.getString("pause_reason") == null ? null : PauseReason.valueOf(rs.getString("pause_reason")),
                        rs.getString("pause_detail"),
                        ExchangeName.valueOf(rs.getString("exchange"))),
                query.userId().value());
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Every running or paused session. */
    public List<ActiveSession> activeSessions() {
        return jdbc.query(
                "select session_id, user_id, settings, started_at from trading_ledger_session "
                        + "where status <> 'STOPPED' order by started_at",
                (rs, i) -> new ActiveSession(
                        new TradingSessionId(rs.getObject("session_id", UUID.class)),
                        new UserId(rs.getObject("user_id", UUID.class)),
                        settings(rs.getString("settings")),
                        instant(rs, "started_at")));
    }

    /** The user's running or paused sessions (one, unless a stop is still being recorded). */
    public List<TradingSessionId> activeSessionsOf(UserId userId) {
        return jdbc
                .queryForList(
                        "select session_id from trading_ledger_session where user_id = ? and status <> 'STOPPED'",
                        UUID.class,
                        userId.value())
                .stream()
                .map(TradingSessionId::new)
                .toList();
    }

    /** The session's status, empty when unknown. */
    public Optional<SessionStatus> status(TradingSessionId sessionId) {
        return jdbc
                .queryForList(
                        "select status from trading_ledger_session where session_id = ?",
                        String.class,
                        sessionId.value())
                .stream()
                .findFirst()
                .map(SessionStatus::valueOf);
    }

    /** The session's orders that are neither filled nor rejected. */
    public List<PendingOrder> pendingOrders(TradingSessionId sessionId) {
        return jdbc.query(
                "select * from trading_ledger_order where session_id = ? and status in ('REQUESTED', 'PLACED') "
                        + "order by requested_at",
                (rs, i) -> new PendingOrder(
                        sessionId,
                        rs.getString("client_order_id"),
                        rs.getString("symbol"),
                        OrderIntent.valueOf(rs.getString("intent")),
                        recordedAt(rs)),
                sessionId.value());
    }

    /** The session that asked for this clientOrderId, if any. */
    public Optional<PendingOrder> order(String clientOrderId) {
        return jdbc
                .query(
                        "select * from trading_ledger_order where client_order_id = ?",
                        (rs, i) -> new PendingOrder(
                                new TradingSessionId(rs.getObject("session_id", UUID.class)),
                                rs.getString("client_order_id"),
                                rs.getString("symbol"),
                                OrderIntent.valueOf(rs.getString("intent")),
                                recordedAt(rs)),
                        clientOrderId)
                .stream()
                .findFirst();
    }

    /** When the request was stored, on the wall clock; requests stored before that was kept: their request time. */
    private static Instant recordedAt(ResultSet rs) throws SQLException {
        Instant recorded = instant(rs, "recorded_at");
        return recorded != null ? recorded : instant(rs, "requested_at");
    }

    /** The positions the session believes it holds. */
    public List<LedgerPosition> positions(TradingSessionId sessionId) {
        return jdbc.query(
                "select * from trading_ledger_position where session_id = ? order by symbol",
                (rs, i) -> new LedgerPosition(
                        rs.getString("symbol"),
                        Direction.valueOf(rs.getString("side")),
                        ExchangePositionSide.valueOf(rs.getString("position_side")),
                        rs.getBigDecimal("quantity"),
                        rs.getBigDecimal("entry_price"),
                        rs.getBigDecimal("stop_loss"),
                        rs.getBigDecimal("take_profit"),
                        instant(rs, "opened_at")),
                sessionId.value());
    }

    /** Positions at BingX the session did not open, as "symbol/positionSide". */
    public List<String> externalPositions(TradingSessionId sessionId) {
        return jdbc.query(
                "select symbol, position_side from trading_ledger_external_position where session_id = ?",
                (rs, i) -> rs.getString("symbol") + "/" + rs.getString("position_side"),
                sessionId.value());
    }

    private void status(TradingSessionId sessionId, SessionStatus status, Instant at) {
        jdbc.update(
                "update trading_ledger_session set status = ?, updated_at = ? where session_id = ? and status <> 'STOPPED'",
                status.name(),
                Timestamp.from(at),
                sessionId.value());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    private static String json(TradingSettings settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trading settings are plain values", e);
        }
    }

    private static TradingSettings settings(String json) {
        try {
            return JSON.readValue(json, TradingSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable trading settings in the ledger", e);
        }
    }
}
