package dev.trenddesk.query.readside;

import dev.trenddesk.api.alert.AlertRaised.Severity;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.readside.AlertView;
import dev.trenddesk.api.readside.CandleSeriesView;
import dev.trenddesk.api.readside.CandleView;
import dev.trenddesk.api.readside.ReadSideQueries.FindAlerts;
import dev.trenddesk.api.readside.ReadSideQueries.FindCandleSeries;
import dev.trenddesk.api.readside.ReadSideQueries.FindCandles;
import dev.trenddesk.api.readside.ReadSideQueries.FindDashboard;
import dev.trenddesk.api.readside.ReadSideQueries.FindOrders;
import dev.trenddesk.api.readside.ReadSideQueries.FindOverview;
import dev.trenddesk.api.readside.ReadSideQueries.FindPerformance;
import dev.trenddesk.api.readside.ReadSideQueries.FindPositions;
import dev.trenddesk.api.readside.ReadSideQueries.FindSessions;
import dev.trenddesk.api.readside.ReadSideQueries.FindSignals;
import dev.trenddesk.api.readside.ReadSideQueries.FindTrades;
import dev.trenddesk.api.readside.TradingViews.DashboardView;
import dev.trenddesk.api.readside.TradingViews.OrderView;
import dev.trenddesk.api.readside.TradingViews.OverviewTotals;
import dev.trenddesk.api.readside.TradingViews.OverviewView;
import dev.trenddesk.api.readside.TradingViews.PerformanceView;
import dev.trenddesk.api.readside.TradingViews.PositionView;
import dev.trenddesk.api.readside.TradingViews.SessionView;
import dev.trenddesk.api.readside.TradingViews.SignalView;
import dev.trenddesk.api.readside.TradingViews.TradePage;
import dev.trenddesk.api.readside.TradingViews.TradeView;
import dev.trenddesk.api.readside.TradingViews.UserCard;
import dev.trenddesk.query.user.UserReadRepository;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Answers the per-user and admin read-model queries through R2DBC. */
@Component
public class ReadSideQueryHandlers {

    private final DatabaseClient db;
    private final MarketClock market;

    public ReadSideQueryHandlers(DatabaseClient db, MarketClock market) {
        this.db = db;
        this.market = market;
    }

    @QueryHandler
    public CompletableFuture<List<AlertView>> handle(FindAlerts query) {
        return alerts(query.userId(), query.limit()).collectList().toFuture();
    }

    @QueryHandler
    public CompletableFuture<List<CandleSeriesView>> handle(FindCandleSeries query) {
        return db.sql("""
                        select symbol, timeframe, count(*) as candles, max(open_time) as last_open_time
                        from candles_view group by symbol, timeframe order by symbol, timeframe
                        """)
                .fetch()
                .all()
                .map(r -> new CandleSeriesView(
                        (String) r.get("symbol"),
                        Timeframe.fromCode((String) r.get("timeframe")),
                        ((Number) r.get("candles")).longValue(),
                        UserReadRepository.instant(r.get("last_open_time"))))
                .collectList()
                .toFuture();
    }

    @QueryHandler
    public CompletableFuture<List<CandleView>> handle(FindCandles query) {
        return db.sql("""
                        select * from (select * from candles_view where symbol = :symbol and timeframe = :timeframe
                                       order by open_time desc limit :limit) c order by open_time
                        """)
                .bind("symbol", query.symbol())
                .bind("timeframe", query.timeframe().code())
                .bind("limit", query.limit())
                .fetch()
                .all()
                .map(r -> new CandleView(
                        (String) r.get("symbol"),
                        Timeframe.fromCode((String) r.get("timeframe")),
                        UserReadRepository.instant(r.get("open_time")),
                        (BigDecimal) r.get("open"),
                        (BigDecimal) r.get("high"),
                        (BigDecimal) r.get("low"),
                        (BigDecimal) r.get("close"),
                        (BigDecimal) r.get("volume"),
                        (BigDecimal) r.get("adx"),
                        (BigDecimal) r.get("plus_di"),
                        (BigDecimal) r.get("minus_di"),
                        (BigDecimal) r.get("atr"),
                        (BigDecimal) r.get("ema9"),
                        (BigDecimal) r.get("ema21"),
                        (BigDecimal) r.get("ema50"),
                        (BigDecimal) r.get("ema100"),
                        (BigDecimal) r.get("ema200"),
                        (Boolean) r.get("live")))
                .collectList()
                .toFuture();
    }

    @QueryHandler
    public CompletableFuture<DashboardView> handle(FindDashboard query) {
        UUID user = query.userId().value();
        return db.sql("select username from users_view where id = :user")
                .bind("user", user)
                .fetch()
                .one()
                .flatMap(row -> Mono.zip(
                                db.sql(TradingSql.ACCOUNT)
                                        .bind("user", user)
                                        .fetch()
                                        .one()
                                        .map(TradingSql::account)
                                        .map(java.util.Optional::of)
                                        .defaultIfEmpty(java.util.Optional.empty()),
                                db.sql(TradingSql.BOT)
                                        .bind("user", user)
                                        .bind("dayStart", dayStart())
                                        .fetch()
                                        .one()
                                        .map(TradingSql::bot)
                                        .map(java.util.Optional::of)
                                        .defaultIfEmpty(java.util.Optional.empty()),
                                db.sql(TradingSql.CONNECTION)
                                        .bind("user", user)
                                        .fetch()
                                        .one()
                                        .map(TradingSql::connection)
                                        .map(java.util.Optional::of)
                                        .defaultIfEmpty(java.util.Optional.empty()),
                                positions(user).collectList(),
                                alerts(query.userId(), 20).collectList(),
                                signals(user, 10).collectList())
                        .map(t -> new DashboardView(
                                query.userId(),
                                (String) row.get("username"),
                                t.getT1().orElse(null),
                                t.getT2().orElse(null),
                                t.getT3().orElse(null),
                                t.getT4(),
                                t.getT5(),
                                t.getT6())))
                .toFuture();
    }

