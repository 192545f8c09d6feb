package dev.trenddesk.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/** The rule of /actuator/prometheus: an admin, or the exact bearer token; a token too short to be a secret is refused. */
class ScrapeAccessTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @Test
    void theExactBearerTokenOrAnAdminMayScrape() {
        var rule = ScrapeAccess.adminOrToken(TOKEN);

        assertThat(decide(rule, "Bearer " + TOKEN, null)).isTrue();
        assertThat(decide(rule, "Bearer " + TOKEN + "x", null)).isFalse();
        assertThat(decide(rule, "Basic " + TOKEN, null)).isFalse();
        assertThat(decide(rule, null, null)).isFalse();
        assertThat(decide(rule, null, anonymous())).isFalse();
        assertThat(decide(rule, null, user("ROLE_TRADER"))).isFalse();
        assertThat(decide(rule, null, user("ROLE_ADMIN"))).isTrue();
    }

    @Test
    void withoutATokenOnlyAdminsMayScrape() {
        var rule = ScrapeAccess.adminOrToken("");

        assertThat(decide(rule, "Bearer ", null)).isFalse();
        assertThat(decide(rule, "Bearer " + TOKEN, user("ROLE_AUDITOR"))).isFalse();
        assertThat(decide(rule, null, user("ROLE_ADMIN"))).isTrue();
    }

    @Test
    void aShortTokenIsRefused() {
        assertThatThrownBy(() -> ScrapeAccess.adminOrToken("short-token"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 characters");
    }

    private static boolean decide(
            ReactiveAuthorizationManager<AuthorizationContext> rule, String authorization, Authentication caller) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/actuator/prometheus");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        AuthorizationContext context = new AuthorizationContext(MockServerWebExchange.from(request.build()), Map.of());
        AuthorizationDecision decision = rule.check(caller == null ? Mono.empty() : Mono.just(caller), context)
                .block();
        return decision != null && decision.isGranted();
    }

    private static Authentication user(String authority) {
        return UsernamePasswordAuthenticationToken.authenticated(
                "someone", null, List.of(new SimpleGrantedAuthority(authority)));
    }

    private static Authentication anonymous() {
        return new AnonymousAuthenticationToken(
                "key", "anonymous", List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS")));
    }
}
