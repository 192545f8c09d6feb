package dev.trenddesk.gateway.web.trading;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.gateway.security.SessionUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The trader's own bot, and every trader's bot for admins (admins have no bot of their own). */
@RestController
@Tag(name = "bot", description = "Start, pause, resume and stop a trading bot")
class BotController {

    private final BotCommands bots;

    public BotController(BotCommands bots) {
        this.bots = bots;
    }

    @Operation(summary = "Your bot: status RUNNING, PAUSED or STOPPED, with the session's details")
    @GetMapping("/api/me/bot")
    public Mono<BotResponse> mine(@AuthenticationPrincipal SessionUser me) {
        return bots.read(me.id());
    }

    @Operation(summary = "Start your bot: needs trading permission, verified BingX credentials and no running bot")
    @PostMapping("/api/me/bot/start")
    public Mono<BotResponse> start(@AuthenticationPrincipal SessionUser me, ServerWebExchange exchange) {
        return bots.start(me.id(), me, exchange);
    }

    @Operation(summary = "Pause your bot: no new positions, open positions are still managed")
    @PostMapping("/api/me/bot/pause")
    public Mono<BotResponse> pause(@AuthenticationPrincipal SessionUser me, ServerWebExchange exchange) {
        return bots.pause(me.id(), me, exchange);
    }

    @Operation(summary = "Resume your paused bot")
    @PostMapping("/api/me/bot/resume")
    public Mono<BotResponse> resume(@AuthenticationPrincipal SessionUser me, ServerWebExchange exchange) {
        return bots.resume(me.id(), me, exchange);
    }

    @Operation(summary = "Stop your bot; flatten=true closes its open positions at market, false leaves them")
    @PostMapping("/api/me/bot/stop")
    public Mono<BotResponse> stop(
            @AuthenticationPrincipal SessionUser me,
            @Valid @RequestBody StopBotRequest body,
            ServerWebExchange exchange) {
        return bots.stop(me.id(), body.flatten(), me, exchange);
    }

    @Operation(summary = "A trader's bot (admins)")
    @GetMapping("/api/admin/users/{id}/bot")
    public Mono<BotResponse> of(@PathVariable UserId id) {
        return bots.read(id);
    }

    @Operation(summary = "Start a trader's bot (admins)")
    @PostMapping("/api/admin/users/{id}/bot/start")
    public Mono<BotResponse> startFor(
            @PathVariable UserId id, @AuthenticationPrincipal SessionUser admin, ServerWebExchange exchange) {
        return bots.start(id, admin, exchange);
    }

    @Operation(summary = "Pause a trader's bot (admins)")
    @PostMapping("/api/admin/users/{id}/bot/pause")
    public Mono<BotResponse> pauseFor(
            @PathVariable UserId id, @AuthenticationPrincipal SessionUser admin, ServerWebExchange exchange) {
        return bots.pause(id, admin, exchange);
    }

    @Operation(summary = "Resume a trader's bot (admins)")
    @PostMapping("/api/admin/users/{id}/bot/resume")
    public Mono<BotResponse> resumeFor(
            @PathVariable UserId id, @AuthenticationPrincipal SessionUser admin, ServerWebExchange exchange) {
        return bots.resume(id, admin, exchange);
    }

    @Operation(summary = "Stop a trader's bot (admins); flatten=true closes its open positions at market")
    @PostMapping("/api/admin/users/{id}/bot/stop")
    public Mono<BotResponse> stopFor(
            @PathVariable UserId id,
            @AuthenticationPrincipal SessionUser admin,
            @Valid @RequestBody StopBotRequest body,
            ServerWebExchange exchange) {
        return bots.stop(id, body.flatten(), admin, exchange);
    }
}
