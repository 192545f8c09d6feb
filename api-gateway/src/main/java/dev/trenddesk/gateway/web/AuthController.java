package dev.trenddesk.gateway.web;

import dev.trenddesk.api.common.Password;
import dev.trenddesk.api.user.LoginOutcome;
import dev.trenddesk.api.user.UserCommands.AttemptLogin;
import dev.trenddesk.gateway.metrics.LoginMeters;
import dev.trenddesk.gateway.security.Limits;
import dev.trenddesk.gateway.security.RequestContext;
import dev.trenddesk.gateway.security.SessionBoundCsrfTokens;
import dev.trenddesk.gateway.security.SessionCookies;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.security.WebSessionStore;
import dev.trenddesk.gateway.web.Dtos.CsrfResponse;
import dev.trenddesk.gateway.web.Dtos.LoginRequest;
import dev.trenddesk.gateway.web.Dtos.UserResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "auth", description = "Login, logout and the CSRF token")
class AuthController {

    private final CommandSender commands;
    private final WebSessionStore sessions;
    private final SessionCookies cookies;
    private final UserReader users;
    private final Clock clock;
    private final Limits limits;
    private final SessionBoundCsrfTokens csrfTokens;
    private final LoginMeters meters;

    public AuthController(
            CommandSender commands,
            WebSessionStore sessions,
            SessionCookies cookies,
            UserReader users,
            Clock clock,
            Limits limits,
            SessionBoundCsrfTokens csrfTokens,
            LoginMeters meters) {
        this.commands = commands;
        this.sessions = sessions;
        this.cookies = cookies;
        this.users = users;
        this.clock = clock;
        this.limits = limits;
        this.csrfTokens = csrfTokens;
        this.meters = meters;
    }

    @Operation(
            summary = "Log in with username and password; opens a session cookie and issues a new CSRF token. "
                    + "Failed logins are throttled per client IP and per (username, client IP): over the limit the answer is "
                    + "429 with Retry-After, whether the username exists or not. No account is ever locked.")
    @PostMapping("/login")
    public Mono<ResponseEntity<Object>> login(@Valid @RequestBody LoginRequest body, ServerWebExchange exchange) {
        String ip = RequestContext.of(exchange).clientIp();
        Optional<Limits.Refusal> throttled = limits.admitLogin(ip, body.username());
        if (throttled.isPresent()) {
            meters.throttled();
            return Mono.just(tooMany(throttled.get(), exchange));
        }
        AttemptLogin attempt = new AttemptLogin(body.username(), new Password(body.password()), ip, clock.instant());
        return commands.<LoginOutcome>send(attempt, "anonymous:" + body.username(), "anonymous", exchange)
                .flatMap(outcome -> switch (outcome.result()) {
                    case SUCCESS ->
                        sessions.create(outcome.userId(), ip)
                                .doOnNext(token -> limits.loginSucceeded(ip, body.username()))
                                .doOnNext(token -> cookies.write(exchange, token, sessions.absoluteTimeout()))
                                .flatMap(token -> csrfTokens.renew(exchange, token))
                                .then(users.writeThenRead(outcome.userId(), Mono.empty(), view -> true))
                                .map(view -> ResponseEntity.ok((Object) UserResponse.of(view, clock.instant())));
                    case DEACTIVATED ->
                        Mono.fromRunnable(() -> {
                                    limits.loginSucceeded(ip, body.username());
                                    meters.deactivated();
                                })
                                .thenReturn(refusal(HttpStatus.FORBIDDEN, "this account is deactivated", exchange));
                    // LOCKED is no longer given (docs/adr/0013); answered like any failure
                    case BAD_CREDENTIALS, LOCKED ->
                        Mono.fromRunnable(meters::badCredentials)
                                .thenReturn(refusal(HttpStatus.UNAUTHORIZED, "invalid username or password", exchange));
                });
    }

    @Operation(summary = "End the current session (server-side) and clear its cookie")
    @PostMapping("/logout")
    public Mono<ResponseEntity<Void>> logout(@AuthenticationPrincipal SessionUser user, ServerWebExchange exchange) {
        return sessions.end(cookies.read(exchange))
                .then(Mono.fromRunnable(() -> cookies.clear(exchange)))
                .then(csrfTokens.reset(exchange))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @Operation(
            summary =
                    "The CSRF token (also set as the XSRF-TOKEN cookie); send it back in X-XSRF-TOKEN on every state-changing request")
    @GetMapping("/csrf")
    public Mono<CsrfResponse> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null
                ? Mono.error(new IllegalStateException("CSRF protection is not active"))
                : token.map(t -> new CsrfResponse(t.getToken(), t.getHeaderName(), "XSRF-TOKEN"));
    }

    private static ResponseEntity<Object> refusal(HttpStatus status, String detail, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemAdvice.problem(status, detail, List.of(), exchange);
        return ResponseEntity.status(status)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** 429: the same for every username, before any password is looked at. */
    private static ResponseEntity<Object> tooMany(Limits.Refusal refusal, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemAdvice.problem(
                HttpStatus.TOO_MANY_REQUESTS,
                refusal.detail() + " (in " + refusal.seconds() + " s)",
                List.of(),
                exchange);
        problem.setProperty("retryAfterSeconds", refusal.seconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(refusal.seconds()))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
