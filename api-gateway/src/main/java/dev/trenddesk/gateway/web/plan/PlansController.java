package dev.trenddesk.gateway.web.plan;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.plan.PlanCommands.ChangePlan;
import dev.trenddesk.api.plan.PlanCommands.CreatePlan;
import dev.trenddesk.api.plan.PlanCommands.MakeDefaultPlan;
import dev.trenddesk.api.plan.PlanCommands.RetirePlan;
import dev.trenddesk.api.plan.PlanHistoryEntry;
import dev.trenddesk.api.plan.PlanQueries.FindPlan;
import dev.trenddesk.api.plan.PlanQueries.FindPlanHistory;
import dev.trenddesk.api.plan.PlanQueries.FindPlans;
import dev.trenddesk.api.plan.PlanQueries.FindTraderPlan;
import dev.trenddesk.api.plan.PlanView;
import dev.trenddesk.api.plan.SubscriptionCommands;
import dev.trenddesk.api.plan.SubscriptionCommands.AssignPlan;
import dev.trenddesk.api.plan.SubscriptionCommands.CancelSubscription;
import dev.trenddesk.api.plan.SubscriptionCommands.RecordPayment;
import dev.trenddesk.api.plan.TraderPlanView;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.web.CommandSender;
import dev.trenddesk.gateway.web.ReadYourWrites;
import dev.trenddesk.gateway.web.UserReader;
import dev.trenddesk.gateway.web.plan.PlanDtos.AssignPlanRequest;
import dev.trenddesk.gateway.web.plan.PlanDtos.ChangePlanRequest;
import dev.trenddesk.gateway.web.plan.PlanDtos.CreatePlanRequest;
import dev.trenddesk.gateway.web.plan.PlanDtos.DefaultPlanRequest;
import dev.trenddesk.gateway.web.plan.PlanDtos.PaymentRequest;
import dev.trenddesk.gateway.web.plan.PlanDtos.PlanResponse;
import dev.trenddesk.gateway.web.plan.PlanDtos.ReasonRequest;
import dev.trenddesk.gateway.web.plan.PlanDtos.TraderPlanResponse;
import dev.trenddesk.gateway.web.plan.PlanDtos.UserPlanResponse;
import dev.trenddesk.gateway.web.readside.Params;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Plans and subscriptions (docs/plans.md): admins list, create, change and retire plans, choose the default, put a
 * trader on a plan, record payments and read a trader's plan history; a trader reads their own plan. Changes answer
 * once they can be read back.
 */
@RestController
@Tag(name = "plans", description = "Plans, their limits, traders' subscriptions and payments")
class PlansController {

    private final CommandSender commands;
    private final QueryGateway queries;
    private final UserReader users;
    private final MarketClock clock;

    PlansController(CommandSender commands, QueryGateway queries, UserReader users, MarketClock clock) {
        this.commands = commands;
        this.queries = queries;
        this.users = users;
        this.clock = clock;
    }

    @Operation(summary = "Your plan, its limits, your subscription's status and current period (traders)")
    @GetMapping("/api/me/plan")
    public Mono<TraderPlanResponse> mine(@AuthenticationPrincipal SessionUser me) {
        return traderPlan(me.id()).map(TraderPlanResponse::of);
    }

    @Operation(summary = "Every plan, retired ones included, by price (admins)")
    @GetMapping("/api/admin/plans")
    public Mono<List<PlanResponse>> plans() {
        return Mono.fromFuture(() -> queries.query(new FindPlans(), ResponseTypes.multipleInstancesOf(PlanView.class)))
                .subscribeOn(Schedulers.boundedElastic())
                .map(all -> all.stream().map(PlanResponse::of).toList());
    }

