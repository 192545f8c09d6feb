package dev.trenddesk.gateway.web.notify;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.notify.NotificationChannel;
import dev.trenddesk.api.plan.PlanLimitException;
import dev.trenddesk.api.plan.PlanQueries.FindTraderPlan;
import dev.trenddesk.api.plan.PlanViolation;
import dev.trenddesk.api.plan.TraderPlanView;
import dev.trenddesk.gateway.web.notify.NotificationDtos.NotificationsRequest;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The trader's plan decides which notification channels they may switch on (docs/plans.md): a channel outside the
 * plan is refused 422 naming it and the limit {@code plan.notificationChannels}. Switching one off is always allowed.
 */
@Component
class NotificationPlanCheck {

    private final QueryGateway queries;
    private final MarketClock clock;

    NotificationPlanCheck(QueryGateway queries, MarketClock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    Mono<Void> requireChannels(UserId user, NotificationsRequest body) {
        List<NotificationChannel> wanted = new ArrayList<>();
        if (body.webhook() != null && !Boolean.FALSE.equals(body.webhook().enabled())) {
            wanted.add(NotificationChannel.WEBHOOK);
        }
        if (body.telegram() != null && !Boolean.FALSE.equals(body.telegram().enabled())) {
            wanted.add(NotificationChannel.TELEGRAM);
        }
        if (body.email() != null && Boolean.TRUE.equals(body.email().enabled())) {
            wanted.add(NotificationChannel.EMAIL);
        }
        if (wanted.isEmpty()) {
            return Mono.empty();
        }
        return Mono.fromFuture(() -> queries.query(
                        new FindTraderPlan(user, clock.instant()), ResponseTypes.instanceOf(TraderPlanView.class)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(plan -> {
                    List<PlanViolation> refused = wanted.stream()
                            .filter(c -> !plan.plan().limits().allows(c))
                            .map(c -> new PlanViolation(
                                    c.name().toLowerCase(java.util.Locale.ROOT),
                                    "plan.notificationChannels",
                                    "your plan does not include " + c.name().toLowerCase(java.util.Locale.ROOT)
                                            + " notifications"))
                            .toList();
                    return refused.isEmpty()
                            ? Mono.<Void>empty()
                            : Mono.error(new PlanLimitException(plan.plan().name(), refused));
                });
    }
}
