package dev.trenddesk.api.readside;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.Direction;
import java.time.Instant;

/** Questions for the per-user and admin read models, and the live feed subscription. */
public final class ReadSideQueries {

    private ReadSideQueries() {}

    /** The user's newest alerts, newest first; answers a list of {@link AlertView}. */
    public record FindAlerts(UserId userId, int limit) {}

    /** Closed candles of one market, oldest first, the newest {@code limit}; answers a list of {@link CandleView}. */
    public record FindCandles(String symbol, Timeframe timeframe, int limit) {}

    /** Every series of closed candles kept, by symbol and timeframe; answers a list of {@link CandleSeriesView}. */
    public record FindCandleSeries() {}

    /** The dashboard's first paint for one user; answers a {@code TradingViews.DashboardView}, or null for no such user. */
    public record FindDashboard(UserId userId) {}

    /** The user's open positions; answers a list of {@code TradingViews.PositionView}. */
    public record FindPositions(UserId userId) {}

    /** The user's newest orders, newest first; answers a list of {@code TradingViews.OrderView}. */
    public record FindOrders(UserId userId, int limit) {}

    /**
     * The user's closed trades, newest first, filtered by symbol, side and close time (each optional;
     * {@code from} inclusive, {@code to} exclusive), after {@code cursor} (null: from the newest).
     * Answers a {@code TradingViews.TradePage}.
     */
    public record FindTrades(
            UserId userId, String symbol, Direction side, Instant from, Instant to, Long cursor, int limit) {}

    /** The user's sessions with their statistics, newest first; answers a list of {@code TradingViews.SessionView}. */
    public record FindSessions(UserId userId) {}

    /** How the user's closed trades went, over all of them; answers a {@code TradingViews.PerformanceView}. */
    public record FindPerformance(UserId userId) {}

    /** The user's newest signals and skipped candles; answers a list of {@code TradingViews.SignalView}. */
    public record FindSignals(UserId userId, int limit) {}

    /** Totals and one card per user; answers a {@code TradingViews.OverviewView}. */
    public record FindOverview() {}

    /** Every event processor with its lag; answers a list of {@link ProcessorStatus}. */
    public record ListProcessors() {}
}
