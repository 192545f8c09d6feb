package dev.trenddesk.command.plan;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.plan.PlanLimitException;
import dev.trenddesk.api.plan.PlanLimits;
import dev.trenddesk.api.plan.SubscriptionCommands;
import dev.trenddesk.api.plan.SubscriptionCommands.AssignPlan;
import dev.trenddesk.api.plan.SubscriptionCommands.CancelSubscription;
import dev.trenddesk.api.plan.SubscriptionCommands.ClaimBacktest;
import dev.trenddesk.api.plan.SubscriptionCommands.RecordPayment;
import dev.trenddesk.api.plan.SubscriptionEvent.BacktestClaimed;
import dev.trenddesk.api.plan.SubscriptionEvent.PaymentRecorded;
import dev.trenddesk.api.plan.SubscriptionEvent.PlanAssigned;
import dev.trenddesk.api.plan.SubscriptionEvent.SubscriptionCancelled;
import dev.trenddesk.api.plan.SubscriptionStatus;
import dev.trenddesk.command.Refusals;
import dev.trenddesk.command.user.UserDirectory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant MONTH = Instant.parse("2027-01-01T10:00:00Z");
    private static final UserId UID = UserId.of("00000000-0000-0000-0000-000000000003");
    private static final String SID = SubscriptionCommands.idOf(UID);
    private static final PlanLimits FREE_LIMITS =
            new PlanLimits(List.of("BTC-USDT"), 1, List.of(), List.of(), false, 3, 2, List.of());
    private static final PlanStore.StoredPlan FREE =
            new PlanStore.StoredPlan("free", "Free", BigDecimal.ZERO, FREE_LIMITS, false);
    private static final PlanStore.StoredPlan PRO =
            new PlanStore.StoredPlan("pro", "Pro", new BigDecimal("49.00"), PlanLimits.unlimited(), false);

    private AggregateTestFixture<Subscription> fixture;
    private PlanStore plans;
    private UserDirectory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Subscription.class);
        plans = mock(PlanStore.class);
        directory = mock(UserDirectory.class);
        when(directory.roleOf(UID)).thenReturn(Optional.of(Role.TRADER));
        when(plans.plan("free")).thenReturn(Optional.of(FREE));
        when(plans.plan("pro")).thenReturn(Optional.of(PRO));
        fixture.registerInjectableResource(plans);
        fixture.registerInjectableResource(directory);
    }

    private static PlanAssigned assignedPro() {
        return new PlanAssigned(SID, UID, null, "pro", "Pro", true, T0, "upgrade", T0);
    }

    @Test
    void anAdminAssignsAPlanToATraderOnly() {
        fixture.givenNoPriorActivity()
                .when(new AssignPlan(SID, UID, "pro", "upgrade", T0))
                .expectEvents(assignedPro());
        verify(plans).assign(UID, "pro", T0);
        when(directory.roleOf(UID)).thenReturn(Optional.of(Role.VIEWER));
        fixture.givenNoPriorActivity()
                .when(new AssignPlan(SID, UID, "pro", "upgrade", T0))
                .expectException(Refusals.refusedWith(RejectionCode.PLAN_TRADER_ONLY))
                .expectNoEvents();
    }

    @Test
    void aRetiredPlanIsNotAssigned() {
        when(plans.plan("old"))
                .thenReturn(Optional.of(
                        new PlanStore.StoredPlan("old", "Old", BigDecimal.ONE, PlanLimits.unlimited(), true)));
        fixture.givenNoPriorActivity()
                .when(new AssignPlan(SID, UID, "old", "why not", T0))
                .expectException(Refusals.refusedWith(RejectionCode.PLAN_RETIRED));
    }

    @Test
    void aPaymentExtendsThePaidTimeByAMonthFromWhereItEnds() {
        fixture.given(assignedPro())
                .when(new RecordPayment(SID, UID, new BigDecimal("49"), " INV-1 ", null, null, T0))
                .expectEvents(new PaymentRecorded(
                        SID, UID, "pro", new BigDecimal("49"), "USD", "INV-1", T0, MONTH, MONTH, T0));
        verify(plans).paidThrough(UID, MONTH);
        Instant second = Instant.parse("2027-02-01T10:00:00Z");
        fixture.given(
                        assignedPro(),
                        new PaymentRecorded(
                                SID, UID, "pro", new BigDecimal("49"), "USD", "INV-1", T0, MONTH, MONTH, T0))
                .when(new RecordPayment(SID, UID, new BigDecimal("49"), "INV-2", null, null, T0.plusSeconds(60)))
                .expectEvents(new PaymentRecorded(
                        SID,
                        UID,
                        "pro",
                        new BigDecimal("49"),
                        "USD",
                        "INV-2",
                        MONTH,
                        second,
                        second,
                        T0.plusSeconds(60)));
    }

    @Test
    void paymentsNeedAPaidPlanAndSaneValues() {
        fixture.givenNoPriorActivity()
                .when(new RecordPayment(SID, UID, new BigDecimal("5"), "INV", null, null, T0))
                .expectException(Refusals.refusedWith(RejectionCode.PLAN_NOT_PAID));
        fixture.given(assignedPro())
                .when(new RecordPayment(SID, UID, new BigDecimal("-1"), " ", null, null, T0))
                .expectException(dev.trenddesk.api.common.InvalidInputException.class)
                .expectExceptionMessage(
                        org.hamcrest.Matchers.allOf(containsString("amount"), containsString("reference")));
        fixture.given(assignedPro())
                .when(new RecordPayment(SID, UID, BigDecimal.TEN, "INV", MONTH, T0, T0))
                .expectException(dev.trenddesk.api.common.InvalidInputException.class)
                .expectExceptionMessage(containsString("periodEnd"));
        // a period no calendar arithmetic can reach is a field error, not a crash
        fixture.given(assignedPro())
                .when(new RecordPayment(SID, UID, BigDecimal.TEN, "INV", null, Instant.MAX, T0))
                .expectException(dev.trenddesk.api.common.InvalidInputException.class)
                .expectExceptionMessage(containsString("periodEnd"));
        fixture.given(assignedPro())
                .when(new RecordPayment(SID, UID, BigDecimal.TEN, "INV", Instant.MIN, null, T0))
                .expectException(dev.trenddesk.api.common.InvalidInputException.class)
                .expectExceptionMessage(containsString("periodStart"));
    }

    @Test
    void aPaymentIsRecordedOnceByItsReference() {
        fixture.given(
                        assignedPro(),
                        new PaymentRecorded(
                                SID, UID, "pro", new BigDecimal("49"), "USD", "INV-1", T0, MONTH, MONTH, T0))
                .when(new RecordPayment(SID, UID, new BigDecimal("49"), " INV-1", null, null, T0.plusSeconds(5)))
                .expectException(dev.trenddesk.api.common.InvalidInputException.class)
                .expectExceptionMessage(
                        org.hamcrest.Matchers.allOf(containsString("reference"), containsString("recorded already")))
                .expectNoEvents();
    }

    @Test
    void statusIsEvaluatedAgainstNowAndFreeIsNeverPastDue() {
        assert SubscriptionStatus.of(true, null, false, T0) == SubscriptionStatus.PAST_DUE;
        assert SubscriptionStatus.of(true, MONTH, false, T0) == SubscriptionStatus.ACTIVE;
        assert SubscriptionStatus.of(true, MONTH, false, MONTH) == SubscriptionStatus.PAST_DUE;
        assert SubscriptionStatus.of(false, null, false, MONTH) == SubscriptionStatus.ACTIVE;
        assert SubscriptionStatus.of(true, MONTH, true, T0) == SubscriptionStatus.CANCELLED;
        assert SubscriptionStatus.mayEnter(true, MONTH, true, T0);
        assert !SubscriptionStatus.mayEnter(true, MONTH, true, MONTH);
        Instant[] period = SubscriptionStatus.period(T0, Instant.parse("2027-01-15T00:00:00Z"));
        org.junit.jupiter.api.Assertions.assertEquals(MONTH, period[0]);
        org.junit.jupiter.api.Assertions.assertEquals(Instant.parse("2027-02-01T10:00:00Z"), period[1]);
    }

    @Test
    void cancellingAPaidSubscription() {
        fixture.given(assignedPro())
                .when(new CancelSubscription(SID, UID, "moving on", T0))
                .expectEvents(new SubscriptionCancelled(SID, UID, "moving on", T0));
        verify(plans).cancelled(UID);
    }

    @Test
    void backtestsAreCountedPerMarketDayAgainstThePlan() {
        when(plans.effective(UID)).thenReturn(Optional.of(new PlanStore.Effective(FREE, null)));
        LocalDate day = LocalDate.of(2026, 12, 1);
        fixture.givenNoPriorActivity()
                .when(new ClaimBacktest(SID, UID, T0))
                .expectEvents(new BacktestClaimed(SID, UID, day, 1, T0));
        fixture.given(new BacktestClaimed(SID, UID, day, 1, T0), new BacktestClaimed(SID, UID, day, 2, T0))
                .when(new ClaimBacktest(SID, UID, T0.plusSeconds(60)))
                .expectException(PlanLimitException.class)
                .expectExceptionMessage(containsString("2 backtests per day"))
                .expectNoEvents();
        // the next day counts from zero
        fixture.given(new BacktestClaimed(SID, UID, day, 1, T0), new BacktestClaimed(SID, UID, day, 2, T0))
                .when(new ClaimBacktest(SID, UID, MONTH))
                .expectEvents(new BacktestClaimed(SID, UID, LocalDate.of(2027, 1, 1), 1, MONTH));
    }
}
