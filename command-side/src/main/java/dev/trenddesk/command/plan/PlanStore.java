package dev.trenddesk.command.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.plan.PlanLimitException;
import dev.trenddesk.api.plan.PlanLimits;
import dev.trenddesk.api.plan.PlanViolation;
import dev.trenddesk.api.plan.SubscriptionStatus;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Set-based validation for plans and subscriptions: {@code plan_limits}, {@code plan_default} and {@code trader_plan}
 * (V110), written by {@link Plan} and {@link Subscription} in the same transaction as their events, read by
 * TradingSession when a bot starts, its settings change or it asks for an entry (docs/plans.md).
 */
@Component
public class PlanStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A plan as the command side knows it. */
    public record StoredPlan(String planId, String name, BigDecimal monthlyPrice, PlanLimits limits, boolean retired) {
        public boolean paid() {
            return monthlyPrice.signum() > 0;
        }
    }

    /** A trader's assignment. */
    public record Assignment(String planId, Instant periodStart, Instant paidThrough, boolean cancelled) {}

    /** A trader's plan now: the assigned one or the default. */
    public record Effective(StoredPlan plan, Assignment assignment) {
        boolean mayEnter(Instant now) {
            return assignment == null
                    || SubscriptionStatus.mayEnter(plan.paid(), assignment.paidThrough(), assignment.cancelled(), now);
        }
    }

    private final JdbcTemplate jdbc;
    private final boolean liveDeployment;

    public PlanStore(JdbcTemplate jdbc, @Value("${trenddesk.exchange.environment:sim}") String environment) {
        this.jdbc = jdbc;
        this.liveDeployment = "live".equalsIgnoreCase(environment.strip());
    }

    public Optional<StoredPlan> plan(String planId) {
        return jdbc
                .query(
                        "select plan_id, name, monthly_price, limits, retired from plan_limits where plan_id = ?",
                        (rs, i) -> new StoredPlan(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getBigDecimal(3),
                                read(rs.getString(4)),
                                rs.getBoolean(5)),
                        planId)
                .stream()
                .findFirst();
    }

    public Optional<String> defaultPlanId() {
        return jdbc.queryForList("select plan_id from plan_default where singleton", String.class).stream()
                .findFirst();
    }

    public Optional<Assignment> assignment(UserId userId) {
        return jdbc
                .query(
                        "select plan_id, period_start, paid_through, cancelled from trader_plan where user_id = ?",
                        (rs, i) -> new Assignment(
                                rs.getString(1),
                                rs.getTimestamp(2).toInstant(),
                                rs.getTimestamp(3) == null
                                        ? null
                                        : rs.getTimestamp(3).toInstant(),
                                rs.getBoolean(4)),
                        userId.value())
                .stream()
                .findFirst();
    }

    /** The trader's plan: the assigned one, else the default; empty when there are no plans (none shipped yet). */
    public Optional<Effective> effective(UserId userId) {
        Optional<Assignment> assignment = assignment(userId);
        Optional<String> planId = assignment.map(Assignment::planId).or(this::defaultPlanId);
        return planId.flatMap(this::plan).map(plan -> new Effective(plan, assignment.orElse(null)));
    }

    /** Whether another plan that is not retired has this name (case-insensitive). */
    public boolean nameTaken(String name, String exceptPlanId) {
        Integer n = jdbc.queryForObject(
                "select count(*) from plan_limits where lower(name) = lower(?) and not retired and plan_id <> ?",
                Integer.class,
                name,
                exceptPlanId);
        return n != null && n > 0;
    }

    /**
     * Refuses a bot start beyond the trader's plan (422 naming the limit) or while the subscription is past due
     * (409 {@code SUBSCRIPTION_PAST_DUE}).
     */
    public void requireStart(UserId userId, TradingSettings settings, Instant now) {
        Optional<Effective> effective = effective(userId);
        if (effective.isEmpty()) {
            return;
        }
        Effective e = effective.get();
        List<PlanViolation> refused = e.plan().limits().violations(settings, null, liveDeployment);
        if (!refused.isEmpty()) {
            throw new PlanLimitException(e.plan().name(), refused);
        }
        if (!e.mayEnter(now)) {
            throw new DomainRejection(
                    RejectionCode.SUBSCRIPTION_PAST_DUE,
                    "your " + e.plan().name() + " subscription is not paid for now: a bot starts again once an "
                            + "admin records the payment");
        }
    }

    /** Refuses new settings of a running or paused bot beyond the plan; what the bot has already may stay. */
    public void requireChange(UserId userId, TradingSettings next, TradingSettings kept) {
        effective(userId).ifPresent(e -> {
            List<PlanViolation> refused = e.plan().limits().violations(next, kept, null);
            if (!refused.isEmpty()) {
                throw new PlanLimitException(e.plan().name(), refused);
            }
        });
    }

    /** Refuses a new position while the subscription is past due (exits are never asked about). */
    public void requireEntry(UserId userId, Instant now) {
        Optional<Assignment> assignment = assignment(userId);
        if (assignment.isEmpty()) {
            return;
        }
        plan(assignment.get().planId())
                .map(p -> new Effective(p, assignment.get()))
                .ifPresent(e -> {
                    if (!e.mayEnter(now)) {
                        throw new DomainRejection(
                                RejectionCode.ENTRY_SUBSCRIPTION_PAST_DUE,
                                "the " + e.plan().name() + " subscription is past due: no new positions");
                    }
                });
    }

    void plan(String planId, String name, BigDecimal monthlyPrice, PlanLimits limits, boolean retired) {
        int updated = jdbc.update(
                "update plan_limits set name = ?, monthly_price = ?, limits = ?, retired = ? where plan_id = ?",
                name,
                monthlyPrice,
                write(limits),
                retired,
                planId);
        if (updated == 0) {
            jdbc.update(
                    "insert into plan_limits (plan_id, name, monthly_price, limits, retired) values (?, ?, ?, ?, ?)",
                    planId,
                    name,
                    monthlyPrice,
                    write(limits),
                    retired);
        }
    }

    void makeDefault(String planId) {
        if (jdbc.update("update plan_default set plan_id = ? where singleton", planId) == 0) {
            jdbc.update("insert into plan_default (singleton, plan_id) values (true, ?)", planId);
        }
    }

    void assign(UserId userId, String planId, Instant periodStart) {
        jdbc.update(
                "insert into trader_plan (user_id, plan_id, period_start, paid_through, cancelled)"
                        + " values (?, ?, ?, null, false) on conflict (user_id) do update set plan_id = excluded.plan_id,"
                        + " period_start = excluded.period_start, paid_through = null, cancelled = false",
                userId.value(),
                planId,
                Timestamp.from(periodStart));
    }

    void paidThrough(UserId userId, Instant paidThrough) {
        jdbc.update(
                "update trader_plan set paid_through = ?, cancelled = false where user_id = ?",
                Timestamp.from(paidThrough),
                userId.value());
    }

    void cancelled(UserId userId) {
        jdbc.update("update trader_plan set cancelled = true where user_id = ?", userId.value());
    }

    private static String write(PlanLimits limits) {
        try {
            return JSON.writeValueAsString(limits);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan limits could not be written as JSON", e);
        }
    }

    private static PlanLimits read(String json) {
        try {
            return JSON.readValue(json, PlanLimits.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan_limits.limits is not readable", e);
        }
    }
}
