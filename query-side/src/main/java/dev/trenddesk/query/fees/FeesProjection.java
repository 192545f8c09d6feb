package dev.trenddesk.query.fees;

import static dev.trenddesk.query.readside.ProjectionWrites.ts;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.fees.FeeCommands;
import dev.trenddesk.api.fees.FeeCommands.SettleFeePeriod;
import dev.trenddesk.api.fees.FeeEvent.FeePeriodSettled;
import dev.trenddesk.api.fees.FeeEvent.FeeTermsSet;
import dev.trenddesk.api.fees.FeeQueries.FindAllFees;
import dev.trenddesk.api.fees.FeeQueries.FindDueFeeSettlements;
import dev.trenddesk.api.fees.FeeQueries.FindFeeSettlements;
import dev.trenddesk.api.fees.FeeQueries.FindFees;
import dev.trenddesk.api.fees.FeeSettlementView;
import dev.trenddesk.api.fees.FeesOverview;
import dev.trenddesk.api.fees.FeesView;
import dev.trenddesk.api.fees.HighWaterMark;
import dev.trenddesk.api.fees.SettlementPeriod;
import dev.trenddesk.api.trading.TradingSessionEvent.EquityObserved;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionReduced;
import dev.trenddesk.query.readside.ProjectionWrites;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Performance fees (docs/fees.md): the fee ledger (every closed trade's net P&amp;L, numbered per trader), the
 * equity readings per period, and each trader's fee account and settlements as the FeeAccount aggregate recorded
 * them. Sequenced per user; every write is keyed (trade id, user and period), so a redelivered event changes
 * nothing, and the whole can be rebuilt from the events.
 */
@Component
@ProcessingGroup(FeesProjection.GROUP)
public class FeesProjection {

    public static final String GROUP = "fees";

    private static final String SETTLEMENT_COLUMNS = "period, period_start, period_end, start_equity, end_equity,"
            + " hwm_before, hwm_after, period_net, cumulative, rate, fee, trades, settled_at";

    private final ProjectionWrites writes;
    private final JdbcTemplate jdbc;

    public FeesProjection(ProjectionWrites writes) {
        this.writes = writes;
        this.jdbc = writes.jdbc();
    }

    /** A closed position's net result (realised − fees + funding) joins the ledger. */
    @EventHandler
    void on(PositionClosed e, @MessageIdentifier String eventId) {
        ledger(eventId, e.userId(), e.at(), e.netPnl());
    }

    /** A partly closed position: the part's realised P&amp;L less its exit fee (its entry fee goes with the rest). */
    @EventHandler
    void on(PositionReduced e, @MessageIdentifier String eventId) {
        ledger(eventId, e.userId(), e.at(), e.realisedPnl().subtract(e.fee()));
    }

    private void ledger(String tradeId, UserId userId, Instant closedAt, BigDecimal net) {
        writes.atomically(() -> jdbc.update("""
                insert into fee_ledger (trade_id, user_id, trade_no, closed_at, net_pnl)
                select ?, ?, coalesce(max(trade_no), 0) + 1, ?, ? from fee_ledger where user_id = ?
                on conflict (trade_id) do nothing
                """, tradeId, userId.value(), ts(closedAt), net, userId.value()));
    }

    /** The bot's equity readings: the newest of each period is the period's end equity. */
    @EventHandler
    void on(EquityObserved e) {
        Instant periodStart = SettlementPeriod.MONTHLY.start(e.at());
        writes.atomically(() -> jdbc.update("""
                insert into fee_equity (user_id, period_start, equity, observed_at) values (?, ?, ?, ?)
                on conflict (user_id, period_start) do update set equity = excluded.equity,
                    observed_at = excluded.observed_at where fee_equity.observed_at <= excluded.observed_at
                """, e.userId().value(), ts(periodStart), e.equity(), ts(e.at())));
    }

    @EventHandler
    void on(FeeTermsSet e) {
        writes.atomically(
                () -> jdbc.update("""
                insert into fee_accounts (user_id, rate, settlement_period) values (?, ?, ?)
                on conflict (user_id) do update set rate = excluded.rate,
                    settlement_period = excluded.settlement_period
                """, e.userId().value(), e.rate(), e.period().name()));
    }

    @EventHandler
    void on(FeePeriodSettled e) {
        writes.atomically(() -> {
            int inserted = jdbc.update(
                    "insert into fee_settlements (user_id, " + SETTLEMENT_COLUMNS + ")"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                    e.userId().value(),
                    e.period(),
                    ts(e.periodStart()),
                    ts(e.periodEnd()),
                    e.startEquity(),
                    e.endEquity(),
                    e.highWaterMarkBefore(),
                    e.highWaterMarkAfter(),
                    e.periodNetProfit(),
                    e.cumulativeProfit(),
                    e.rate(),
                    e.fee(),
                    e.trades(),
                    ts(e.at()));
            if (inserted == 0) {
                return;
            }
            jdbc.update(
                    """
                    insert into fee_accounts (user_id, high_water_mark, cumulative_profit, settled_through,
                        through_trade, total_fees, settlements, last_settled)
                    values (?, ?, ?, ?, ?, ?, 1, ?)
                    on conflict (user_id) do update set high_water_mark = excluded.high_water_mark,
                        cumulative_profit = excluded.cumulative_profit, settled_through = excluded.settled_through,
                        through_trade = excluded.through_trade,
                        total_fees = fee_accounts.total_fees + excluded.total_fees,
                        settlements = fee_accounts.settlements + 1, last_settled = excluded.last_settled
                    """,
                    e.userId().value(),
                    e.highWaterMarkAfter(),
                    e.cumulativeProfit(),
                    ts(e.periodEnd()),
                    e.throughTrade(),
                    e.fee(),
                    e.period());
        });
    }

    @ResetHandler
    void reset() {
        for (String table : new String[] {"fee_ledger", "fee_equity", "fee_accounts", "fee_settlements"}) {
            jdbc.update("delete from " + table);
        }
    }

    /** One trader's account as the fee tables have it, with the ledger's trades not settled yet. */
    private record Account(
            UUID userId,
            String username,
            BigDecimal rate,
            SettlementPeriod period,
            BigDecimal mark,
            BigDecimal settledCumulative,
            Instant settledThrough,
            long throughTrade,
            BigDecimal totalFees,
            int settlements,
            String lastSettled,
            BigDecimal unsettled,
            Instant firstUnsettled) {

        BigDecimal cumulative() {
            return settledCumulative.add(unsettled);
        }

        /** Start of the period not settled yet: after the last settled one, else the first trade's; null: none. */
        Instant periodStart() {
            if (settledThrough != null) {
                return settledThrough;
            }
            return firstUnsettled == null ? null : period.start(firstUnsettled);
        }

        BigDecimal accrued() {
            return HighWaterMark.accrued(mark, cumulative(), rate);
        }
    }

    private static final String ACCOUNTS = """
            with traders as (
                select user_id from fee_accounts union select distinct user_id from fee_ledger)
            select t.user_id, u.username, coalesce(a.rate, 0) as rate,
                coalesce(a.settlement_period, 'MONTHLY') as settlement_period,
                coalesce(a.high_water_mark, 0) as high_water_mark, coalesce(a.cumulative_profit, 0) as cumulative,
                a.settled_through, coalesce(a.through_trade, 0) as through_trade,
                coalesce(a.total_fees, 0) as total_fees, coalesce(a.settlements, 0) as settlements, a.last_settled,
                coalesce((select sum(l.net_pnl) from fee_ledger l where l.user_id = t.user_id
                    and l.trade_no > coalesce(a.through_trade, 0)), 0) as unsettled,
                (select min(l.closed_at) from fee_ledger l where l.user_id = t.user_id
                    and l.trade_no > coalesce(a.through_trade, 0)) as first_unsettled
            from traders t left join fee_accounts a on a.user_id = t.user_id
                left join users_view u on u.id = t.user_id
            """;

    private List<Account> accounts(String where, Object... args) {
        return jdbc.query(ACCOUNTS + where, (rs, i) -> account(rs), args);
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(
                rs.getObject("user_id", UUID.class),
                rs.getString("username"),
                rs.getBigDecimal("rate"),
                SettlementPeriod.valueOf(rs.getString("settlement_period")),
                rs.getBigDecimal("high_water_mark"),
                rs.getBigDecimal("cumulative"),
                instant(rs, "settled_through"),
                rs.getLong("through_trade"),
                rs.getBigDecimal("total_fees"),
                rs.getInt("settlements"),
                rs.getString("last_settled"),
                rs.getBigDecimal("unsettled"),
                instant(rs, "first_unsettled"));
    }

    @QueryHandler
    public FeesView handle(FindFees query) {
        List<Account> found = accounts("where t.user_id = ?", query.userId().value());
        if (found.isEmpty()) {
            return FeesView.none(query.userId());
        }
        Account a = found.getFirst();
        List<FeeSettlementView> settlements = jdbc.query(
                "select " + SETTLEMENT_COLUMNS + " from fee_settlements where user_id = ? order by period_start desc",
                (rs, i) -> settlement(rs),
                query.userId().value());
        return new FeesView(
                query.userId(),
                a.rate(),
                a.period(),
                a.mark(),
                a.periodStart(),
                a.cumulative(),
                a.accrued(),
                a.totalFees(),
                settlements);
    }

    @QueryHandler
    public List<FeeSettlementView> handle(FindFeeSettlements query) {
        return jdbc.query(
                "select " + SETTLEMENT_COLUMNS + " from fee_settlements where user_id = ? and period_start >= ?"
                        + " and period_start < ? order by period_start",
                (rs, i) -> settlement(rs),
                query.userId().value(),
                ts(query.from()),
                ts(query.to()));
    }

    @QueryHandler
    public FeesOverview handle(FindAllFees query) {
        List<FeesOverview.TraderFees> traders = new ArrayList<>();
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal accrued = BigDecimal.ZERO;
        for (Account a : accounts("order by u.username nulls last, t.user_id")) {
            traders.add(new FeesOverview.TraderFees(
                    new UserId(a.userId()),
                    a.username(),
                    a.rate(),
                    a.period(),
                    a.mark(),
                    a.cumulative(),
                    a.accrued(),
                    a.totalFees(),
                    a.settlements(),
                    a.lastSettled(),
                    a.periodStart()));
            revenue = revenue.add(a.totalFees());
            accrued = accrued.add(a.accrued());
        }
        return new FeesOverview(traders, revenue, accrued);
    }

    /**
     * The next period of every trader whose next period has ended by market now: the ledger's trades after the
     * last settled one, in the order they were recorded, up to the first that closed at or after the period's end
     * (a trade that closed in the period but was recorded after one of the next period counts in the next
     * settlement, as one recorded after the settlement does), and the equity readings.
     */
    @QueryHandler
    public List<SettleFeePeriod> handle(FindDueFeeSettlements query) {
        List<SettleFeePeriod> due = new ArrayList<>();
        for (Account a : accounts("")) {
            Instant start = a.periodStart();
            if (start == null) {
                continue;
            }
            Instant end = a.period().end(start);
            if (end.isAfter(query.marketNow())) {
                continue;
            }
            UUID user = a.userId();
            // the contiguous run of trade numbers after the last settled one, up to (not including) the first that
            // closed at or after the end: a trade of this period recorded after one of the next counts in the next
            Long firstLater = jdbc.queryForObject(
                    "select min(trade_no) from fee_ledger where user_id = ? and trade_no > ? and closed_at >= ?",
                    Long.class,
                    user,
                    a.throughTrade(),
                    ts(end));
            Long through = firstLater != null
                    ? Long.valueOf(firstLater - 1)
                    : jdbc.queryForObject(
                            "select max(trade_no) from fee_ledger where user_id = ? and trade_no > ?",
                            Long.class,
                            user,
                            a.throughTrade());
            long last = through == null ? a.throughTrade() : Math.max(a.throughTrade(), through);
            BigDecimal net = jdbc.queryForObject(
                    "select coalesce(sum(net_pnl), 0) from fee_ledger where user_id = ? and trade_no > ?"
                            + " and trade_no <= ?",
                    BigDecimal.class,
                    user,
                    a.throughTrade(),
                    last);
            due.add(new SettleFeePeriod(
                    FeeCommands.accountId(new UserId(user)),
                    new UserId(user),
                    start,
                    end,
                    a.throughTrade(),
                    last,
                    net,
                    equityBefore(user, start),
                    equityBefore(user, end),
                    query.marketNow()));
        }
        return due;
    }

    /** The last equity reading of a period before {@code at}; null when none. */
    private BigDecimal equityBefore(UUID user, Instant at) {
        return jdbc
                .queryForList(
                        "select equity from fee_equity where user_id = ? and period_start < ?"
                                + " order by period_start desc limit 1",
                        BigDecimal.class,
                        user,
                        ts(at))
                .stream()
                .findFirst()
                .orElse(null);
    }

    private static FeeSettlementView settlement(ResultSet rs) throws SQLException {
        return new FeeSettlementView(
                rs.getString("period"),
                instant(rs, "period_start"),
                instant(rs, "period_end"),
                rs.getBigDecimal("start_equity"),
                rs.getBigDecimal("end_equity"),
                rs.getBigDecimal("hwm_before"),
                rs.getBigDecimal("hwm_after"),
                rs.getBigDecimal("period_net"),
                rs.getBigDecimal("cumulative"),
                rs.getBigDecimal("rate"),
                rs.getBigDecimal("fee"),
                rs.getInt("trades"),
                instant(rs, "settled_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
