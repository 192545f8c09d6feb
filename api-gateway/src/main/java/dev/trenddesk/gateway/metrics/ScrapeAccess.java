package dev.trenddesk.gateway.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * Who may read {@code /actuator/prometheus}: a logged-in admin, or a scraper presenting
 * {@code Authorization: Bearer <trenddesk.metrics.scrape-token>}. Without a token set only admins
 * may; anonymous callers never (docs/observability.md).
 */
public final class ScrapeAccess {

    /** Shortest accepted scrape token: it is a password for the metrics. */
    public static final int MIN_TOKEN_LENGTH = 32;

    private ScrapeAccess() {}

    /** The rule; {@code token} empty or null: admins only. Throws when the token is too short to be a secret. */
    public static ReactiveAuthorizationManager<AuthorizationContext> adminOrToken(String token) {
        byte[] expected = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
        if (expected != null && token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("trenddesk.metrics.scrape-token must be at least " + MIN_TOKEN_LENGTH
                    + " characters long (e.g. openssl rand -hex 32)");
        }
        return (authentication, context) -> {
            String header = context.getExchange().getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (expected != null && header != null && header.startsWith("Bearer ")) {
                byte[] presented = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
                if (MessageDigest.isEqual(expected, presented)) {
                    return Mono.just(new AuthorizationDecision(true));
                }
            }
            return authentication
                    .filter(Authentication::isAuthenticated)
                    .map(auth -> new AuthorizationDecision(isAdmin(auth.getAuthorities())))
                    .defaultIfEmpty(new AuthorizationDecision(false));
        };
    }

    private static boolean isAdmin(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }
}
