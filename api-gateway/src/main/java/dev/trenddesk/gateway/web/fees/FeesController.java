package dev.trenddesk.gateway.web.fees;

import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.fees.FeeCommands;
import dev.trenddesk.api.fees.FeeCommands.SetFeeTerms;
import dev.trenddesk.api.fees.FeeQueries.FindAllFees;
import dev.trenddesk.api.fees.FeeQueries.FindFeeSettlements;
import dev.trenddesk.api.fees.FeeQueries.FindFees;
import dev.trenddesk.api.fees.FeeSettlementView;
import dev.trenddesk.api.fees.FeesOverview;
import dev.trenddesk.api.fees.FeesView;
import dev.trenddesk.api.fees.HighWaterMark;
import dev.trenddesk.api.fees.SettlementPeriod;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.web.CommandSender;
import dev.trenddesk.gateway.web.ReadYourWrites;
import dev.trenddesk.gateway.web.UserReader;
import dev.trenddesk.gateway.web.fees.FeeDtos.FeeTermsRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Locale;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Performance fees (docs/fees.md): a trader reads their fee account and downloads statements; admins and auditors
 * read every trader's fees and the revenue; admins set a trader's terms (an audited event with who and why).
 */
@RestController
@Tag(name = "fees", description = "Performance fee with a high-water mark: terms, settlements, statements")
class FeesController {

    /** The longest statement range, in periods. */
    static final int MAX_STATEMENT_PERIODS = 120;

    private final CommandSender commands;
    private final QueryGateway queries;
    private final UserReader users;
    private final Clock clock;
    private final MarketClock market;

    FeesController(CommandSender commands, QueryGateway queries, UserReader users, Clock clock, MarketClock market) {
        this.commands = commands;
        this.queries = queries;
        this.users = users;
        this.clock = clock;
        this.market = market;
    }

    @Operation(
            summary = "The trader's fee account: rate, high-water mark, start of the period not settled yet, the fee"
                    + " accrued since the last settlement (rate × max(0, cumulative profit − mark)) and the"
                    + " settlements, newest first")
    @GetMapping("/api/me/fees")
    public Mono<FeesView> mine(@AuthenticationPrincipal SessionUser me) {
        return fees(me.id());
    }

    @Operation(
            summary = "The trader's fee statement of the settlements whose period is from {from} to {to} (months,"
                    + " yyyy-MM, both included; to defaults to from) as CSV or PDF. 422 naming the parameter when"
                    + " it is malformed")
    @GetMapping("/api/me/fees/statement")
    public Mono<ResponseEntity<byte[]>> statement(
            @AuthenticationPrincipal SessionUser me,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String format) {
        YearMonth first = month("from", from);
        YearMonth last = to == null ? first : month("to", to);
        if (last.isBefore(first)) {
            throw new InvalidInputException("to", "must not be before from");
        }
        if (first.plusMonths(MAX_STATEMENT_PERIODS).isBefore(last.plusMonths(1))) {
            throw new InvalidInputException("to", "a statement covers at most " + MAX_STATEMENT_PERIODS + " months");
        }
        String kind = format == null ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        if (!kind.equals("csv") && !kind.equals("pdf")) {
            throw new InvalidInputException("format", "must be csv or pdf");
        }
        Instant start = SettlementPeriod.MONTHLY.parse(first.toString());
        Instant end = SettlementPeriod.MONTHLY.parse(last.plusMonths(1).toString());
        String range = first.equals(last) ? first.toString() : first + " to " + last;
        String name = "fees-" + me.username() + "-" + (first.equals(last) ? first : first + "_" + last) + "." + kind;
        return Mono.fromFuture(() -> queries.query(
                        new FindFeeSettlements(me.id(), start, end),
                        ResponseTypes.multipleInstancesOf(FeeSettlementView.class)))
                .subscribeOn(Schedulers.boundedElastic())
                .map(settlements -> {
                    boolean pdf = kind.equals("pdf");
                    byte[] body = pdf
                            ? FeeStatements.pdf(me.username(), range, settlements, market.instant())
                            : FeeStatements.csv(settlements).getBytes(StandardCharsets.UTF_8);
                    return ResponseEntity.ok()
                            .contentType(
                                    pdf
                                            ? MediaType.APPLICATION_PDF
                                            : new MediaType("text", "csv", StandardCharsets.UTF_8))
                            .header(
                                    HttpHeaders.CONTENT_DISPOSITION,
                                    ContentDisposition.attachment()
                                            .filename(name)
                                            .build()
                                            .toString())
                            .body(body);
                });
    }

    @Operation(summary = "Every trader's fees and the platform's fee revenue (admins and auditors)")
    @GetMapping("/api/admin/fees")
    public Mono<FeesOverview> all() {
        return Mono.fromFuture(() -> queries.query(new FindAllFees(), ResponseTypes.instanceOf(FeesOverview.class)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @Operation(
            summary = "Set a trader's fee terms (admins), with a reason: the rate applies from the next settlement"
                    + " on. 404 for no such user, 422 naming the field for a rate outside 0 ≤ rate < 1 or a"
                    + " missing reason")
    @PutMapping("/api/admin/fees/{id}")
    public Mono<FeesView> terms(
            @AuthenticationPrincipal SessionUser admin,
            @PathVariable UserId id,
            @Valid @RequestBody FeeTermsRequest body,
            ServerWebExchange exchange) {
        try {
            HighWaterMark.requireRate(body.rate());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("rate", e.getMessage());
        }
        return users.require(id)
                .flatMap(user -> {
                    if (user.role() != Role.TRADER) {
                        return Mono.error(new InvalidInputException("id", "is not a trader"));
                    }
                    return commands.send(
                            new SetFeeTerms(
                                    FeeCommands.accountId(id),
                                    id,
                                    body.rate(),
                                    body.period(),
                                    body.reason(),
                                    clock.instant()),
                            admin,
                            exchange);
                })
                .then(ReadYourWrites.until(() -> fees(id), view -> view.rate().compareTo(body.rate()) == 0));
    }

    private Mono<FeesView> fees(UserId id) {
        return Mono.fromFuture(() -> queries.query(new FindFees(id), ResponseTypes.instanceOf(FeesView.class)))
                .subscribeOn(Schedulers.boundedElastic())
                .defaultIfEmpty(FeesView.none(id));
    }

    private static YearMonth month(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required (a month, yyyy-MM)");
        }
        try {
            YearMonth month = YearMonth.parse(value.strip());
            if (month.getYear() < 2000 || month.getYear() > 9999) {
                throw new InvalidInputException(field, "must be a month between 2000-01 and 9999-12");
            }
            return month;
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a month, yyyy-MM");
        }
    }
}
