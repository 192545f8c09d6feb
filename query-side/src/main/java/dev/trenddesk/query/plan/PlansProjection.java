package dev.trenddesk.query.plan;

import dev.trenddesk.api.plan.PlanEvent.DefaultPlanChosen;
import dev.trenddesk.api.plan.PlanEvent.PlanChanged;
import dev.trenddesk.api.plan.PlanEvent.PlanCreated;
import dev.trenddesk.api.plan.PlanEvent.PlanRetired;
import dev.trenddesk.api.plan.PlanHistoryEntry;
import dev.trenddesk.api.plan.PlanLimits;
import dev.trenddesk.api.plan.PlanQueries.FindPlan;
import dev.trenddesk.api.plan.PlanQueries.FindPlanHistory;
import dev.trenddesk.api.plan.PlanQueries.FindPlans;
import dev.trenddesk.api.plan.PlanQueries.FindTraderPlan;
import dev.trenddesk.api.plan.PlanView;
import dev.trenddesk.api.plan.SubscriptionEvent.PaymentRecorded;
import dev.trenddesk.api.plan.SubscriptionEvent.PlanAssigned;
import dev.trenddesk.api.plan.SubscriptionEvent.SubscriptionCancelled;
import dev.trenddesk.api.plan.SubscriptionStatus;
import dev.trenddesk.api.plan.TraderPlanView;
import dev.trenddesk.api.user.UserEvent.UserErased;
import dev.trenddesk.query.ReadModelJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps plan_view, plan_default_view, trader_plan_view and plan_history: the plans admins edit, which plan each
 * trader is on, their paid time, and the history of changes with who and why. A subscription's status is evaluated
 * when asked, against the market time of the question (docs/plans.md).
 */
@Component
@ProcessingGroup(PlansProjection.GROUP)
public class PlansProjection {

    public static final String GROUP = "plans";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final JdbcTemplate jdbc;

