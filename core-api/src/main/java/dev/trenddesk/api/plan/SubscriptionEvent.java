package dev.trenddesk.api.plan;

import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** What happened to a trader's subscription; who did it is in the metadata. */
public sealed interface SubscriptionEvent {

    String subscriptionId();

    UserId userId();

    Instant at();

    /**
     * @param planIdBefore the plan until now; null: the default plan
     * @param periodStart  the start of the first monthly period on the plan
     * @param paid         the plan has a price (then it is PAST_DUE until a payment covers the period)
     */
    @Revision("1")
    record PlanAssigned(
            String subscriptionId,
            UserId userId,
            String planIdBefore,
            String planId,
            String planName,
            boolean paid,
            Instant periodStart,
            String reason,
            Instant at)
            implements SubscriptionEvent {}

    /** @param paidThrough the end of the paid time after this payment */
    @Revision("1")
    record PaymentRecorded(
            String subscriptionId,
            UserId userId,
            String planId,
            BigDecimal amount,
            String currency,
            String reference,
            Instant periodStart,
            Instant periodEnd,
            Instant paidThrough,
            Instant at)
            implements SubscriptionEvent {}

    @Revision("1")
    record SubscriptionCancelled(String subscriptionId, UserId userId, String reason, Instant at)
            implements SubscriptionEvent {}

    /** @param count the backtests of the market day {@code day} including this one */
    @Revision("1")
    record BacktestClaimed(String subscriptionId, UserId userId, java.time.LocalDate day, int count, Instant at)
            implements SubscriptionEvent {}
}