    @Operation(
            summary = "Create a plan (admins). 422 naming the field (planId, name, monthlyPrice, limits.<field>,"
                    + " reason); 409 PLAN_NAME_TAKEN")
    @PostMapping("/api/admin/plans")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<PlanResponse> create(
            @AuthenticationPrincipal SessionUser admin,
            @Valid @RequestBody CreatePlanRequest body,
            ServerWebExchange exchange) {
        return commands.send(
                        new CreatePlan(
                                body.planId(),
                                body.name(),
                                body.monthlyPrice(),
                                body.limits(),
                                body.reason(),
                                clock.instant()),
                        admin,
                        exchange)
                .then(until(body.planId(), Objects::nonNull));
    }

    @Operation(
            summary = "Change a plan's name, price and limits (admins). Traders on it get them at once; a running"
                    + " bot keeps what it trades until its settings change. 422 naming the field; 409 PLAN_RETIRED")
    @PutMapping("/api/admin/plans/{planId}")
    public Mono<PlanResponse> change(
            @AuthenticationPrincipal SessionUser admin,
            @PathVariable String planId,
            @Valid @RequestBody ChangePlanRequest body,
            ServerWebExchange exchange) {
        return requirePlan(planId)
                .then(commands.send(
                        new ChangePlan(
                                planId,
                                body.name(),
                                body.monthlyPrice(),
                                body.limits(),
                                body.reason(),
                                clock.instant()),
                        admin,
                        exchange))
                .then(until(
                        planId,
                        v -> v != null
                                && v.name().equals(body.name().strip())
                                && v.monthlyPrice().compareTo(body.monthlyPrice()) == 0
                                && v.limits().equals(body.limits())));
    }

    @Operation(
            summary = "Retire a plan (admins): no longer assignable; traders on it keep it. 409 PLAN_DEFAULT_RETIRE"
                    + " for the default plan")
    @PostMapping("/api/admin/plans/{planId}/retire")
    public Mono<PlanResponse> retire(
            @AuthenticationPrincipal SessionUser admin,
            @PathVariable String planId,
            @Valid @RequestBody ReasonRequest body,
            ServerWebExchange exchange) {
        return requirePlan(planId)
                .then(commands.send(new RetirePlan(planId, body.reason(), clock.instant()), admin, exchange))
                .then(until(planId, v -> v != null && v.retired()));
    }

    @Operation(summary = "Choose the default plan: new traders and traders without an assignment are on it (admins)")
    @PutMapping("/api/admin/plans/default")
    public Mono<PlanResponse> makeDefault(
            @AuthenticationPrincipal SessionUser admin,
            @Valid @RequestBody DefaultPlanRequest body,
            ServerWebExchange exchange) {
        return requirePlan(body.planId())
                .then(commands.send(
                        new MakeDefaultPlan(body.planId(), body.reason(), clock.instant()), admin, exchange))
                .then(until(body.planId(), v -> v != null && v.defaultPlan()));
    }

    @Operation(summary = "A trader's plan, subscription and the history of its changes, newest first (admins)")
    @GetMapping("/api/admin/users/{id}/plan")
    public Mono<UserPlanResponse> userPlan(@PathVariable UserId id) {
        return requireTrader(id)
                .then(traderPlan(id))
                .zipWith(history(id), (plan, history) -> new UserPlanResponse(TraderPlanResponse.of(plan), history));
    }

    @Operation(
            summary = "Put a trader on a plan (admins). A paid plan starts a new monthly period, PAST_DUE until a"
                    + " payment covers it. 409 PLAN_TRADER_ONLY, PLAN_RETIRED; 422 planId when it is no plan")
    @PutMapping("/api/admin/users/{id}/plan")
    public Mono<TraderPlanResponse> assign(
            @AuthenticationPrincipal SessionUser admin,
            @PathVariable UserId id,
            @Valid @RequestBody AssignPlanRequest body,
            ServerWebExchange exchange) {
        return requireTrader(id)
                .then(commands.send(
                        new AssignPlan(
                                SubscriptionCommands.idOf(id), id, body.planId(), body.reason(), clock.instant()),
                        admin,
                        exchange))
                .then(ReadYourWrites.until(
                        () -> traderPlan(id),
                        v -> v.assigned() && v.plan().planId().equals(body.planId())))
                .map(TraderPlanResponse::of);
    }

