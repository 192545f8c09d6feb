package dev.trenddesk.gateway.web.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.gateway.security.AccessEnd;
import dev.trenddesk.gateway.security.SessionCookies;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.security.StreamAccess;
import dev.trenddesk.gateway.security.StreamAccess.Target;
import dev.trenddesk.gateway.security.WebSessionStore;
import dev.trenddesk.gateway.system.SystemStatus;
import dev.trenddesk.gateway.system.SystemView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Admins: the cluster's nodes, event processors, dead letters (docs/system.md), once or live. The view is read from
 * the shared database, so any node answers for all of them.
 */
@RestController
@Tag(name = "admin-system", description = "Cluster nodes, event processors and dead letters")
class SystemController {

    private final SystemStatus status;
    private final StreamAccess access;
    private final SessionCookies cookies;
    private final ObjectMapper json;
    private final Duration every;

    public SystemController(
            SystemStatus status,
            StreamAccess access,
            SessionCookies cookies,
            ObjectMapper json,
            @Value("${trenddesk.cluster.stream-interval:2s}") Duration every) {
        this.status = status;
        this.access = access;
        this.cookies = cookies;
        this.json = json;
        this.every = every;
    }

    @Operation(
            summary = "Nodes (up, down, stopped), event processors with their segments' owners and lag, dead letters")
    @GetMapping("/api/admin/system")
    public Mono<SystemView> system() {
        return snapshot();
    }

    @Operation(
            summary = "The system view live: a 'system' event with the whole view at once and then every 2 s; ends"
                    + " with a 'revoked' event when the session or the admin role goes. follow=false: the first only")
    @GetMapping(path = "/api/admin/system/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> stream(
            @AuthenticationPrincipal SessionUser me,
            @RequestParam(defaultValue = "true") boolean follow,
            ServerWebExchange exchange) {
        String sessionKey = WebSessionStore.key(cookies.read(exchange));
        return Flux.defer(() -> {
            StreamAccess.Stream guard = access.register(sessionKey, me, new Target.Overview());
            Flux<SystemView> views = follow
                    ? Flux.interval(Duration.ZERO, every).onBackpressureDrop().concatMap(tick -> snapshot(), 1)
                    : snapshot().flux();
            return views.map(view -> ServerSentEvent.<String>builder()
                            .event("system")
                            .data(write(view))
                            .build())
                    .takeUntilOther(guard.ended())
                    .concatWith(Mono.fromSupplier(guard::reason).map(this::revoked))
                    .doFinally(signal -> guard.close());
        });
    }

    private Mono<SystemView> snapshot() {
        return Mono.fromCallable(status::snapshot).subscribeOn(Schedulers.boundedElastic());
    }

    private ServerSentEvent<String> revoked(AccessEnd reason) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("reason", reason.name());
        data.put("message", reason.message());
        return ServerSentEvent.<String>builder()
                .event("revoked")
                .data(write(data))
                .build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the system view", e);
        }
    }
}
