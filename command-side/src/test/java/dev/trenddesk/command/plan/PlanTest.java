package dev.trenddesk.command.plan;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.plan.PlanCommands.ChangePlan;
import dev.trenddesk.api.plan.PlanCommands.CreatePlan;
import dev.trenddesk.api.plan.PlanCommands.MakeDefaultPlan;
import dev.trenddesk.api.plan.PlanCommands.RetirePlan;
import dev.trenddesk.api.plan.PlanCommands.ShipPlan;
import dev.trenddesk.api.plan.PlanEvent.DefaultPlanChosen;
import dev.trenddesk.api.plan.PlanEvent.PlanChanged;
import dev.trenddesk.api.plan.PlanEvent.PlanCreated;
import dev.trenddesk.api.plan.PlanEvent.PlanRetired;
import dev.trenddesk.api.plan.PlanLimits;
import dev.trenddesk.command.Refusals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlanTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final PlanLimits LIMITS = PlanLimits.unlimited();
    private static final PlanLimits FEWER =
            new PlanLimits(List.of("BTC-USDT"), 1, List.of(), List.of(), false, 3, 3, List.of());
    private static final BigDecimal PRICE = new BigDecimal("19.00");

    private AggregateTestFixture<Plan> fixture;
    private PlanStore store;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Plan.class);
        store = mock(PlanStore.class);
        when(store.defaultPlanId()).thenReturn(Optional.of("free"));
        fixture.registerInjectableResource(store);
    }

    private static PlanCreated created() {
        return new PlanCreated("basic", "Basic", PRICE, "USD", LIMITS, false, "launch", T0);
    }

    @Test
    void aPlanIsCreatedWithWhyAndMirrored() {
        fixture.givenNoPriorActivity()
                .when(new CreatePlan("basic", "  Basic ", new BigDecimal("19"), LIMITS, " launch ", T0))
                .expectEvents(created());
        verify(store).plan("basic", "Basic", PRICE, LIMITS, false);
    }

    @Test
    void badValuesAreRefusedNamingTheirFields() {
        PlanLimits bad = new PlanLimits(List.of("btc"), 0, List.of(), List.of(), false, 500, -1, List.of());
        fixture.givenNoPriorActivity()
                .when(new CreatePlan("Bad Id", "", new BigDecimal("1.001"), bad, "x", T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        containsString("planId"),
                        containsString("name"),
                        containsString("monthlyPrice"),
                        containsString("limits.symbols"),
                        containsString("limits.maxSymbolsPerBot"),
                        containsString("limits.maxLeverage"),
                        containsString("limits.backtestsPerDay")))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreatePlan("basic", "Basic", PRICE, LIMITS, "  ", T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("reason"));
    }

    @Test
    void aTakenNameIsRefused() {
        when(store.nameTaken("Basic", "basic2")).thenReturn(true);
        fixture.givenNoPriorActivity()
                .when(new CreatePlan("basic2", "Basic", PRICE, LIMITS, "again", T0))
                .expectException(Refusals.refusedWith(RejectionCode.PLAN_NAME_TAKEN));
    }

    @Test
    void shippingCreatesOnceAndMayChooseTheDefault() {
        fixture.givenNoPriorActivity()
                .when(new ShipPlan("free", "Free", BigDecimal.ZERO, FEWER, true, T0))
                .expectEvents(
                        new PlanCreated("free", "Free", new BigDecimal("0.00"), "USD", FEWER, true, null, T0),
                        new DefaultPlanChosen("free", null, null, T0));
        verify(store).makeDefault("free");
        // a second node, a restart: nothing, whatever admins changed since
        fixture.given(new PlanCreated("free", "Free", BigDecimal.ZERO, "USD", FEWER, true, null, T0))
                .when(new ShipPlan("free", "Free", BigDecimal.ZERO, LIMITS, true, T0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aChangeRecordsBeforeAndAfterAndNothingWhenUnchanged() {
        fixture.given(created())
                .when(new ChangePlan("basic", "Basic", new BigDecimal("25"), FEWER, "price up", T0))
                .expectEvents(new PlanChanged(
                        "basic", "Basic", "Basic", PRICE, new BigDecimal("25.00"), LIMITS, FEWER, "price up", T0));
        fixture.given(created())
                .when(new ChangePlan("basic", "Basic", new BigDecimal("19.0"), LIMITS, "same", T0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFreePlanStaysFreeAndAPaidOnePaid() {
        fixture.given(created())
                .when(new ChangePlan("basic", "Basic", BigDecimal.ZERO, LIMITS, "free now", T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        containsString("monthlyPrice"), containsString("a paid plan stays paid")))
                .expectNoEvents();
        fixture.given(new PlanCreated("basic", "Basic", BigDecimal.ZERO, "USD", FEWER, false, null, T0))
                .when(new ChangePlan("basic", "Basic", new BigDecimal("5"), FEWER, "charge", T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        containsString("monthlyPrice"), containsString("a free plan stays free")))
                .expectNoEvents();
    }

    @Test
    void retiringAndTheDefault() {
        fixture.given(created())
                .when(new RetirePlan("basic", "no longer sold", T0))
                .expectEvents(new PlanRetired("basic", "Basic", "no longer sold", T0));
        fixture.given(created(), new PlanRetired("basic", "Basic", "x", T0))
                .when(new MakeDefaultPlan("basic", "default", T0))
                .expectException(Refusals.refusedWith(RejectionCode.PLAN_RETIRED));
        fixture.given(created())
                .when(new MakeDefaultPlan("basic", "everyone gets basic", T0))
                .expectEvents(new DefaultPlanChosen("basic", "free", "everyone gets basic", T0));
        when(store.defaultPlanId()).thenReturn(Optional.of("basic"));
        fixture.given(created())
                .when(new RetirePlan("basic", "no longer sold", T0))
                .expectException(Refusals.refusedWith(RejectionCode.PLAN_DEFAULT_RETIRE))
                .expectNoEvents();
        // only the first retirement wrote the store; the refused one did not
        verify(store, org.mockito.Mockito.times(1)).plan(anyString(), anyString(), any(), any(), anyBoolean());
    }
}
