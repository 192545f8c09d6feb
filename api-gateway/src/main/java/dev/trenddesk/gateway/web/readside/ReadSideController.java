package dev.trenddesk.gateway.web.readside;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.readside.AlertView;
import dev.trenddesk.api.readside.CandleSeriesView;
import dev.trenddesk.api.readside.CandleView;
import dev.trenddesk.api.readside.ReadSideQueries.FindAlerts;
import dev.trenddesk.api.readside.ReadSideQueries.FindCandleSeries;
import dev.trenddesk.api.readside.ReadSideQueries.FindCandles;
import dev.trenddesk.api.readside.ReadSideQueries.FindOrders;
import dev.trenddesk.api.readside.ReadSideQueries.FindPerformance;
import dev.trenddesk.api.readside.ReadSideQueries.FindPositions;
import dev.trenddesk.api.readside.ReadSideQueries.FindSessions;
import dev.trenddesk.api.readside.ReadSideQueries.FindSignals;
import dev.trenddesk.api.readside.ReadSideQueries.FindTrades;
import dev.trenddesk.api.readside.TradingViews.DashboardView;
import dev.trenddesk.api.readside.TradingViews.OrderView;
import dev.trenddesk.api.readside.TradingViews.PerformanceView;
import dev.trenddesk.api.readside.TradingViews.PositionView;
import dev.trenddesk.api.readside.TradingViews.SessionView;
import dev.trenddesk.api.readside.TradingViews.SignalView;
import dev.trenddesk.api.readside.TradingViews.TradePage;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.user.UserView;
import dev.trenddesk.gateway.security.SessionUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A trader's read models: their own under /api/me/..., and under /api/users/{id}/... for admins
 * and the viewers that trader granted (the security rules decide who; others get 404). Every
 * admin read of someone else's data is recorded as AdminViewedUserData.
 */
@RestController
@Tag(
        name = "read-side",
        description = "Dashboard, positions, orders, trades, sessions, signals, candles and alerts of a trader")
class ReadSideController {

    private final ReadSideReader reader;
    private final AccountRefresher accounts;

    public ReadSideController(ReadSideReader reader, AccountRefresher accounts) {
        this.reader = reader;
        this.accounts = accounts;
    }

    @Operation(summary = "My dashboard: account, bot, open positions, newest alerts and signals")
    @GetMapping("/api/me/dashboard")
    public Mono<DashboardView> myDashboard(@AuthenticationPrincipal SessionUser me) {
        return reader.self(me).flatMap(this::dashboard);
    }

    @Operation(summary = "A trader's dashboard (admins, granted viewers)")
    @GetMapping("/api/users/{id}/dashboard")
    public Mono<DashboardView> dashboard(
            @AuthenticationPrincipal SessionUser me, @PathVariable String id, ServerWebExchange exchange) {
        return reader.target(me, id, exchange).flatMap(this::dashboard);
    }

    @Operation(summary = "My open positions, valued at the last closed candle")
    @GetMapping("/api/me/positions")
    public Mono<List<PositionView>> myPositions(@AuthenticationPrincipal SessionUser me) {
        return reader.self(me).flatMap(positions());
    }

    @Operation(summary = "A trader's open positions (admins, granted viewers)")
    @GetMapping("/api/users/{id}/positions")
    public Mono<List<PositionView>> positions(
            @AuthenticationPrincipal SessionUser me, @PathVariable String id, ServerWebExchange exchange) {
        return reader.target(me, id, exchange).flatMap(positions());
    }

    @Operation(summary = "My newest orders (limit 1-500, default 50)")
    @GetMapping("/api/me/orders")
    public Mono<List<OrderView>> myOrders(
            @AuthenticationPrincipal SessionUser me, @RequestParam(required = false) Integer limit) {
        int max = Params.limit(limit, 50, 500);
        return reader.self(me).flatMap(orders(max));
    }

    @Operation(summary = "A trader's newest orders (admins, granted viewers)")
    @GetMapping("/api/users/{id}/orders")
    public Mono<List<OrderView>> orders(
            @AuthenticationPrincipal SessionUser me,
            @PathVariable String id,
            @RequestParam(required = false) Integer limit,
            ServerWebExchange exchange) {
        int max = Params.limit(limit, 50, 500);
        return reader.target(me, id, exchange).flatMap(orders(max));
    }

