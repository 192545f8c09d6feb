package dev.trenddesk.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpCookie;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * CSRF tokens bound to the session (docs/adr/0005, 0013). With a session cookie the only valid
 * token is HMAC-SHA256 keyed with the session's secret cookie value: every gateway node computes the
 * same token without storing it, a token of another session never matches, and a login (new
 * session) yields a new token. Without a session (before login) it is Spring's cookie-to-header
 * token: the XSRF-TOKEN cookie echoed in X-XSRF-TOKEN. The XSRF-TOKEN cookie always carries the
 * token the server expects, so the SPA and curl keep copying the cookie as before.
 */
@Component
public class SessionBoundCsrfTokens implements ServerCsrfTokenRepository {

    private static final String HEADER = "X-XSRF-TOKEN";
    private static final String PARAMETER = "_csrf";
    private static final String COOKIE = "XSRF-TOKEN";
    private static final String WRITTEN = SessionBoundCsrfTokens.class.getName() + ".written";
    private static final byte[] PURPOSE = "trenddesk csrf token v1".getBytes(StandardCharsets.UTF_8);

    /** The XSRF-TOKEN cookie itself, Secure when the browser's connection is TLS. */
    private final ServerCsrfTokenRepository cookies = new CsrfCookies();

    private final SessionCookies sessionCookies;

    public SessionBoundCsrfTokens(SessionCookies sessionCookies) {
        this.sessionCookies = sessionCookies;
    }

    @Override
    public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
        String session = sessionCookies.read(exchange);
        return session == null || session.isEmpty() ? cookies.generateToken(exchange) : Mono.just(bound(session));
    }

    @Override
    public Mono<Void> saveToken(ServerWebExchange exchange, CsrfToken token) {
        exchange.getAttributes().put(WRITTEN, Boolean.TRUE);
        return cookies.saveToken(exchange, token);
    }

    @Override
    public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
        String session = sessionCookies.read(exchange);
        if (session == null || session.isEmpty()) {
            return cookies.loadToken(exchange);
        }
        CsrfToken token = bound(session);
        HttpCookie sent = exchange.getRequest().getCookies().getFirst(COOKIE);
        boolean stale = sent == null
                || !MessageDigest.isEqual(
                        sent.getValue().getBytes(StandardCharsets.UTF_8),
                        token.getToken().getBytes(StandardCharsets.UTF_8));
        if (stale && exchange.getAttribute(WRITTEN) == null) {
            // hand the browser the token of its session on this answer (the request itself is judged as it is)
            return saveToken(exchange, token).thenReturn(token);
        }
        return Mono.just(token);
    }

    /** After login: the new session's token goes out with the login answer; the old one is void. */
    public Mono<Void> renew(ServerWebExchange exchange, String newSessionToken) {
        return saveToken(exchange, bound(newSessionToken));
    }

    /** After logout: a fresh unbound token for the next login. */
    public Mono<Void> reset(ServerWebExchange exchange) {
        return cookies.generateToken(exchange).flatMap(token -> saveToken(exchange, token));
    }

    static CsrfToken bound(String sessionToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(PURPOSE));
            return new DefaultCsrfToken(HEADER, PARAMETER, value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
