package dev.trenddesk.gateway.web.platform;

import dev.trenddesk.api.platform.PlatformCommands;
import dev.trenddesk.api.platform.PlatformCommands.EngageKillSwitch;
import dev.trenddesk.api.platform.PlatformCommands.ReleaseKillSwitch;
import dev.trenddesk.api.platform.PlatformQueries.FindPlatformStatus;
import dev.trenddesk.api.platform.PlatformStatusView;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.web.CommandSender;
import dev.trenddesk.gateway.web.ReadYourWrites;
import dev.trenddesk.gateway.web.platform.PlatformDtos.EngageRequest;
import dev.trenddesk.gateway.web.platform.PlatformDtos.PlatformStatusResponse;
import dev.trenddesk.gateway.web.platform.PlatformDtos.ReleaseRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The platform's kill switch (emergency stop): every logged-in user reads whether trading is halted; admins engage
 * and release it. Engage and release answer once the new state can be read back.
 */
@RestController
@Tag(name = "platform", description = "The platform's kill switch: whether trading is halted, engage and release")
class PlatformController {

    private final CommandSender commands;
    private final QueryGateway queries;
    private final Clock clock;

    public PlatformController(CommandSender commands, QueryGateway queries, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    @Operation(summary = "Whether trading is halted by the platform's kill switch, why and since when (every role)")
    @GetMapping("/api/platform/status")
    public Mono<PlatformStatusResponse> status() {
        return read().map(PlatformStatusResponse::of);
    }

    @Operation(
            summary = "Engage the kill switch (admins): every running bot pauses, or with flatten every bot stops and"
                    + " closes its positions; no bot starts or resumes until released. 409 KILL_SWITCH_ALREADY_ENGAGED")
    @PostMapping("/api/admin/platform/halt")
    public Mono<PlatformStatusResponse> engage(
            @AuthenticationPrincipal SessionUser admin,
            @Valid @RequestBody EngageRequest body,
            ServerWebExchange exchange) {
        return commands.send(
                        new EngageKillSwitch(PlatformCommands.HALT_ID, body.reason(), body.flatten(), clock.instant()),
                        admin,
                        exchange)
                .then(until(PlatformStatusView::halted));
    }

    @Operation(
            summary = "Release the kill switch (admins): bots may be started and resumed again (none resumes by"
                    + " itself). 409 KILL_SWITCH_NOT_ENGAGED")
    @PostMapping("/api/admin/platform/release")
    public Mono<PlatformStatusResponse> release(
            @AuthenticationPrincipal SessionUser admin,
            @Valid @RequestBody(required = false) ReleaseRequest body,
            ServerWebExchange exchange) {
        String reason = body == null ? null : body.reason();
        return commands.send(new ReleaseKillSwitch(PlatformCommands.HALT_ID, reason, clock.instant()), admin, exchange)
                .then(until(view -> !view.halted()));
    }

    private Mono<PlatformStatusView> read() {
        return Mono.fromFuture(() ->
                        queries.query(new FindPlatformStatus(), ResponseTypes.instanceOf(PlatformStatusView.class)))
                .subscribeOn(Schedulers.boundedElastic())
                .defaultIfEmpty(PlatformStatusView.running());
    }

    private Mono<PlatformStatusResponse> until(Predicate<PlatformStatusView> done) {
        return ReadYourWrites.until(this::read, done).map(PlatformStatusResponse::of);
    }
}
