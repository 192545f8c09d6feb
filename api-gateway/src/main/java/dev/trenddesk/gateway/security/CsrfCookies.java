package dev.trenddesk.gateway.security;

import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The XSRF-TOKEN cookie: readable by the SPA (not HttpOnly), SameSite=Strict, Path=/, and Secure
 * when the browser's connection is TLS, decided per request as for the session cookie
 * ({@link SessionCookies#overTls}). Spring's own repository marks it Secure only when this process
 * holds the TLS connection itself, never behind a proxy that ends TLS.
 */
final class CsrfCookies implements ServerCsrfTokenRepository {

    private final CookieServerCsrfTokenRepository secure = repository(true);
    private final CookieServerCsrfTokenRepository plain = repository(false);

    private static CookieServerCsrfTokenRepository repository(boolean secure) {
        CookieServerCsrfTokenRepository repository = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(
                cookie -> cookie.sameSite("Strict").path("/").secure(secure));
        return repository;
    }

    private ServerCsrfTokenRepository of(ServerWebExchange exchange) {
        return SessionCookies.overTls(exchange) ? secure : plain;
    }

    @Override
    public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
        return of(exchange).generateToken(exchange);
    }

    @Override
    public Mono<Void> saveToken(ServerWebExchange exchange, CsrfToken token) {
        return of(exchange).saveToken(exchange, token);
    }

    @Override
    public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
        return of(exchange).loadToken(exchange);
    }
}
