package dev.trenddesk.query.readside;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.readside.TradingViews.AccountView;
import dev.trenddesk.api.readside.TradingViews.BotView;
import dev.trenddesk.api.readside.TradingViews.ConnectionSummary;
import dev.trenddesk.api.readside.TradingViews.OrderView;
import dev.trenddesk.api.readside.TradingViews.PositionView;
import dev.trenddesk.api.readside.TradingViews.SessionView;
import dev.trenddesk.api.readside.TradingViews.SignalView;
import dev.trenddesk.api.readside.TradingViews.TradeView;
import dev.trenddesk.api.readside.TradingViews.UserCard;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.query.user.UserReadRepository;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The read models' SQL (named parameters, run by R2DBC for queries and by JDBC inside the
 * projection to read back what it wrote) and the mapping of their rows to views. Both drivers give
 * rows as maps; only timestamps differ, which {@link UserReadRepository#instant} absorbs.
 */
final class TradingSql {

    /** Unrealised PnL of open positions at the last closed candle of their symbol. */
    static final String MARK = """
            (select c.close from candles_view c where c.symbol = p.symbol order by c.open_time desc limit 1)""";

    static final String ACCOUNT = """
            select a.user_id, a.equity, a.available_balance, a.day_opening_equity, a.baseline_equity, a.updated_at,
                   coalesce((select sum((%s - p.entry_price) * p.quantity * case p.side when 'LONG' then 1 else -1 end)
                             from positions_view p where p.user_id = a.user_id), 0) as unrealised
            from account_view a where a.user_id = :user
            """.formatted(MARK);

    static final String BOT = """
            select s.session_id, s.status, s.started_at, s.updated_at, s.stop_reason, s.stop_detail, s.exchange,
                   s.strategy, s.ema_fast, s.ema_slow,
                   (select count(*) from trades_view t where t.session_id = s.session_id and t.closed_at >= :dayStart)
                       as trades_today,
                   (select coalesce(sum(t.net_pnl), 0) from trades_view t
                     where t.session_id = s.session_id and t.closed_at >= :dayStart) as pnl_today
            from sessions_view s where s.user_id = :user order by s.started_at desc limit 1
            """;

    /** Funding booked on an open position: its session's funding rows on the symbol since it opened. */
    static final String POSITION_FUNDING = """
            (select coalesce(sum(f.amount), 0) from funding_view f where f.session_id = p.session_id
               and f.symbol = p.symbol and f.side = p.side and f.charged_at >= p.opened_at and not p.external)""";

    static final String POSITIONS = """
            select p.*, %s as mark, %s as funding from positions_view p where p.user_id = :user
            order by p.opened_at, p.symbol
            """.formatted(MARK, POSITION_FUNDING);

    static final String SESSION = "select * from sessions_view where session_id = :session";

    static final String SESSIONS = "select * from sessions_view where user_id = :user order by started_at desc";

    static final String CLOSED_TRADES =
            "select opened_at, closed_at, net_pnl from trades_view where user_id = :user order by closed_at, event_index";

    static final String ORDER = "select * from orders_view where client_order_id = :id";

    static final String ORDERS =
            "select * from orders_view where user_id = :user order by event_index desc limit :limit";

    static final String SIGNALS =
            "select * from signals_view where user_id = :user order by event_index desc limit :limit";

    static final String CONNECTION = """
            select status, health, masked_api_key, last_checked_at, exchange from connections_view where user_id = :user
            """;

    static final String OVERVIEW = """
            select u.id, u.username, u.role, u.active, a.equity, a.day_opening_equity, a.updated_at,
                   c.status as connection_status, c.health as connection_health,
                   (select s.status from sessions_view s where s.user_id = u.id order by s.started_at desc limit 1)
                       as bot_status,
                   (select count(*) from trades_view t where t.user_id = u.id and t.closed_at >= :dayStart)
                       as trades_today,
                   (select count(*) from positions_view p where p.user_id = u.id and not p.external) as open_positions
            from users_view u left join account_view a on a.user_id = u.id
                 left join connections_view c on c.user_id = u.id
            order by lower(u.username)
            """;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private TradingSql() {}

    static AccountView account(Map<String, Object> r) {
        BigDecimal equity = dec(r, "equity");
        BigDecimal unrealised = dec(r, "unrealised");
        BigDecimal dayOpening = dec(r, "day_opening_equity");
        BigDecimal baseline = dec(r, "baseline_equity");
        BigDecimal pnlToday = dayOpening == null ? null : equity.subtract(dayOpening);
        BigDecimal pnlAllTime = equity.subtract(baseline);
        return new AccountView(
                new UserId((UUID) r.get("user_id")),
                equity.subtract(unrealised),
                equity,
                unrealised,
                dec(r, "available_balance"),
                pnlToday,
                pct(pnlToday, dayOpening),
                pnlAllTime,
                pct(pnlAllTime, baseline),
                time(r, "updated_at"));
    }

    static ConnectionSummary connection(Map<String, Object> r) {
        return new ConnectionSummary(
                (String) r.get("status"),
                (String) r.get("health"),
                (String) r.get("masked_api_key"),
                time(r, "last_checked_at"),
                exchange(r));
    }

    static BotView bot(Map<String, Object> r) {
        return new BotView(
                new TradingSessionId((UUID) r.get("session_id")),
                (String) r.get("status"),
                time(r, "started_at"),
                time(r, "updated_at"),
                (String) r.get("stop_reason"),
                (String) r.get("stop_detail"),
                ((Number) r.get("trades_today")).intValue(),
                dec(r, "pnl_today"),
                exchange(r),
                StrategyId.valueOf((String) r.get("strategy")),
                ((Number) r.get("ema_fast")).intValue(),
                ((Number) r.get("ema_slow")).intValue());
    }

    /** The row's exchange (the migration gave rows written before it BINGX). */
    private static ExchangeName exchange(Map<String, Object> r) {
        return r.get("exchange") == null ? null : ExchangeName.valueOf((String) r.get("exchange"));
    }

    static PositionView position(Map<String, Object> r) {
        BigDecimal mark = dec(r, "mark");
        Direction side = Direction.valueOf((String) r.get("side"));
        BigDecimal entry = dec(r, "entry_price");
        BigDecimal quantity = dec(r, "quantity");
        BigDecimal unrealised =
                mark == null ? null : mark.subtract(entry).multiply(quantity).multiply(BigDecimal.valueOf(side.sign()));
        return new PositionView(
                new TradingSessionId((UUID) r.get("session_id")),
                (String) r.get("symbol"),
                side,
                (String) r.get("position_side"),
                quantity,
                entry,
                dec(r, "stop_loss"),
                dec(r, "take_profit"),
                mark,
                unrealised,
                time(r, "opened_at"),
                Boolean.TRUE.equals(r.get("external")),
                dec(r, "funding") == null ? BigDecimal.ZERO : dec(r, "funding"));
    }

    static SessionView session(Map<String, Object> r) {
        int trades = ((Number) r.get("trades")).intValue();
        int wins = ((Number) r.get("wins")).intValue();
        BigDecimal winRate = trades == 0 ? null : TradePerformance.percent(wins, trades);
        return new SessionView(
                new TradingSessionId((UUID) r.get("session_id")),
                (String) r.get("status"),
                time(r, "started_at"),
                time(r, "stopped_at"),
                dec(r, "initial_balance"),
                (String) r.get("stop_reason"),
                (String) r.get("stop_detail"),
                trades,
                wins,
                ((Number) r.get("losses")).intValue(),
                winRate,
                dec(r, "pnl"),
                exchange(r),
                r.get("settings") == null ? null : FeedJson.read((String) r.get("settings"), TradingSettings.class),
                ((Number) r.get("settings_changes")).intValue());
    }

    static OrderView order(Map<String, Object> r) {
        Number code = (Number) r.get("reject_code");
        return new OrderView(
                (String) r.get("client_order_id"),
                new TradingSessionId((UUID) r.get("session_id")),
                (String) r.get("symbol"),
                (String) r.get("intent"),
                (String) r.get("side"),
                (String) r.get("direction"),
                dec(r, "quantity"),
                dec(r, "stop_loss"),
                dec(r, "take_profit"),
                (String) r.get("status"),
                (String) r.get("exchange_order_id"),
                dec(r, "fill_price"),
                dec(r, "filled_quantity"),
                dec(r, "fee"),
                code == null ? null : code.intValue(),
                (String) r.get("reject_message"),
                time(r, "requested_at"),
                time(r, "updated_at"));
    }

    static TradeView trade(Map<String, Object> r) {
        return new TradeView(
                (String) r.get("trade_id"),
                r.get("session_id") == null ? null : new TradingSessionId((UUID) r.get("session_id")),
                (String) r.get("symbol"),
                Direction.valueOf((String) r.get("side")),
                dec(r, "quantity"),
                dec(r, "entry_price"),
                dec(r, "exit_price"),
                dec(r, "realised_pnl"),
                dec(r, "fees"),
                dec(r, "net_pnl"),
                (String) r.get("reason"),
                time(r, "closed_at"),
                dec(r, "funding") == null ? BigDecimal.ZERO : dec(r, "funding"),
                time(r, "opened_at"),
                Boolean.TRUE.equals(r.get("imported")));
    }

    static SignalView signal(Map<String, Object> r) {
        String side = (String) r.get("side");
        return new SignalView(
                (String) r.get("signal_id"),
                new TradingSessionId((UUID) r.get("session_id")),
                (String) r.get("symbol"),
                side == null ? null : Direction.valueOf(side),
                time(r, "candle_time"),
                dec(r, "adx"),
                dec(r, "plus_di"),
                dec(r, "minus_di"),
                dec(r, "atr"),
                dec(r, "confidence"),
                (String) r.get("outcome"),
                (String) r.get("reason_code"),
                (String) r.get("reason"),
                time(r, "at"));
    }

    static UserCard card(Map<String, Object> r) {
        BigDecimal equity = dec(r, "equity");
        BigDecimal dayOpening = dec(r, "day_opening_equity");
        return new UserCard(
                new UserId((UUID) r.get("id")),
                (String) r.get("username"),
                Role.valueOf((String) r.get("role")),
                (Boolean) r.get("active"),
                (String) r.get("bot_status"),
                (String) r.get("connection_status"),
                (String) r.get("connection_health"),
                equity,
                equity == null || dayOpening == null ? null : equity.subtract(dayOpening),
                ((Number) r.get("trades_today")).intValue(),
                ((Number) r.get("open_positions")).intValue(),
                time(r, "updated_at"));
    }

    static BigDecimal pct(BigDecimal part, BigDecimal whole) {
        if (part == null || whole == null || whole.signum() == 0) {
            return null;
        }
        return part.multiply(HUNDRED).divide(whole, 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal dec(Map<String, Object> r, String column) {
        Object value = r.get(column);
        if (value == null) {
            return null;
        }
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    private static Instant time(Map<String, Object> r, String column) {
        return UserReadRepository.instant(r.get(column));
    }
}
