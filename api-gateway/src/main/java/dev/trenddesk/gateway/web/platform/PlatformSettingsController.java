package dev.trenddesk.gateway.web.platform;

import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.platform.PlatformQueries.FindPlatformSettings;
import dev.trenddesk.api.platform.PlatformSettingsCommands;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetAllowedMarkets;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetMaintenanceMode;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetNewTraderDefaults;
import dev.trenddesk.api.platform.PlatformSettingsView;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.web.CommandSender;
import dev.trenddesk.gateway.web.ReadYourWrites;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.DefaultsRequest;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.MaintenanceRequest;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.MarketsRequest;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.MarketsResponse;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.PlatformSettingsResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The platform's settings: admins read and change the defaults for new traders, the allowed symbols and timeframes
 * and maintenance mode; every logged-in user reads the allowed markets (the trader's settings form offers only
 * them). Changes answer once the new state can be read back.
 */
@RestController
@Tag(
        name = "platform settings",
        description = "Defaults for new traders, allowed symbols and timeframes, maintenance mode")
class PlatformSettingsController {

    private static final String ID = PlatformSettingsCommands.SETTINGS_ID;

    private final CommandSender commands;
    private final QueryGateway queries;
    private final Clock clock;

    PlatformSettingsController(CommandSender commands, QueryGateway queries, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    @Operation(summary = "The symbols and timeframes traders may choose; an empty list allows every one (every role)")
    @GetMapping("/api/platform/markets")
    public Mono<MarketsResponse> markets() {
        return read().map(MarketsResponse::of);
    }

    @Operation(summary = "The platform's settings (admins)")
    @GetMapping("/api/admin/platform/settings")
    public Mono<PlatformSettingsResponse> settings() {
        return read().map(PlatformSettingsResponse::of);
    }

    @Operation(
            summary = "Set the trading settings new users start with (admins); null defaults: the built-in ones."
                    + " Existing users keep theirs. 422 naming the field when a value is out of range or outside"
                    + " the allowed markets")
    @PutMapping("/api/admin/platform/settings/defaults")
    public Mono<PlatformSettingsResponse> defaults(
            @AuthenticationPrincipal SessionUser admin,
            @Valid @RequestBody DefaultsRequest body,
            ServerWebExchange exchange) {
        TradingSettings defaults =
                body.defaults() == null ? null : body.defaults().toSettings().validated();
        return commands.send(new SetNewTraderDefaults(ID, defaults, body.reason(), clock.instant()), admin, exchange)
                .then(until(view -> defaults == null
                        ? view.builtInDefaults()
                        : !view.builtInDefaults() && defaults.sameAs(view.newTraderDefaults())));
    }

    @Operation(
            summary = "Restrict the symbols and timeframes traders may choose (admins); empty lists allow every one."
                    + " Running bots keep what they trade; saving settings or starting a bot outside the restriction"
                    + " is refused. 422 naming the field when the restriction would exclude the defaults for new"
                    + " traders")
    @PutMapping("/api/admin/platform/settings/markets")
    public Mono<PlatformSettingsResponse> markets(
            @AuthenticationPrincipal SessionUser admin,
            @Valid @RequestBody MarketsRequest body,
            ServerWebExchange exchange) {
        List<String> symbols = body.symbols().stream().map(String::strip).toList();
        return commands.send(
                        new SetAllowedMarkets(ID, symbols, body.timeframes(), body.reason(), clock.instant()),
                        admin,
                        exchange)
                .then(until(view -> view.allowedSymbols()
                                .equals(symbols.stream().distinct().sorted().toList())
                        && view.allowedTimeframes()
                                .equals(Arrays.stream(dev.trenddesk.api.common.Timeframe.values())
                                        .filter(body.timeframes()::contains)
                                        .toList())));
    }

    @Operation(
            summary = "Switch maintenance mode on or off (admins): while on, bots open no new positions (each skipped"
                    + " entry is in the trader's decision log), exits, stops and take-profits still run, bots may be"
                    + " started and resumed. A reason is required to switch it on")
    @PutMapping("/api/admin/platform/settings/maintenance")
    public Mono<PlatformSettingsResponse> maintenance(
            @AuthenticationPrincipal SessionUser admin,
            @Valid @RequestBody MaintenanceRequest body,
            ServerWebExchange exchange) {
        boolean on = body.on();
        String reason = body.reason() == null || body.reason().isBlank()
                ? null
                : body.reason().strip();
        return commands.send(new SetMaintenanceMode(ID, on, body.reason(), clock.instant()), admin, exchange)
                .then(until(
                        view -> view.maintenance() == on && (!on || Objects.equals(view.maintenanceReason(), reason))));
    }

    private Mono<PlatformSettingsView> read() {
        return Mono.fromFuture(() ->
                        queries.query(new FindPlatformSettings(), ResponseTypes.instanceOf(PlatformSettingsView.class)))
                .subscribeOn(Schedulers.boundedElastic())
                .defaultIfEmpty(PlatformSettingsView.initial());
    }

    private Mono<PlatformSettingsResponse> until(Predicate<PlatformSettingsView> done) {
        return ReadYourWrites.until(this::read, done).map(PlatformSettingsResponse::of);
    }
}