    @Operation(
            summary = "My trade history, newest first: filter by symbol, side (LONG/SHORT), from/to (ISO instants); "
                    + "page with the cursor of the previous answer")
    @GetMapping("/api/me/trades")
    public Mono<TradePage> myTrades(
            @AuthenticationPrincipal SessionUser me,
            @RequestParam(required = false) String symbol,
            @RequestParam(required = false) String side,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        Function<UserView, Mono<TradePage>> trades = trades(symbol, side, from, to, cursor, limit);
        return reader.self(me).flatMap(trades);
    }

    @Operation(summary = "A trader's trade history (admins, granted viewers); same filters as /api/me/trades")
    @GetMapping("/api/users/{id}/trades")
    public Mono<TradePage> trades(
            @AuthenticationPrincipal SessionUser me,
            @PathVariable String id,
            @RequestParam(required = false) String symbol,
            @RequestParam(required = false) String side,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            ServerWebExchange exchange) {
        Function<UserView, Mono<TradePage>> trades = trades(symbol, side, from, to, cursor, limit);
        return reader.target(me, id, exchange).flatMap(trades);
    }

    @Operation(summary = "My sessions with their statistics (trades, wins, losses, win rate, PnL)")
    @GetMapping("/api/me/sessions")
    public Mono<List<SessionView>> mySessions(@AuthenticationPrincipal SessionUser me) {
        return reader.self(me).flatMap(sessions());
    }

    @Operation(summary = "A trader's sessions with their statistics (admins, granted viewers)")
    @GetMapping("/api/users/{id}/sessions")
    public Mono<List<SessionView>> sessions(
            @AuthenticationPrincipal SessionUser me, @PathVariable String id, ServerWebExchange exchange) {
        return reader.target(me, id, exchange).flatMap(sessions());
    }

    @Operation(
            summary = "How my closed trades went: win rate, profit factor, average, best and worst trade, max drawdown,"
                    + " the cumulative net P&L curve")
    @GetMapping("/api/me/performance")
    public Mono<PerformanceView> myPerformance(@AuthenticationPrincipal SessionUser me) {
        return reader.self(me).flatMap(performance());
    }

    @Operation(summary = "How a trader's closed trades went (admins, granted viewers)")
    @GetMapping("/api/users/{id}/performance")
    public Mono<PerformanceView> performance(
            @AuthenticationPrincipal SessionUser me, @PathVariable String id, ServerWebExchange exchange) {
        return reader.target(me, id, exchange).flatMap(performance());
    }

    @Operation(summary = "My newest signals and skipped candles with their indicator values (limit 1-200, default 50)")
    @GetMapping("/api/me/signals")
    public Mono<List<SignalView>> mySignals(
            @AuthenticationPrincipal SessionUser me, @RequestParam(required = false) Integer limit) {
        int max = Params.limit(limit, 50, 200);
        return reader.self(me).flatMap(signals(max));
    }

    @Operation(summary = "A trader's newest signals (admins, granted viewers)")
    @GetMapping("/api/users/{id}/signals")
    public Mono<List<SignalView>> signals(
            @AuthenticationPrincipal SessionUser me,
            @PathVariable String id,
            @RequestParam(required = false) Integer limit,
            ServerWebExchange exchange) {
        int max = Params.limit(limit, 50, 200);
        return reader.target(me, id, exchange).flatMap(signals(max));
    }

    @Operation(
            summary =
                    "Closed candles with ADX, +DI, -DI and ATR for my chart; symbol and timeframe default to my settings")
    @GetMapping("/api/me/candles")
    public Mono<List<CandleView>> myCandles(
            @AuthenticationPrincipal SessionUser me,
            @RequestParam(required = false) String symbol,
            @RequestParam(required = false) String timeframe,
            @RequestParam(required = false) Integer limit) {
        Function<UserView, Mono<List<CandleView>>> candles = candles(symbol, timeframe, limit);
        return reader.self(me).flatMap(candles);
    }

    @Operation(summary = "Closed candles for a trader's chart (admins, granted viewers)")
    @GetMapping("/api/users/{id}/candles")
    public Mono<List<CandleView>> candles(
            @AuthenticationPrincipal SessionUser me,
            @PathVariable String id,
            @RequestParam(required = false) String symbol,
            @RequestParam(required = false) String timeframe,
            @RequestParam(required = false) Integer limit,
            ServerWebExchange exchange) {
        Function<UserView, Mono<List<CandleView>>> candles = candles(symbol, timeframe, limit);
        return reader.target(me, id, exchange).flatMap(candles);
    }

    @Operation(summary = "The series of closed candles the chart can draw (symbol, timeframe, how many, the newest)")
    @GetMapping("/api/me/candle-series")
    public Mono<List<CandleSeriesView>> myCandleSeries(@AuthenticationPrincipal SessionUser me) {
        return reader.self(me).flatMap(user -> reader.many(new FindCandleSeries(), CandleSeriesView.class));
    }

