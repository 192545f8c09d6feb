package dev.trenddesk.gateway.security;

import dev.trenddesk.gateway.security.Limits.Admission;
import dev.trenddesk.gateway.security.Limits.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Applies {@link Limits} at the entry points of the expensive and sensitive endpoints, after Spring
 * Security (so the caller is known and anonymous callers were already refused): backtests, audit
 * export, case files, verify and user replays, BingX connect and test, password and e-mail changes, event streams. Login is limited in AuthController,
 * which alone knows the username and the outcome. A refusal is 429 with Retry-After.
 */
@Component
class LimitsWebFilter implements WebFilter, Ordered {

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
    private static final PathPattern BACKTEST = PARSER.parse("/api/me/backtest");
    private static final List<PathPattern> AUDIT = List.of(
            PARSER.parse("/api/audit/export"),
            PARSER.parse("/api/audit/case"),
            PARSER.parse("/api/audit/verify"),
            PARSER.parse("/api/audit/users/{id}/replay"));
    private static final List<PathPattern> REAUTH =
            List.of(PARSER.parse("/api/me/password"), PARSER.parse("/api/me/email"));
    private static final List<PathPattern> BINGX =
            List.of(PARSER.parse("/api/me/bingx"), PARSER.parse("/api/me/bingx/test"));
    private static final List<PathPattern> STREAMS = List.of(
            PARSER.parse("/api/me/stream"),
            PARSER.parse("/api/users/{id}/stream"),
            PARSER.parse("/api/admin/overview/stream"),
            PARSER.parse("/api/admin/system/stream"));

    private final Limits limits;
    private final ProblemWriter problems;

    public LimitsWebFilter(Limits limits, ProblemWriter problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return 0; // after Spring Security's chain (-100)
    }

    private enum Kind {
        BACKTEST,
        AUDIT,
        BINGX,
        REAUTH,
        STREAM
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Kind kind = kind(exchange);
        if (kind == null) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .filter(p -> p instanceof Authentication a && a.getPrincipal() instanceof SessionUser)
                .map(p ->
                        ((SessionUser) ((Authentication) p).getPrincipal()).id().toString())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(user -> user.isEmpty() ? chain.filter(exchange) : limited(kind, user.get(), exchange, chain));
    }

    private Mono<Void> limited(Kind kind, String user, ServerWebExchange exchange, WebFilterChain chain) {
        return switch (kind) {
            case AUDIT -> rated(limits.admitAudit(user), exchange, chain);
            case BINGX -> rated(limits.admitBingx(user), exchange, chain);
            case REAUTH -> rated(limits.admitReauth(user), exchange, chain);
            case BACKTEST -> capped(limits.admitBacktest(user), exchange, chain, true);
            case STREAM -> capped(limits.admitStream(user), exchange, chain, false);
        };
    }

    private Mono<Void> rated(Optional<Refusal> refusal, ServerWebExchange exchange, WebFilterChain chain) {
        return refusal.isPresent() ? refuse(refusal.get(), exchange, problems) : chain.filter(exchange);
    }

    /**
     * Runs the request in a place under its cap. A backtest's answer is its whole result, so its place is
     * free once the answer is committed: a client that sends the next one as soon as the previous answer
     * arrived is not refused by a place given back a moment later. A stream holds its place until it ends.
     */
    private Mono<Void> capped(
            Admission admission, ServerWebExchange exchange, WebFilterChain chain, boolean freeOnCommit) {
        if (!admission.admitted()) {
            return refuse(admission.refusal(), exchange, problems);
        }
        if (freeOnCommit) {
            exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(admission.permit()::close));
        }
        return chain.filter(exchange).doFinally(signal -> admission.permit().close());
    }

    /** 429 with Retry-After (seconds) and the same figure as {@code retryAfterSeconds} in the problem body. */
    public static Mono<Void> refuse(Refusal refusal, ServerWebExchange exchange, ProblemWriter problems) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(refusal.seconds()));
        return problems.write(
                exchange,
                HttpStatus.TOO_MANY_REQUESTS,
                refusal.detail(),
                Map.of("retryAfterSeconds", refusal.seconds()));
    }

    private static Kind kind(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        if (HttpMethod.POST.equals(method) && BACKTEST.matches(path)) {
            return Kind.BACKTEST;
        }
        if (HttpMethod.POST.equals(method) && BINGX.stream().anyMatch(p -> p.matches(path))) {
            return Kind.BINGX;
        }
        if (HttpMethod.PUT.equals(method) && REAUTH.stream().anyMatch(p -> p.matches(path))) {
            return Kind.REAUTH;
        }
        if (read && AUDIT.stream().anyMatch(p -> p.matches(path))) {
            return Kind.AUDIT;
        }
        if (read && STREAMS.stream().anyMatch(p -> p.matches(path))) {
            return Kind.STREAM;
        }
        return null;
    }
}