    public PlansProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PlanCreated event) {
        jdbc.update(
                "insert into plan_view (plan_id, name, monthly_price, currency, limits, retired, shipped, updated_at)"
                        + " values (?, ?, ?, ?, ?, false, ?, ?) on conflict (plan_id) do nothing",
                event.planId(),
                event.name(),
                event.monthlyPrice(),
                event.currency(),
                ReadModelJson.write(event.limits()),
                event.shipped(),
                Timestamp.from(event.at()));
    }

    @EventHandler
    void on(PlanChanged event) {
        jdbc.update(
                "update plan_view set name = ?, monthly_price = ?, limits = ?, updated_at = ? where plan_id = ?",
                event.name(),
                event.monthlyPrice(),
                ReadModelJson.write(event.limits()),
                Timestamp.from(event.at()),
                event.planId());
    }

    @EventHandler
    void on(PlanRetired event) {
        jdbc.update(
                "update plan_view set retired = true, updated_at = ? where plan_id = ?",
                Timestamp.from(event.at()),
                event.planId());
    }

    @EventHandler
    void on(DefaultPlanChosen event) {
        if (jdbc.update("update plan_default_view set plan_id = ? where singleton", event.planId()) == 0) {
            jdbc.update("insert into plan_default_view (singleton, plan_id) values (true, ?)", event.planId());
        }
    }

    @EventHandler
    void on(PlanAssigned event, @MetaDataValue("actorId") String actorId) {
        jdbc.update(
                "insert into trader_plan_view (user_id, plan_id, paid, period_start, paid_through, cancelled)"
                        + " values (?, ?, ?, ?, null, false) on conflict (user_id) do update set"
                        + " plan_id = excluded.plan_id, paid = excluded.paid, period_start = excluded.period_start,"
                        + " paid_through = null, cancelled = false",
                event.userId().value(),
                event.planId(),
                event.paid(),
                Timestamp.from(event.periodStart()));
        String before = event.planIdBefore() == null ? "the default plan" : name(event.planIdBefore());
        history(
                event.userId().value(),
                event.at(),
                "ASSIGNED",
                event.planId(),
                "from " + before + " to " + event.planName(),
                event.reason(),
                null,
                actorId);
    }

    @EventHandler
    void on(PaymentRecorded event, @MetaDataValue("actorId") String actorId) {
        jdbc.update(
                "update trader_plan_view set paid_through = ?, cancelled = false where user_id = ?",
                Timestamp.from(event.paidThrough()),
                event.userId().value());
        history(
                event.userId().value(),
                event.at(),
                "PAYMENT",
                event.planId(),
                event.amount().toPlainString() + " " + event.currency() + " (" + event.reference() + ") for "
                        + DAY.format(event.periodStart()) + " to " + DAY.format(event.periodEnd())
                        + "; paid through " + DAY.format(event.paidThrough()),
                null,
                event.reference(),
                actorId);
    }

    @EventHandler
    void on(SubscriptionCancelled event, @MetaDataValue("actorId") String actorId) {
        jdbc.update(
                "update trader_plan_view set cancelled = true where user_id = ?",
                event.userId().value());
        history(
                event.userId().value(),
                event.at(),
                "CANCELLED",
                null,
                "subscription cancelled",
                event.reason(),
                null,
                actorId);
    }

    @EventHandler
    void on(UserErased event) {
        jdbc.update(
                "delete from trader_plan_view where user_id = ?", event.userId().value());
        jdbc.update("delete from plan_history where user_id = ?", event.userId().value());
    }

    private void history(
            java.util.UUID userId,
            Instant at,
            String kind,
            String planId,
            String summary,
            String reason,
            String reference,
            String actor) {
        jdbc.update(
                "insert into plan_history (user_id, at, kind, plan_id, summary, reason, reference, actor_id)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                userId,
                Timestamp.from(at),
                kind,
                planId,
                summary,
                reason,
                reference,
                actor);
    }

    private String name(String planId) {
        return jdbc.queryForList("select name from plan_view where plan_id = ?", String.class, planId).stream()
                .findFirst()
                .orElse(planId);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from plan_view");
        jdbc.update("delete from plan_default_view");
        jdbc.update("delete from trader_plan_view");
        jdbc.update("delete from plan_history");
    }

    @QueryHandler
    public List<PlanView> handle(FindPlans query) {
        return jdbc.query(
                "select p.*, d.plan_id is not null as default_plan from plan_view p"
                        + " left join plan_default_view d on d.plan_id = p.plan_id order by monthly_price, name",
                (rs, i) -> plan(rs));
    }

    @QueryHandler
    public PlanView handle(FindPlan query) {
        return find(query.planId()).orElse(null);
    }

    private Optional<PlanView> find(String planId) {
        return jdbc
                .query(
                        "select p.*, d.plan_id is not null as default_plan from plan_view p"
                                + " left join plan_default_view d on d.plan_id = p.plan_id where p.plan_id = ?",
                        (rs, i) -> plan(rs),
                        planId)
                .stream()
                .findFirst();
    }

    /** The trader's plan as of the query's market time; null when no plan exists yet (none shipped). */
    @QueryHandler
    public TraderPlanView handle(FindTraderPlan query) {
        record Row(String planId, boolean paid, Instant periodStart, Instant paidThrough, boolean cancelled) {}
        Optional<Row> row = jdbc
                .query(
                        "select plan_id, paid, period_start, paid_through, cancelled from trader_plan_view"
                                + " where user_id = ?",
                        (rs, i) -> new Row(
                                rs.getString(1),
                                rs.getBoolean(2),
                                instant(rs, "period_start"),
                                instant(rs, "paid_through"),
                                rs.getBoolean(5)),
                        query.userId().value())
                .stream()
                .findFirst();
        Optional<String> planId = row.map(Row::planId)
                .or(() ->
                        jdbc
                                .queryForList("select plan_id from plan_default_view where singleton", String.class)
                                .stream()
                                .findFirst());
        Optional<PlanView> plan = planId.flatMap(this::find);
        if (plan.isEmpty()) {
            return null;
        }
        Instant now = query.now();
        if (row.isEmpty()) {
            return new TraderPlanView(
                    query.userId(), plan.get(), false, SubscriptionStatus.ACTIVE, null, null, null, now);
        }
        Row r = row.get();
        Instant[] period = SubscriptionStatus.period(r.periodStart(), now);
        return new TraderPlanView(
                query.userId(),
                plan.get(),
                true,
                SubscriptionStatus.of(r.paid(), r.paidThrough(), r.cancelled(), now),
                period[0],
                period[1],
                r.paidThrough(),
                now);
    }

    @QueryHandler
    public List<PlanHistoryEntry> handle(FindPlanHistory query) {
        return jdbc.query(
                "select at, kind, plan_id, summary, reason, reference, actor_id from plan_history where user_id = ?"
                        + " order by at desc, id desc limit 500",
                (rs, i) -> new PlanHistoryEntry(
                        instant(rs, "at"),
                        rs.getString("kind"),
                        rs.getString("plan_id"),
                        rs.getString("summary"),
                        rs.getString("reason"),
                        rs.getString("reference"),
                        rs.getString("actor_id")),
                query.userId().value());
    }

    private static PlanView plan(ResultSet rs) throws SQLException {
        return new PlanView(
                rs.getString("plan_id"),
                rs.getString("name"),
                rs.getBigDecimal("monthly_price"),
                rs.getString("currency"),
                ReadModelJson.read(rs.getString("limits"), PlanLimits.class),
                rs.getBoolean("retired"),
                rs.getBoolean("default_plan"),
                rs.getBoolean("shipped"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
