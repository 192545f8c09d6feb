package dev.trenddesk.command.plan;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.plan.PlanCommands;
import dev.trenddesk.api.plan.PlanLimitException;
import dev.trenddesk.api.plan.PlanViolation;
import dev.trenddesk.api.plan.SubscriptionCommands.AssignPlan;
import dev.trenddesk.api.plan.SubscriptionCommands.CancelSubscription;
import dev.trenddesk.api.plan.SubscriptionCommands.ClaimBacktest;
import dev.trenddesk.api.plan.SubscriptionCommands.RecordPayment;
import dev.trenddesk.api.plan.SubscriptionEvent.BacktestClaimed;
import dev.trenddesk.api.plan.SubscriptionEvent.PaymentRecorded;
import dev.trenddesk.api.plan.SubscriptionEvent.PlanAssigned;
import dev.trenddesk.api.plan.SubscriptionEvent.SubscriptionCancelled;
import dev.trenddesk.command.AggregateView;
import dev.trenddesk.command.platform.PlatformHalt;
import dev.trenddesk.command.user.UserDirectory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A trader's subscription: the plan an admin assigned (none: the default plan), its monthly periods, the payments
 * admins recorded, a cancellation, and the backtests of the current market day (docs/plans.md). Its status is
 * evaluated on read ({@link dev.trenddesk.api.plan.SubscriptionStatus}); {@link PlanStore} mirrors it for
 * TradingSession in the same transaction.
 */
@Aggregate
public class Subscription implements AggregateView {

    public static final int MAX_REFERENCE = 100;
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000");
    private static final Instant EARLIEST_PERIOD = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST_PERIOD = Instant.parse("2200-01-01T00:00:00Z");

    @AggregateIdentifier
    private String subscriptionId;

    private UserId userId;
    private String planId;
    private boolean paid;
    private Instant periodStart;
    private Instant paidThrough;
    private final java.util.Set<String> references = new java.util.HashSet<>();
    private boolean cancelled;
    private LocalDate backtestDay;
    private int backtests;

    /** What time travel shows. */
    public record View(
            String planId, boolean paid, Instant periodStart, Instant paidThrough, boolean cancelled, int backtests) {}

