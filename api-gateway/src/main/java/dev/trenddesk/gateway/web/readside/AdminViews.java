package dev.trenddesk.gateway.web.readside;

import dev.trenddesk.api.audit.AdminViewedUserData;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.gateway.config.AxonConfiguration;
import dev.trenddesk.gateway.security.RequestContext;
import dev.trenddesk.gateway.security.SessionUser;
import java.time.Clock;
import java.util.Map;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Records each time an admin opens another user's data (REST or stream) as an
 * {@link AdminViewedUserData} event, with the admin's id, role, IP, trace id and browser family in its
 * metadata.
 */
@Component
public class AdminViews {

    private final EventBus events;
    private final Clock clock;

    public AdminViews(EventBus events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Completes once the event is stored (nothing to do for anybody but an admin reading someone else). */
    public Mono<Void> record(SessionUser reader, UserId target, ServerWebExchange exchange) {
        if (reader == null || reader.role() != Role.ADMIN || reader.id().equals(target)) {
            return Mono.empty();
        }
        RequestContext context = RequestContext.of(exchange);
        String what = exchange.getRequest().getMethod().name() + " "
                + exchange.getRequest().getPath().value();
        Map<String, Object> metadata = Map.of(
                AxonConfiguration.ACTOR_ID, reader.id().toString(),
                AxonConfiguration.ACTOR_ROLE, reader.role().code(),
                AxonConfiguration.CLIENT_IP, context.clientIp(),
                AxonConfiguration.TRACE_ID, context.traceId(),
                AxonConfiguration.BROWSER, context.browser());
        return Mono.fromRunnable(() -> events.publish(GenericEventMessage.asEventMessage(
                                new AdminViewedUserData(reader.id(), target, what, clock.instant()))
                        .andMetaData(MetaData.from(metadata))))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}
