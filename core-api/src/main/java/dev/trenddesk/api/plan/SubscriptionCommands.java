package dev.trenddesk.api.plan;

import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of a trader's subscription (the Subscription aggregate, one per trader, {@link #idOf}). */
public final class SubscriptionCommands {

    private SubscriptionCommands() {}

    /** The subscription aggregate's identifier for a trader. */
    public static String idOf(UserId userId) {
        return "subscription-" + userId;
    }

    /**
     * An admin puts a trader on a plan. A paid plan starts a new period now, unpaid (PAST_DUE) until a payment
     * covers it; a free plan is always ACTIVE.
     */
    public record AssignPlan(
            @TargetAggregateIdentifier String subscriptionId,
            UserId userId,
            String planId,
            String reason,
            Instant at) {}

    /**
     * An admin records a payment received outside the platform. The subscription is paid through the end of the
     * covered period from then on.
     *
     * @param periodStart start of the period it covers; null: where the paid time ends (or now when it lapsed)
     * @param periodEnd   end of the period it covers; null: one month after {@code periodStart}
     */
    public record RecordPayment(
            @TargetAggregateIdentifier String subscriptionId,
            UserId userId,
            BigDecimal amount,
            String reference,
            Instant periodStart,
            Instant periodEnd,
            Instant at) {}

    /** The trader will not renew: CANCELLED; the paid time still counts, then no new entries (like PAST_DUE). */
    public record CancelSubscription(
            @TargetAggregateIdentifier String subscriptionId, UserId userId, String reason, Instant at) {}

    /** A trader starts a backtest: counted against the plan's backtests per day (market day of {@code at}). */
    public record ClaimBacktest(@TargetAggregateIdentifier String subscriptionId, UserId userId, Instant at) {}
}