    protected Subscription() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AssignPlan command, PlanStore plans, UserDirectory directory) {
        subscriptionId = command.subscriptionId();
        userId = command.userId();
        String why = Plan.reason(command.reason());
        if (command.userId() == null || directory.roleOf(command.userId()).orElse(null) != Role.TRADER) {
            throw new DomainRejection(RejectionCode.PLAN_TRADER_ONLY, "plans are for traders only");
        }
        PlanStore.StoredPlan plan =
                plans.plan(command.planId()).orElseThrow(() -> new InvalidInputException("planId", "is not a plan"));
        if (plan.retired()) {
            throw new DomainRejection(RejectionCode.PLAN_RETIRED, plan.name() + " is retired");
        }
        if (plan.planId().equals(planId) && !cancelled) {
            return;
        }
        plans.assign(command.userId(), plan.planId(), command.at());
        apply(new PlanAssigned(
                subscriptionId,
                command.userId(),
                planId,
                plan.planId(),
                plan.name(),
                plan.paid(),
                command.at(),
                why,
                command.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordPayment command, PlanStore plans) {
        subscriptionId = command.subscriptionId();
        userId = command.userId();
        List<FieldViolation> out = new ArrayList<>();
        if (command.amount() == null
                || command.amount().signum() <= 0
                || command.amount().compareTo(MAX_AMOUNT) > 0) {
            out.add(new FieldViolation("amount", "must be more than 0 and at most " + MAX_AMOUNT.toPlainString()));
        } else if (command.amount().stripTrailingZeros().scale() > 2) {
            out.add(new FieldViolation("amount", "must have at most 2 decimals (cents)"));
        }
        String reference =
                command.reference() == null ? "" : command.reference().strip();
        if (reference.isEmpty() || reference.length() > MAX_REFERENCE) {
            out.add(new FieldViolation("reference", "must be 1 to " + MAX_REFERENCE + " characters"));
        }
        if (!out.isEmpty()) {
            throw new InvalidInputException(out);
        }
        try {
            PlatformHalt.requirePlainText(reference);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("reference", "must be plain text");
        }
        if (planId == null || !paid) {
            throw new DomainRejection(
                    RejectionCode.PLAN_NOT_PAID, "the trader is on a free plan: assign a paid plan first");
        }
        if (references.contains(reference)) {
            // a retry of the same payment (an answer lost, a second click) must not pay twice
            throw new InvalidInputException(
                    "reference", "'" + reference + "' is recorded already: a payment is recorded once");
        }
        requirePeriodBound("periodStart", command.periodStart());
        requirePeriodBound("periodEnd", command.periodEnd());
        Instant from = command.periodStart() != null
                ? command.periodStart()
                : paidThrough != null && paidThrough.isAfter(command.at()) ? paidThrough : command.at();
        Instant to = command.periodEnd() != null
                ? command.periodEnd()
                : from.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        if (!to.isAfter(from)) {
            throw new InvalidInputException("periodEnd", "must be after periodStart");
        }
        if (to.isAfter(from.atZone(ZoneOffset.UTC).plusYears(2).toInstant())) {
            throw new InvalidInputException("periodEnd", "a payment covers at most 2 years");
        }
        Instant through = paidThrough == null || to.isAfter(paidThrough) ? to : paidThrough;
        plans.paidThrough(command.userId(), through);
        apply(new PaymentRecorded(
                subscriptionId,
                command.userId(),
                planId,
                command.amount(),
                PlanCommands.CURRENCY,
                reference,
                from,
                to,
                through,
                command.at()));
    }

    private static void requirePeriodBound(String field, Instant at) {
        if (at != null && (at.isBefore(EARLIEST_PERIOD) || at.isAfter(LATEST_PERIOD))) {
            throw new InvalidInputException(field, "must be between " + EARLIEST_PERIOD + " and " + LATEST_PERIOD);
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CancelSubscription command, PlanStore plans) {
        subscriptionId = command.subscriptionId();
        userId = command.userId();
        String why = Plan.reason(command.reason());
        if (planId == null || !paid) {
            throw new DomainRejection(
                    RejectionCode.PLAN_NOT_PAID, "the trader is on a free plan: there is nothing to cancel");
        }
        if (cancelled) {
            return;
        }
        plans.cancelled(command.userId());
        apply(new SubscriptionCancelled(subscriptionId, command.userId(), why, command.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ClaimBacktest command, PlanStore plans) {
        subscriptionId = command.subscriptionId();
        userId = command.userId();
        LocalDate day = command.at().atZone(ZoneOffset.UTC).toLocalDate();
        int count = day.equals(backtestDay) ? backtests : 0;
        plans.effective(command.userId()).ifPresent(e -> {
            int allowed = e.plan().limits().backtestsPerDay();
            if (count >= allowed) {
                throw new PlanLimitException(
                        e.plan().name(),
                        new PlanViolation(
                                "backtest",
                                "plan.backtestsPerDay",
                                "your plan allows " + allowed + " backtest" + (allowed == 1 ? "" : "s")
                                        + " per day; the next one is possible tomorrow (UTC)"));
            }
        });
        apply(new BacktestClaimed(subscriptionId, command.userId(), day, count + 1, command.at()));
    }

    @EventSourcingHandler
    void on(PlanAssigned event) {
        subscriptionId = event.subscriptionId();
        userId = event.userId();
        planId = event.planId();
        paid = event.paid();
        periodStart = event.periodStart();
        paidThrough = null;
        cancelled = false;
    }

    @EventSourcingHandler
    void on(PaymentRecorded event) {
        references.add(event.reference());
        paidThrough = event.paidThrough();
        cancelled = false;
    }

    @EventSourcingHandler
    void on(SubscriptionCancelled event) {
        cancelled = true;
    }

    @EventSourcingHandler
    void on(BacktestClaimed event) {
        subscriptionId = event.subscriptionId();
        userId = event.userId();
        backtestDay = event.day();
        backtests = event.count();
    }

    @Override
    public Object view() {
        return new View(planId, paid, periodStart, paidThrough, cancelled, backtests);
    }
}
