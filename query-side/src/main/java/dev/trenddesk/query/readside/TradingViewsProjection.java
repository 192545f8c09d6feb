package dev.trenddesk.query.readside;

import static dev.trenddesk.query.readside.ProjectionWrites.position;
import static dev.trenddesk.query.readside.ProjectionWrites.ts;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsEvent.AccountBalanceObserved;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.readside.TradingViews.SignalView;
import dev.trenddesk.api.readside.TradingViews.TradeView;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ImportedHistoryEvent.LegacyTradeImported;
import dev.trenddesk.api.trading.TradingSessionEvent.EquityObserved;
import dev.trenddesk.api.trading.TradingSessionEvent.ExternalPositionDetected;
import dev.trenddesk.api.trading.TradingSessionEvent.ExternalPositionGone;
import dev.trenddesk.api.trading.TradingSessionEvent.FundingFeeCharged;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderFilled;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlaced;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderRejected;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionReduced;
import dev.trenddesk.api.trading.TradingSessionEvent.SignalGenerated;
import dev.trenddesk.api.trading.TradingSessionEvent.SignalSkipped;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionPaused;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionResumed;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionSettingsChanged;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStopped;
import dev.trenddesk.api.trading.TradingSessionId;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the per-user trading read models (account, sessions with statistics, open positions,
 * orders, trades, signals) from the TradingSession events, and pushes each change to the user's
 * live feed. Sequenced per user (one user's events in order, users in parallel); every write is an
 * upsert or guarded by the event id, so a redelivered event changes nothing (a trade counts once in
 * its session's statistics because the statistics only move when the trade row is new).
 */
@Component
@ProcessingGroup(TradingViewsProjection.GROUP)
public class TradingViewsProjection {

    public static final String GROUP = "trading-read-models";

    /** The reason of a trade imported from the single-user bot. */
    static final String IMPORTED = "IMPORTED";

    private final ProjectionWrites writes;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final FeedPublisher feed;
    private final MarketClock market;

    public TradingViewsProjection(ProjectionWrites writes, FeedPublisher feed, MarketClock market) {
        this.writes = writes;
        this.jdbc = writes.jdbc();
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.feed = feed;
        this.market = market;
    }

    @EventHandler
    void on(TradingSessionStarted e, TrackingToken token, ReplayStatus replay) {
        writes.atomically(() -> {
            jdbc.update(
                    """
                    insert into sessions_view (session_id, user_id, status, started_at, updated_at, initial_balance,
                        exchange, strategy, ema_fast, ema_slow, settings)
                    values (?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?, ?) on conflict (session_id) do nothing
                    """,
                    e.sessionId().value(),
                    e.userId().value(),
                    ts(e.at()),
                    ts(e.at()),
                    e.initialBalance(),
                    e.exchange().name(),
                    e.settings().strategy().name(),
                    e.settings().emaFast(),
                    e.settings().emaSlow(),
                    FeedJson.write(e.settings()));
            jdbc.update("""
                    insert into account_view (user_id, equity, baseline_equity, updated_at) values (?, ?, ?, ?)
                    on conflict (user_id) do update set equity = excluded.equity, updated_at = excluded.updated_at
                    """, e.userId().value(), e.initialBalance(), e.initialBalance(), ts(e.at()));
        });
        session(replay, token, e.userId(), e.sessionId());
        account(replay, token, e.userId());
    }

    @EventHandler
    void on(TradingSessionPaused e, TrackingToken token, ReplayStatus replay) {
        status(e.sessionId(), "PAUSED", e.at());
        session(replay, token, e.userId(), e.sessionId());
    }

    @EventHandler
    void on(TradingSessionResumed e, TrackingToken token, ReplayStatus replay) {
        status(e.sessionId(), "RUNNING", e.at());
        session(replay, token, e.userId(), e.sessionId());
    }

    /**
     * The session's strategy and settings follow the new settings, counted as a change of the run; the session's live update tells an open dashboard to read
     * the bot (and its settings) again.
     */
    @EventHandler
    void on(TradingSessionSettingsChanged e, TrackingToken token, ReplayStatus replay) {
        writes.atomically(() -> jdbc.update(
                """
                update sessions_view set updated_at = ?, strategy = ?, ema_fast = ?, ema_slow = ?, settings = ?,
                    settings_changes = settings_changes + 1 where session_id = ?
                """,
                ts(e.at()),
                e.settings().strategy().name(),
                e.settings().emaFast(),
                e.settings().emaSlow(),
                FeedJson.write(e.settings()),
                e.sessionId().value()));
        session(replay, token, e.userId(), e.sessionId());
    }

    @EventHandler
    void on(TradingSessionStopped e, TrackingToken token, ReplayStatus replay) {
        writes.atomically(() -> {
            jdbc.update(
                    """
                    update sessions_view set status = 'STOPPED', stopped_at = ?, updated_at = ?, stop_reason = ?,
                           stop_detail = ? where session_id = ?
                    """,
                    ts(e.at()),
                    ts(e.at()),
                    e.reason().name(),
                    e.detail(),
                    e.sessionId().value());
            // a stopped bot no longer watches the account: its external positions are no longer known
            jdbc.update(
                    "delete from positions_view where session_id = ? and external",
                    e.sessionId().value());
        });
        session(replay, token, e.userId(), e.sessionId());
        positions(replay, token, e.userId());
    }

    @EventHandler
    void on(SignalGenerated e, @MessageIdentifier String eventId, TrackingToken token, ReplayStatus replay) {
        long index = position(token);
        writes.atomically(() -> jdbc.update(
                """
                insert into signals_view (signal_id, user_id, session_id, symbol, side, candle_time, adx, plus_di,
                                          minus_di, atr, confidence, outcome, at, event_index)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SIGNAL', ?, ?) on conflict (signal_id) do nothing
                """,
                eventId,
                e.userId().value(),
                e.sessionId().value(),
                e.symbol(),
                e.side().name(),
                ts(e.candleTime()),
                e.adx(),
                e.plusDi(),
                e.minusDi(),
                e.atr(),
                e.confidence(),
                ts(e.at()),
                index));
        feed.publish(
                replay,
                index,
                e.userId(),
                "signal",
                new SignalView(
                        eventId,
                        e.sessionId(),
                        e.symbol(),
                        e.side(),
                        e.candleTime(),
                        e.adx(),
                        e.plusDi(),
                        e.minusDi(),
                        e.atr(),
                        e.confidence(),
                        "SIGNAL",
                        null,
                        null,
                        e.at()));
    }

    @EventHandler
    void on(SignalSkipped e, @MessageIdentifier String eventId, TrackingToken token, ReplayStatus replay) {
        long index = position(token);
        String reasonCode = e.reasonCode() == null ? null : e.reasonCode().name();
        writes.atomically(() -> jdbc.update(
                """
                insert into signals_view (signal_id, user_id, session_id, symbol, side, candle_time, outcome,
                                          reason_code, reason, at, event_index)
                values (?, ?, ?, ?, ?, ?, 'SKIPPED', ?, ?, ?, ?) on conflict (signal_id) do nothing
                """,
                eventId,
                e.userId().value(),
                e.sessionId().value(),
                e.symbol(),
                e.signal() == null ? null : e.signal().name(),
                ts(e.candleTime()),
                reasonCode,
                e.reason(),
                ts(e.at()),
                index));
        feed.publish(
                replay,
                index,
                e.userId(),
                "signal",
                new SignalView(
                        eventId,
                        e.sessionId(),
                        e.symbol(),
                        e.signal(),
                        e.candleTime(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        "SKIPPED",
                        reasonCode,
                        e.reason(),
                        e.at()));
    }

    @EventHandler
    void on(OrderPlacementRequested e, TrackingToken token, ReplayStatus replay) {
        writes.atomically(() -> jdbc.update(
                """
                insert into orders_view (client_order_id, user_id, session_id, symbol, intent, side, direction, quantity,
                                         stop_loss, take_profit, status, requested_at, updated_at, event_index)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?) on conflict (client_order_id) do nothing
                """,
                e.clientOrderId(),
                e.userId().value(),
                e.sessionId().value(),
                e.symbol(),
                e.intent().name(),
                e.side().name(),
                e.direction().name(),
                e.quantity(),
                e.stopLoss(),
                e.takeProfit(),
                ts(e.at()),
                ts(e.at()),
                position(token)));
        order(replay, token, e.userId(), e.clientOrderId());
    }

    @EventHandler
    void on(OrderPlaced e, TrackingToken token, ReplayStatus replay) {
        upsertOrder(
                e.clientOrderId(),
                e.userId(),
                e.sessionId(),
                e.symbol(),
                e.at(),
                token,
                "status = case when orders_view.status = 'FILLED' then 'FILLED' else 'PLACED' end, "
                        + "exchange_order_id = ?",
                "PLACED",
                e.exchangeOrderId());
        order(replay, token, e.userId(), e.clientOrderId());
    }

    @EventHandler
    void on(OrderRejected e, TrackingToken token, ReplayStatus replay) {
        upsertOrder(
                e.clientOrderId(),
                e.userId(),
                e.sessionId(),
                e.symbol(),
                e.at(),
                token,
                "status = 'REJECTED', reject_code = ?, reject_message = ?",
                "REJECTED",
                e.code(),
                e.message());
        order(replay, token, e.userId(), e.clientOrderId());
    }

    @EventHandler
    void on(OrderFilled e, TrackingToken token, ReplayStatus replay) {
        upsertOrder(
                e.clientOrderId(),
                e.userId(),
                e.sessionId(),
                e.symbol(),
                e.at(),
                token,
                "status = 'FILLED', exchange_order_id = ?, fill_price = ?, filled_quantity = ?, fee = ?",
                "FILLED",
                e.exchangeOrderId(),
                e.price(),
                e.quantity(),
                e.fee());
        order(replay, token, e.userId(), e.clientOrderId());
    }

    @EventHandler
    void on(PositionOpened e, TrackingToken token, ReplayStatus replay) {
        writes.atomically(() -> jdbc.update(
                """
                insert into positions_view (session_id, user_id, symbol, side, position_side, quantity, entry_price,
                                            stop_loss, take_profit, client_order_id, entry_fee, opened_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (session_id, symbol, side) do update set quantity = excluded.quantity,
                    entry_price = excluded.entry_price, stop_loss = excluded.stop_loss,
                    take_profit = excluded.take_profit, client_order_id = excluded.client_order_id,
                    entry_fee = excluded.entry_fee, opened_at = excluded.opened_at
                """,
                e.sessionId().value(),
                e.userId().value(),
                e.symbol(),
                e.side().name(),
                e.positionSide() == null ? null : e.positionSide().name(),
                e.quantity(),
                e.entryPrice(),
                e.stopLoss(),
                e.takeProfit(),
                e.clientOrderId(),
                e.entryFee(),
                ts(e.at())));
        positions(replay, token, e.userId());
        account(replay, token, e.userId());
    }

    @EventHandler
    void on(PositionClosed e, @MessageIdentifier String eventId, TrackingToken token, ReplayStatus replay) {
        long index = position(token);
        TradeView trade = new TradeView(
                eventId,
                e.sessionId(),
                e.symbol(),
                e.side(),
                e.quantity(),
                e.entryPrice(),
                e.exitPrice(),
                e.realisedPnl(),
                e.fees(),
                e.netPnl(),
                e.reason().name(),
                e.at(),
                e.funding(),
                openedAt(e.sessionId(), e.symbol(), e.side()),
                false);
        writes.atomically(() -> {
            jdbc.update(
                    "delete from positions_view where session_id = ? and symbol = ? and side = ? and not external",
                    e.sessionId().value(),
                    e.symbol(),
                    e.side().name());
            trade(trade, e.userId(), index);
        });
        feed.publish(replay, index, e.userId(), "trade", trade);
        positions(replay, token, e.userId());
        session(replay, token, e.userId(), e.sessionId());
        account(replay, token, e.userId());
    }

    /**
     * Part of a position closed at the exchange: the part is a trade of its own (its quantity, PnL and exit fee;
     * the entry fee goes with the close of the rest) and the position shows the remaining quantity.
     */
    @EventHandler
    void on(PositionReduced e, @MessageIdentifier String eventId, TrackingToken token, ReplayStatus replay) {
        long index = position(token);
        TradeView trade = new TradeView(
                eventId,
                e.sessionId(),
                e.symbol(),
                e.side(),
                e.quantity(),
                e.entryPrice(),
                e.exitPrice(),
                e.realisedPnl(),
                e.fee(),
                e.realisedPnl().subtract(e.fee()),
                e.reason().name(),
                e.at(),
                BigDecimal.ZERO,
                openedAt(e.sessionId(), e.symbol(), e.side()),
                false);
        writes.atomically(() -> {
            jdbc.update(
                    """
                    update positions_view set quantity = ? where session_id = ? and symbol = ? and side = ?
                        and not external""",
                    e.remainingQuantity(),
                    e.sessionId().value(),
                    e.symbol(),
                    e.side().name());
            trade(trade, e.userId(), index);
        });
        feed.publish(replay, index, e.userId(), "trade", trade);
        positions(replay, token, e.userId());
        session(replay, token, e.userId(), e.sessionId());
        account(replay, token, e.userId());
    }

    /** When the bot's position on the symbol and side was opened, or null if it is not in the view. */
    private Instant openedAt(TradingSessionId sessionId, String symbol, Direction side) {
        return jdbc.queryForList("""
                        select opened_at from positions_view
                        where session_id = ? and symbol = ? and side = ? and not external""", Timestamp.class, sessionId.value(), symbol, side.name()).stream()
                .findFirst()
                .map(Timestamp::toInstant)
                .orElse(null);
    }

    /**
     * A funding fee on an open position: kept once per BingX transaction id; the position shows the sum since it
     * opened, and its trade gets it when it closes (PositionClosed carries the position's funding).
     */
    @EventHandler
    void on(FundingFeeCharged e, TrackingToken token, ReplayStatus replay) {
        writes.atomically(() -> jdbc.update(
                """
                insert into funding_view (session_id, tran_id, user_id, symbol, side, amount, charged_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (session_id, tran_id) do nothing
                """,
                e.sessionId().value(),
                e.tranId(),
                e.userId().value(),
                e.symbol(),
                e.side().name(),
                e.amount(),
                ts(e.chargedAt())));
        positions(replay, token, e.userId());
    }

    /** A closed trade, once (by event id), counted in its session's trades, wins or losses and PnL. */
    private void trade(TradeView t, UserId userId, long index) {
        int inserted = jdbc.update(
                """
                insert into trades_view (trade_id, user_id, session_id, symbol, side, quantity, entry_price,
                                         exit_price, realised_pnl, fees, net_pnl, reason, closed_at, event_index, funding,
                                         opened_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (trade_id) do nothing
                """,
                t.tradeId(),
                userId.value(),
                t.sessionId().value(),
                t.symbol(),
                t.side().name(),
                t.quantity(),
                t.entryPrice(),
                t.exitPrice(),
                t.realisedPnl(),
                t.fees(),
                t.netPnl(),
                t.reason(),
                ts(t.closedAt()),
                index,
                t.funding(),
                t.openedAt() == null ? null : ts(t.openedAt()));
        if (inserted == 1) {
            BigDecimal net = t.netPnl();
            jdbc.update(
                    """
                    update sessions_view set trades = trades + 1, wins = wins + ?, losses = losses + ?,
                           pnl = pnl + ?, updated_at = ? where session_id = ?
                    """,
                    net.signum() > 0 ? 1 : 0,
                    net.signum() > 0 ? 0 : 1,
                    net,
                    ts(t.closedAt()),
                    t.sessionId().value());
        }
    }

    /**
     * A trade of the single-user bot brought in by import-legacy: a trade row of its own, marked imported with the
     * source file's SHA-256 and row, in no session (so no session's statistics move); once by event id (ADR 0030).
     */
    @EventHandler
    void on(LegacyTradeImported e, @MessageIdentifier String eventId, TrackingToken token, ReplayStatus replay) {
        long index = position(token);
        TradeView trade = new TradeView(
                eventId,
                null,
                e.symbol(),
                e.side(),
                e.quantity(),
                e.entryPrice(),
                e.exitPrice(),
                e.realisedPnl(),
                e.fees(),
                e.realisedPnl().subtract(e.fees()),
                IMPORTED,
                e.closedAt(),
                BigDecimal.ZERO,
                e.openedAt(),
                true);
        writes.atomically(() -> jdbc.update(
                """
                insert into trades_view (trade_id, user_id, session_id, symbol, side, quantity, entry_price,
                                         exit_price, realised_pnl, fees, net_pnl, reason, closed_at, event_index, funding,
                                         opened_at, imported, source_sha256, source_row)
                values (?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, true, ?, ?) on conflict (trade_id) do nothing
                """,
                eventId,
                e.userId().value(),
                e.symbol(),
                e.side().name(),
                e.quantity(),
                e.entryPrice(),
                e.exitPrice(),
                e.realisedPnl(),
                e.fees(),
                trade.netPnl(),
                IMPORTED,
                ts(e.closedAt()),
                index,
                e.openedAt() == null ? null : ts(e.openedAt()),
                e.sourceSha256(),
                e.row()));
        feed.publish(replay, index, e.userId(), "trade", trade);
    }

    /** Shown beside the bot's own positions, marked external (entry price as BingX reports it, no stop or target). */
    @EventHandler
    void on(ExternalPositionDetected e, TrackingToken token, ReplayStatus replay) {
        writes.atomically(() -> jdbc.update(
                """
                insert into positions_view (session_id, user_id, symbol, side, position_side, quantity, entry_price,
                                            opened_at, external)
                values (?, ?, ?, ?, ?, ?, ?, ?, true)
                on conflict (session_id, symbol, side) do update set quantity = excluded.quantity,
                    entry_price = excluded.entry_price, position_side = excluded.position_side
                    where positions_view.external
                """,
                e.sessionId().value(),
                e.userId().value(),
                e.symbol(),
                e.side().name(),
                e.positionSide().name(),
                e.quantity(),
                e.entryPrice() == null ? java.math.BigDecimal.ZERO : e.entryPrice(),
                ts(e.at())));
        positions(replay, token, e.userId());
    }

    @EventHandler
    void on(ExternalPositionGone e, TrackingToken token, ReplayStatus replay) {
        writes.atomically(() -> jdbc.update(
                "delete from positions_view where session_id = ? and symbol = ? and position_side = ? and external",
                e.sessionId().value(),
                e.symbol(),
                e.positionSide().name()));
        positions(replay, token, e.userId());
    }

    @EventHandler
    void on(EquityObserved e, TrackingToken token, ReplayStatus replay) {
        writes.atomically(() -> jdbc.update(
                """
                insert into account_view (user_id, equity, available_balance, day_opening_equity, equity_peak,
                                          baseline_equity, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (user_id) do update set equity = excluded.equity,
                    available_balance = excluded.available_balance, day_opening_equity = excluded.day_opening_equity,
                    equity_peak = excluded.equity_peak, updated_at = excluded.updated_at
                """,
                e.userId().value(),
                e.equity(),
                e.availableBalance(),
                e.dayOpeningEquity(),
                e.equityPeak(),
                e.equity(),
                ts(e.at())));
        account(replay, token, e.userId());
    }

    /**
     * A balance reading of an account whose bot is not running. Never replaces a newer reading (a
     * running session's EquityObserved, or a later idle one). The first reading of a UTC day opens
     * the day at the equity that stood before it (the balance of the previous day's last reading,
     * unchanged until now); the first reading ever is also the all-time P&L baseline. The peak
     * stays the running session's.
     */
    @EventHandler
    void on(AccountBalanceObserved e, TrackingToken token, ReplayStatus replay) {
        writes.atomically(() -> jdbc.update(
                """
                insert into account_view (user_id, equity, available_balance, day_opening_equity, baseline_equity,
                                          updated_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (user_id) do update set equity = excluded.equity,
                    available_balance = excluded.available_balance,
                    day_opening_equity = case when account_view.updated_at < ? then account_view.equity
                                              else coalesce(account_view.day_opening_equity, account_view.equity) end,
                    updated_at = excluded.updated_at
                where account_view.updated_at <= excluded.updated_at
                """,
                e.userId().value(),
                e.equity(),
                e.availableBalance(),
                e.equity(),
                e.equity(),
                ts(e.at()),
                ts(e.at().truncatedTo(ChronoUnit.DAYS))));
        account(replay, token, e.userId());
    }

    @ResetHandler
    void reset() {
        for (String table : new String[] {
            "signals_view",
            "trades_view",
            "orders_view",
            "positions_view",
            "sessions_view",
            "account_view",
            "funding_view"
        }) {
            jdbc.update("delete from " + table);
        }
    }

    private void status(TradingSessionId sessionId, String status, Instant at) {
        writes.atomically(() -> jdbc.update(
                "update sessions_view set status = ?, updated_at = ? where session_id = ?",
                status,
                ts(at),
                sessionId.value()));
    }

    private void upsertOrder(
            String clientOrderId,
            UserId userId,
            TradingSessionId sessionId,
            String symbol,
            Instant at,
            TrackingToken token,
            String assignments,
            String insertStatus,
            Object... values) {
        Object[] args = new Object[values.length + 9];
        args[0] = clientOrderId;
        args[1] = userId.value();
        args[2] = sessionId.value();
        args[3] = symbol;
        args[4] = insertStatus;
        args[5] = ts(at);
        args[6] = ts(at);
        args[7] = position(token);
        System.arraycopy(values, 0, args, 8, values.length);
        args[args.length - 1] = ts(at);
        writes.atomically(() -> jdbc.update("""
                insert into orders_view (client_order_id, user_id, session_id, symbol, status, requested_at, updated_at,
                                         event_index)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (client_order_id) do update set %s, updated_at = ?
                """.formatted(assignments), args));
    }

    private void account(ReplayStatus replay, TrackingToken token, UserId userId) {
        if (replay.isReplay()) {
            return;
        }
        named.queryForList(TradingSql.ACCOUNT, Map.of("user", userId.value())).stream()
                .findFirst()
                .ifPresent(row -> feed.publish(replay, position(token), userId, "account", TradingSql.account(row)));
    }

    private void session(ReplayStatus replay, TrackingToken token, UserId userId, TradingSessionId sessionId) {
        if (replay.isReplay()) {
            return;
        }
        named.queryForList(TradingSql.SESSION, Map.of("session", sessionId.value())).stream()
                .findFirst()
                .ifPresent(row -> feed.publish(replay, position(token), userId, "session", TradingSql.session(row)));
        named.queryForList(TradingSql.BOT, Map.of("user", userId.value(), "dayStart", ts(market.dayStart()))).stream()
                .findFirst()
                .ifPresent(row -> feed.publish(replay, position(token), userId, "bot", TradingSql.bot(row)));
    }

    private void positions(ReplayStatus replay, TrackingToken token, UserId userId) {
        if (replay.isReplay()) {
            return;
        }
        feed.publish(
                replay,
                position(token),
                userId,
                "positions",
                named.queryForList(TradingSql.POSITIONS, Map.of("user", userId.value())).stream()
                        .map(TradingSql::position)
                        .toList());
    }

    private void order(ReplayStatus replay, TrackingToken token, UserId userId, String clientOrderId) {
        if (replay.isReplay()) {
            return;
        }
        named.queryForList(TradingSql.ORDER, Map.of("id", clientOrderId)).stream()
                .findFirst()
                .ifPresent(row -> feed.publish(replay, position(token), userId, "order", TradingSql.order(row)));
    }
}
