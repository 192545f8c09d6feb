package dev.trenddesk.gateway.security;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.gateway.metrics.ScrapeAccess;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Every access rule of the HTTP API, in one place. The authorization matrix test walks every
 * endpoint against these rules for each kind of caller.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    /** Largest request body accepted; larger ones get 413. */
    public static final long MAX_BODY_BYTES = 64 * 1024;

    /** The brand's logo (at most 100 KiB) travels in base64 in JSON: its one endpoint takes more. */
    public static final long MAX_LOGO_BODY_BYTES = 160 * 1024;

    public static final String LOGO_PATH = "/api/admin/platform/settings/logo";

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http,
            SessionSecurityContextRepository contextRepository,
            ProblemWriter problems,
            SessionBoundCsrfTokens csrfTokens,
            @Value("${trenddesk.metrics.scrape-token:}") String scrapeToken) {
        // the XSRF-TOKEN cookie (and its attributes) and the token's binding to the session: SessionBoundCsrfTokens
        ServerCsrfTokenRequestAttributeHandler csrfHandler = new ServerCsrfTokenRequestAttributeHandler();

        ServerAccessDeniedHandler denied = (exchange, e) -> {
            String path = exchange.getRequest().getPath().value();
            if (path.startsWith("/api/users/")) {
                // do not reveal whether another user's data exists
                return problems.write(exchange, HttpStatus.NOT_FOUND, "no such user data", Map.of());
            }
            boolean csrf =
                    e.getMessage() != null && e.getMessage().toLowerCase().contains("csrf");
            return problems.write(
                    exchange,
                    HttpStatus.FORBIDDEN,
                    csrf
                            ? "missing or invalid CSRF token: send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header"
                            : "your role may not do this",
                    Map.of());
        };

        return http.securityContextRepository(contextRepository)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(csrfHandler)
                        .accessDeniedHandler(denied))
                .headers(
                        headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(
                                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")))
                .exceptionHandling(handling -> handling.authenticationEntryPoint((exchange, e) ->
                                problems.write(exchange, HttpStatus.UNAUTHORIZED, "log in first", Map.of()))
                        .accessDeniedHandler(denied))
                .addFilterAt(bodyLimit(problems), SecurityWebFiltersOrder.FIRST)
                .addFilterAfter(csrfCookie(), SecurityWebFiltersOrder.CSRF)
                .authorizeExchange(rules -> rules.pathMatchers("/api/auth/login", "/api/auth/csrf")
                        .permitAll()
                        // the brand: the login page shows it before anyone logs in
                        .pathMatchers(HttpMethod.GET, "/api/branding", "/api/branding/logo")
                        .permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**")
                        .permitAll()
                        // Prometheus: an admin, or a scraper with the scrape token (docs/observability.md)
                        .pathMatchers("/actuator/prometheus")
                        .access(ScrapeAccess.adminOrToken(scrapeToken))
                        .pathMatchers("/actuator/**")
                        .hasRole("ADMIN")
                        // every trader's fees and the fee revenue: auditors read them too (docs/fees.md)
                        .pathMatchers(HttpMethod.GET, "/api/admin/fees")
                        .hasAnyRole("AUDITOR", "ADMIN")
                        .pathMatchers("/api/admin/**")
                        .hasRole("ADMIN")
                        .pathMatchers("/api/audit/**")
                        .hasAnyRole("AUDITOR", "ADMIN")
                        .pathMatchers(
                                "/api/me/settings",
                                "/api/me/settings/**",
                                "/api/me/bingx",
                                "/api/me/bingx/**",
                                "/api/me/bot",
                                "/api/me/bot/**",
                                "/api/me/backtest",
                                "/api/me/backtest/**",
                                "/api/me/notifications",
                                "/api/me/notifications/**",
                                "/api/me/plan",
                                "/api/me/fees",
                                "/api/me/fees/**")
                        .hasRole("TRADER")
                        .pathMatchers(
                                "/api/me/dashboard",
                                "/api/me/positions",
                                "/api/me/orders",
                                "/api/me/trades",
                                "/api/me/sessions",
                                "/api/me/performance",
                                "/api/me/signals",
                                "/api/me/candles",
                                "/api/me/candle-series",
                                "/api/me/alerts",
                                "/api/me/stream")
                        .hasRole("TRADER")
                        .pathMatchers("/api/users/{id}/**")
                        .access(readsUserData())
                        .pathMatchers("/api/**")
                        .authenticated()
                        .anyExchange()
                        .permitAll())
                .build();
    }

    /** /api/users/{id}/...: the user themselves, an admin, or a viewer that user was granted to. */
    private static ReactiveAuthorizationManager<AuthorizationContext> readsUserData() {
        return (authentication, context) -> authentication
                .filter(Authentication::isAuthenticated)
                .map(auth -> {
                    Object id = context.getVariables().get("id");
                    if (!(auth.getPrincipal() instanceof SessionUser user) || id == null) {
                        return new AuthorizationDecision(false);
                    }
                    try {
                        return new AuthorizationDecision(user.mayRead(UserId.of(id.toString())));
                    } catch (IllegalArgumentException notAUuid) {
                        return new AuthorizationDecision(false);
                    }
                })
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    /** Refuses declared bodies over 64 KiB before anything reads them (chunked ones are capped by the codecs). */
    private static WebFilter bodyLimit(ProblemWriter problems) {
        return (exchange, chain) -> {
            long length = exchange.getRequest().getHeaders().getContentLength();
            long max = LOGO_PATH.equals(exchange.getRequest().getPath().value()) ? MAX_LOGO_BODY_BYTES : MAX_BODY_BYTES;
            if (length > max) {
                return problems.write(
                        exchange,
                        HttpStatus.PAYLOAD_TOO_LARGE,
                        "request body is larger than " + max / 1024 + " KiB",
                        Map.of());
            }
            return chain.filter(exchange);
        };
    }

    /** Makes sure the XSRF-TOKEN cookie is written on every response, so the SPA and curl always have one. */
    private static WebFilter csrfCookie() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return (token == null ? Mono.<CsrfToken>empty() : token).then(chain.filter(exchange));
        };
    }
}