    @Operation(summary = "The series of closed candles a trader's chart can draw (admins, granted viewers)")
    @GetMapping("/api/users/{id}/candle-series")
    public Mono<List<CandleSeriesView>> candleSeries(
            @AuthenticationPrincipal SessionUser me, @PathVariable String id, ServerWebExchange exchange) {
        return reader.target(me, id, exchange)
                .flatMap(user -> reader.many(new FindCandleSeries(), CandleSeriesView.class));
    }

    @Operation(summary = "My newest alerts (limit 1-200, default 50)")
    @GetMapping("/api/me/alerts")
    public Mono<List<AlertView>> myAlerts(
            @AuthenticationPrincipal SessionUser me, @RequestParam(required = false) Integer limit) {
        int max = Params.limit(limit, 50, 200);
        return reader.self(me).flatMap(alerts(max));
    }

    @Operation(summary = "A trader's newest alerts (admins, granted viewers)")
    @GetMapping("/api/users/{id}/alerts")
    public Mono<List<AlertView>> alerts(
            @AuthenticationPrincipal SessionUser me,
            @PathVariable String id,
            @RequestParam(required = false) Integer limit,
            ServerWebExchange exchange) {
        int max = Params.limit(limit, 50, 200);
        return reader.target(me, id, exchange).flatMap(alerts(max));
    }

    /** The account card is refreshed first when its balance is stale (AccountRefresher: bounded wait, never an error). */
    private Mono<DashboardView> dashboard(UserView user) {
        return accounts.dashboard(user.id()).switchIfEmpty(Mono.error(ReadSideReader.notFound()));
    }

    private Function<UserView, Mono<List<PositionView>>> positions() {
        return user -> reader.many(new FindPositions(user.id()), PositionView.class);
    }

    private Function<UserView, Mono<List<OrderView>>> orders(int limit) {
        return user -> reader.many(new FindOrders(user.id(), limit), OrderView.class);
    }

    private Function<UserView, Mono<PerformanceView>> performance() {
        return user -> reader.one(new FindPerformance(user.id()), PerformanceView.class);
    }

    private Function<UserView, Mono<List<SessionView>>> sessions() {
        return user -> reader.many(new FindSessions(user.id()), SessionView.class);
    }

    private Function<UserView, Mono<List<SignalView>>> signals(int limit) {
        return user -> reader.many(new FindSignals(user.id(), limit), SignalView.class);
    }

    private Function<UserView, Mono<List<AlertView>>> alerts(int limit) {
        return user -> reader.many(new FindAlerts(user.id(), limit), AlertView.class);
    }

    private Function<UserView, Mono<TradePage>> trades(
            String symbol, String side, String from, String to, String cursor, Integer limit) {
        String market = Params.symbol(symbol);
        Direction direction = direction(side);
        Instant since = Params.instant("from", from);
        Instant until = Params.instant("to", to);
        Params.range(since, until);
        Long after = Params.cursor(cursor);
        int max = Params.limit(limit, 50, 500);
        return user ->
                reader.one(new FindTrades(user.id(), market, direction, since, until, after, max), TradePage.class);
    }

    private Function<UserView, Mono<List<CandleView>>> candles(String symbol, String timeframe, Integer limit) {
        String market = Params.symbol(symbol);
        Timeframe frame = timeframe(timeframe);
        int max = Params.limit(limit, 300, 1000);
        return user -> {
            String chosenSymbol = market != null
                    ? market
                    : user.settings() != null && !user.settings().symbols().isEmpty()
                            ? user.settings().symbols().get(0)
                            : null;
            Timeframe chosenFrame = frame != null
                    ? frame
                    : user.settings() != null ? user.settings().timeframe() : null;
            if (chosenSymbol == null || chosenFrame == null) {
                return Mono.error(Params.bad(
                        "symbol", "symbol and timeframe are required (no trading settings to default from)"));
            }
            return reader.many(new FindCandles(chosenSymbol, chosenFrame, max), CandleView.class);
        };
    }

    private static Direction direction(String side) {
        if (!Params.given("side", side)) {
            return null;
        }
        try {
            return Direction.valueOf(side.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Params.bad("side", "must be LONG or SHORT");
        }
    }

    private static Timeframe timeframe(String value) {
        if (!Params.given("timeframe", value)) {
            return null;
        }
        try {
            return Timeframe.fromCode(value.trim());
        } catch (IllegalArgumentException e) {
            throw Params.bad("timeframe", e.getMessage());
        }
    }
}
