package dev.trenddesk.api.readside;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.TradingSessionId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the dashboard shows of a trader's trading, as kept by the per-user read models. Money is
 * USDT, percentages are percent (2.5 means 2.5 %), times are UTC.
 */
public final class TradingViews {

    private TradingViews() {}

    /**
     * The trader's account as last observed on BingX.
     *
     * @param balance       equity without the unrealised PnL of open positions
     * @param unrealisedPnl open positions valued at the last closed candle of their symbol
     * @param pnlToday      equity against the UTC day's opening equity
     * @param pnlAllTime    equity against the initial balance of the trader's first session
     */
    public record AccountView(
            UserId userId,
            BigDecimal balance,
            BigDecimal equity,
            BigDecimal unrealisedPnl,
            BigDecimal availableBalance,
            BigDecimal pnlToday,
            BigDecimal pnlTodayPct,
            BigDecimal pnlAllTime,
            BigDecimal pnlAllTimePct,
            Instant updatedAt) {}

    /**
     * The trader's bot: the latest session, with today's closed trades and their net PnL, the exchange it
     * trades on and the strategy it trades with, so every reader of the dashboard (a granted viewer too) can
     * draw that strategy's indicators.
     *
     * @param strategy the strategy of the session's settings as last started or changed (sessions recorded
     *                 before the read model kept it: ADX_TREND, as their upcast events say)
     * @param emaFast  the fast EMA's period of those settings (EMA_CROSS; 9 where the settings predate it)
     * @param emaSlow  the slow EMA's period of those settings (EMA_CROSS; 21 where the settings predate it)
     */
    public record BotView(
            TradingSessionId sessionId,
            String status,
            Instant startedAt,
            Instant updatedAt,
            String stopReason,
            String stopDetail,
            int tradesToday,
            BigDecimal pnlToday,
            ExchangeName exchange,
            StrategyId strategy,
            int emaFast,
            int emaSlow) {}

    /**
     * An open position, valued at the last closed candle of its symbol (null when none is known).
     *
     * @param external true for a position BingX holds that the bot did not open: shown, never traded by the bot
     * @param funding  funding fees BingX booked on it since it opened, signed (negative: paid); zero for external ones
     */
    public record PositionView(
            TradingSessionId sessionId,
            String symbol,
            Direction side,
            String positionSide,
            BigDecimal quantity,
            BigDecimal entryPrice,
            BigDecimal stopLoss,
            BigDecimal takeProfit,
            BigDecimal markPrice,
            BigDecimal unrealisedPnl,
            Instant openedAt,
            boolean external,
            BigDecimal funding) {}

    /** An order through its life: REQUESTED, PLACED, REJECTED or FILLED. */
    public record OrderView(
            String clientOrderId,
            TradingSessionId sessionId,
            String symbol,
            String intent,
            String side,
            String direction,
            BigDecimal quantity,
            BigDecimal stopLoss,
            BigDecimal takeProfit,
            String status,
            String exchangeOrderId,
            BigDecimal fillPrice,
            BigDecimal filledQuantity,
            BigDecimal fee,
            Integer rejectCode,
            String rejectMessage,
            Instant requestedAt,
            Instant updatedAt) {}

    /**
     * A closed position; {@code netPnl} = realised PnL − fees + funding.
     *
     * @param funding funding fees booked on the position while it was held, signed (negative: paid)
     * @param reason  the exit reason, e.g. STOP_LOSS, DI_CROSS, LIQUIDATION
     * @param openedAt when the position was opened, so {@code closedAt − openedAt} is how long it was held; null
     *                 for trades stored before this was recorded, until the read models are rebuilt
     * @param imported true for a trade of the single-user bot brought in by {@code import-legacy} (reason
     *                 IMPORTED, no session: {@code sessionId} null); it counts in the trade history and performance,
     *                 not in the account's "P&amp;L all time" (ADR 0030)
     */
    public record TradeView(
            String tradeId,
            TradingSessionId sessionId,
            String symbol,
            Direction side,
            BigDecimal quantity,
            BigDecimal entryPrice,
            BigDecimal exitPrice,
            BigDecimal realisedPnl,
            BigDecimal fees,
            BigDecimal netPnl,
            String reason,
            Instant closedAt,
            BigDecimal funding,
            Instant openedAt,
            boolean imported) {}

    /** One page of trades, newest first; {@code nextCursor} null on the last page. */
    public record TradePage(List<TradeView> trades, String nextCursor) {

