package dev.trenddesk.gateway.web.readside;

import dev.trenddesk.api.readside.ProcessorStatus;
import dev.trenddesk.api.readside.ReadSideQueries.FindOverview;
import dev.trenddesk.api.readside.ReadSideQueries.ListProcessors;
import dev.trenddesk.api.readside.RebuildProjection;
import dev.trenddesk.api.readside.TradingViews.OverviewView;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.web.CommandSender;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Admins: the platform overview, and the projections (lag, rebuild from zero). */
@RestController
@Tag(name = "admin-read-side", description = "Platform overview and projection admin")
class AdminReadSideController {

    private final ReadSideReader reader;
    private final CommandSender commands;

    public AdminReadSideController(ReadSideReader reader, CommandSender commands) {
        this.reader = reader;
        this.commands = commands;
    }

    @Operation(
            summary =
                    "Totals (users, active, running/paused/stopped bots, total equity, today's PnL) and one card per user")
    @GetMapping("/api/admin/overview")
    public Mono<OverviewView> overview() {
        return reader.one(new FindOverview(), OverviewView.class);
    }

    @Operation(summary = "Every event processor with its position, lag and dead letters")
    @GetMapping("/api/admin/projections")
    public Mono<List<ProcessorStatus>> projections() {
        return reader.many(new ListProcessors(), ProcessorStatus.class);
    }

    @Operation(
            summary =
                    "Rebuild one projection from zero (its tables are cleared and every event replayed; no side effects)")
    @PostMapping("/api/admin/projections/{name}/rebuild")
    public Mono<ProcessorStatus> rebuild(
            @AuthenticationPrincipal SessionUser admin, @PathVariable String name, ServerWebExchange exchange) {
        return reader.many(new ListProcessors(), ProcessorStatus.class)
                .flatMap(all -> all.stream().anyMatch(p -> p.name().equals(name))
                        ? commands.<ProcessorStatus>send(new RebuildProjection(name), admin, exchange)
                        : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no projection named " + name)));
    }
}