    @Operation(
            summary = "Record a payment received outside the platform (admins): the subscription is ACTIVE through"
                    + " the end of the period it covers. 422 naming amount, reference, periodEnd; 409 PLAN_NOT_PAID"
                    + " when the trader is on a free plan")
    @PostMapping("/api/admin/users/{id}/plan/payments")
    public Mono<TraderPlanResponse> payment(
            @AuthenticationPrincipal SessionUser admin,
            @PathVariable UserId id,
            @Valid @RequestBody PaymentRequest body,
            ServerWebExchange exchange) {
        return requireTrader(id)
                .then(commands.send(
                        new RecordPayment(
                                SubscriptionCommands.idOf(id),
                                id,
                                body.amount(),
                                body.reference(),
                                body.periodStart(),
                                body.periodEnd(),
                                clock.instant()),
                        admin,
                        exchange))
                // this payment in the history: a reference is recorded once per trader (its time is no mark: two
                // payments can carry the same one when the market clock stands still between them)
                .then(ReadYourWrites.until(() -> history(id), after -> after.stream()
                        .anyMatch(e -> "PAYMENT".equals(e.kind())
                                && body.reference().strip().equals(e.reference()))))
                .then(traderPlan(id))
                .map(TraderPlanResponse::of);
    }

    @Operation(
            summary = "Cancel a trader's subscription (admins): CANCELLED; the paid time still counts, then no new"
                    + " entries. 409 PLAN_NOT_PAID on a free plan")
    @PostMapping("/api/admin/users/{id}/plan/cancel")
    public Mono<TraderPlanResponse> cancel(
            @AuthenticationPrincipal SessionUser admin,
            @PathVariable UserId id,
            @Valid @RequestBody ReasonRequest body,
            ServerWebExchange exchange) {
        return requireTrader(id)
                .then(commands.send(
                        new CancelSubscription(SubscriptionCommands.idOf(id), id, body.reason(), clock.instant()),
                        admin,
                        exchange))
                .then(ReadYourWrites.until(
                        () -> traderPlan(id), v -> v.status() == dev.trenddesk.api.plan.SubscriptionStatus.CANCELLED))
                .map(TraderPlanResponse::of);
    }

    private Mono<Void> requireTrader(UserId id) {
        return users.require(id)
                .flatMap(user -> user.role() == Role.TRADER
                        ? Mono.<Void>empty()
                        : Mono.error(
                                new DomainRejection(RejectionCode.PLAN_TRADER_ONLY, "plans are for traders only")));
    }

    private Mono<Void> requirePlan(String planId) {
        return read(planId)
                .switchIfEmpty(Mono.error(Params.notFound("planId", "no plan " + planId)))
                .then();
    }

    private Mono<TraderPlanView> traderPlan(UserId id) {
        return Mono.fromFuture(() -> queries.query(
                        new FindTraderPlan(id, clock.instant()), ResponseTypes.instanceOf(TraderPlanView.class)))
                .subscribeOn(Schedulers.boundedElastic())
                .switchIfEmpty(Mono.error(Params.notFound("plan", "no plans exist yet")));
    }

    private Mono<List<PlanHistoryEntry>> history(UserId id) {
        return Mono.fromFuture(() -> queries.query(
                        new FindPlanHistory(id), ResponseTypes.multipleInstancesOf(PlanHistoryEntry.class)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<PlanView> read(String planId) {
        return Mono.fromFuture(() -> queries.query(new FindPlan(planId), ResponseTypes.instanceOf(PlanView.class)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<PlanResponse> until(String planId, Predicate<PlanView> done) {
        return ReadYourWrites.until(
                        () -> read(planId).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()),
                        o -> done.test(o.orElse(null)))
                .map(o -> PlanResponse.of(o.orElseThrow()));
    }
}