    @QueryHandler
    public CompletableFuture<List<PositionView>> handle(FindPositions query) {
        return positions(query.userId().value()).collectList().toFuture();
    }

    @QueryHandler
    public CompletableFuture<List<OrderView>> handle(FindOrders query) {
        return db.sql(TradingSql.ORDERS)
                .bind("user", query.userId().value())
                .bind("limit", query.limit())
                .fetch()
                .all()
                .map(TradingSql::order)
                .collectList()
                .toFuture();
    }

    @QueryHandler
    public CompletableFuture<TradePage> handle(FindTrades query) {
        List<String> where = new ArrayList<>(List.of("user_id = :user"));
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("user", query.userId().value());
        if (query.symbol() != null) {
            where.add("symbol = :symbol");
            binds.put("symbol", query.symbol());
        }
        if (query.side() != null) {
            where.add("side = :side");
            binds.put("side", query.side().name());
        }
        if (query.from() != null) {
            where.add("closed_at >= :from");
            binds.put("from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        }
        if (query.to() != null) {
            where.add("closed_at < :to");
            binds.put("to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        }
        if (query.cursor() != null) {
            where.add("event_index < :cursor");
            binds.put("cursor", query.cursor());
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("select * from trades_view where " + String.join(" and ", where)
                + " order by event_index desc limit :limit");
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        int limit = query.limit();
        return spec.bind("limit", limit + 1)
                .fetch()
                .all()
                .collectList()
                .map(rows -> {
                    boolean more = rows.size() > limit;
                    List<Map<String, Object>> page = more ? rows.subList(0, limit) : rows;
                    List<TradeView> trades =
                            page.stream().map(TradingSql::trade).toList();
                    String next = more
                            ? String.valueOf(((Number) page.get(page.size() - 1).get("event_index")).longValue())
                            : null;
                    return new TradePage(trades, next);
                })
                .toFuture();
    }

    @QueryHandler
    public CompletableFuture<List<SessionView>> handle(FindSessions query) {
        return db.sql(TradingSql.SESSIONS)
                .bind("user", query.userId().value())
                .fetch()
                .all()
                .map(TradingSql::session)
                .collectList()
                .toFuture();
    }

    @QueryHandler
    public CompletableFuture<PerformanceView> handle(FindPerformance query) {
        return db.sql(TradingSql.CLOSED_TRADES)
                .bind("user", query.userId().value())
                .map((row, meta) -> {
                    OffsetDateTime opened = row.get("opened_at", OffsetDateTime.class);
                    return new TradePerformance.Closed(
                            opened == null ? null : opened.toInstant(),
                            row.get("closed_at", OffsetDateTime.class).toInstant(),
                            row.get("net_pnl", BigDecimal.class));
                })
                .all()
                .collectList()
                .map(TradePerformance::of)
                .toFuture();
    }

    @QueryHandler
    public CompletableFuture<List<SignalView>> handle(FindSignals query) {
        return signals(query.userId().value(), query.limit()).collectList().toFuture();
    }

    @QueryHandler
    public CompletableFuture<OverviewView> handle(FindOverview query) {
        return db.sql(TradingSql.OVERVIEW)
                .bind("dayStart", dayStart())
                .fetch()
                .all()
                .map(TradingSql::card)
                .collectList()
                .map(ReadSideQueryHandlers::overview)
                .toFuture();
    }

    static OverviewView overview(List<UserCard> cards) {
        int active = (int) cards.stream().filter(UserCard::active).count();
        int running = count(cards, "RUNNING");
        int paused = count(cards, "PAUSED");
        int stopped = count(cards, "STOPPED");
        BigDecimal equity =
                cards.stream().map(UserCard::equity).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal pnl = cards.stream()
                .map(UserCard::pnlToday)
                .filter(Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new OverviewView(new OverviewTotals(cards.size(), active, running, paused, stopped, equity, pnl), cards);
    }

    private static int count(List<UserCard> cards, String status) {
        return (int)
                cards.stream().filter(card -> status.equals(card.botStatus())).count();
    }

    private Flux<AlertView> alerts(UserId userId, int limit) {
        return db.sql("select * from alerts_view where user_id = :user order by raised_at desc, alert_id limit :limit")
                .bind("user", userId.value())
                .bind("limit", limit)
                .fetch()
                .all()
                .map(r -> new AlertView(
                        (String) r.get("alert_id"),
                        new UserId((UUID) r.get("user_id")),
                        Severity.valueOf((String) r.get("severity")),
                        (String) r.get("kind"),
                        (String) r.get("message"),
                        UserReadRepository.instant(r.get("raised_at"))));
    }

    private Flux<PositionView> positions(UUID user) {
        return db.sql(TradingSql.POSITIONS).bind("user", user).fetch().all().map(TradingSql::position);
    }

    private Flux<SignalView> signals(UUID user, int limit) {
        return db.sql(TradingSql.SIGNALS)
                .bind("user", user)
                .bind("limit", limit)
                .fetch()
                .all()
                .map(TradingSql::signal);
    }

    /** The start of the market's UTC day: "today" for trades and P&L. */
    private OffsetDateTime dayStart() {
        return OffsetDateTime.ofInstant(market.dayStart(), ZoneOffset.UTC);
    }
}