        public TradePage {
            trades = List.copyOf(trades);
        }
    }

    /**
     * How the trader's closed trades went, over all of them: a win is a trade with positive net P&L, a loss one
     * with negative; {@code profitFactor} is gross profit over gross loss (null without a loss);
     * {@code maxDrawdown} the largest fall of the cumulative net P&L from an earlier high (starting at zero before
     * the first trade), in the account's currency; {@code averageHoldSeconds} how long a position was held on
     * average, over the trades whose opening is known (null when none is); {@code curve} the cumulative net P&L after each trade, at most
     * {@value #CURVE_POINTS} points (spread evenly over the trades, the last always in).
     */
    public record PerformanceView(
            int trades,
            int wins,
            int losses,
            BigDecimal winRatePct,
            BigDecimal netPnl,
            BigDecimal grossProfit,
            BigDecimal grossLoss,
            BigDecimal profitFactor,
            BigDecimal averageTrade,
            Long averageHoldSeconds,
            BigDecimal bestTrade,
            BigDecimal worstTrade,
            BigDecimal maxDrawdown,
            List<EquityPoint> curve) {

        public static final int CURVE_POINTS = 500;

        public PerformanceView {
            curve = List.copyOf(curve);
        }
    }

    /** The cumulative net P&L of the closed trades right after the one that closed at {@code at}. */
    public record EquityPoint(Instant at, BigDecimal cumulativePnl) {}

    /**
     * A session with its statistics and the exchange it traded on; a win is a trade with positive net PnL.
     *
     * @param settings        the settings the run traded with, the latest if they were changed while it ran (null for
     *                        runs stored before this was recorded, until the read models are rebuilt)
     * @param settingsChanges how often the settings were changed while it ran
     */
    public record SessionView(
            TradingSessionId sessionId,
            String status,
            Instant startedAt,
            Instant stoppedAt,
            BigDecimal initialBalance,
            String stopReason,
            String stopDetail,
            int trades,
            int wins,
            int losses,
            BigDecimal winRatePct,
            BigDecimal pnl,
            ExchangeName exchange,
            TradingSettings settings,
            int settingsChanges) {}

    /**
     * A signal the strategy generated ({@code outcome} SIGNAL) or a candle it skipped ({@code SKIPPED},
     * with the reason), with the indicator values it saw.
     */
    public record SignalView(
            String signalId,
            TradingSessionId sessionId,
            String symbol,
            Direction side,
            Instant candleTime,
            BigDecimal adx,
            BigDecimal plusDi,
            BigDecimal minusDi,
            BigDecimal atr,
            BigDecimal confidence,
            String outcome,
            String reasonCode,
            String reason,
            Instant at) {}

    /**
     * The user's exchange connection as the credentials read model shows it (never a secret).
     *
     * @param status   VERIFIED, PENDING, FAILED, DISCONNECTED, ... ; {@code health} HEALTHY or UNHEALTHY once checked
     * @param exchange the exchange of the key
     */
    public record ConnectionSummary(
            String status, String health, String maskedApiKey, Instant lastCheckedAt, ExchangeName exchange) {}

    /** Everything the dashboard's first paint needs; parts are null or empty when nothing happened yet. */
    public record DashboardView(
            UserId userId,
            String username,
            AccountView account,
            BotView bot,
            ConnectionSummary connection,
            List<PositionView> positions,
            List<AlertView> alerts,
            List<SignalView> signals) {

        public DashboardView {
            positions = List.copyOf(positions);
            alerts = List.copyOf(alerts);
            signals = List.copyOf(signals);
        }
    }

    /** Platform totals for admins: bots by status, total equity and today's PnL over every trader. */
    public record OverviewTotals(
            int users,
            int activeUsers,
            int runningBots,
            int pausedBots,
            int stoppedBots,
            BigDecimal totalEquity,
            BigDecimal pnlToday) {}

    /** One user's card on the admin overview. */
    public record UserCard(
            UserId userId,
            String username,
            Role role,
            boolean active,
            String botStatus,
            String connectionStatus,
            String connectionHealth,
            BigDecimal equity,
            BigDecimal pnlToday,
            int tradesToday,
            int openPositions,
            Instant lastUpdate) {}

    /** The admin overview: totals and one card per user. */
    public record OverviewView(OverviewTotals totals, List<UserCard> users) {

        public OverviewView {
            users = List.copyOf(users);
        }
    }
}
