package dev.trenddesk.gateway.security;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Loads the security context of a request from its session cookie; sessions are opened by the login endpoint. */
@Component
class SessionSecurityContextRepository implements ServerSecurityContextRepository {

    private final WebSessionStore sessions;
    private final SessionCookies cookies;

    public SessionSecurityContextRepository(WebSessionStore sessions, SessionCookies cookies) {
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        return Mono.empty();
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        // read once per request: Spring subscribes to this again for the authorization decision and for
        // every @AuthenticationPrincipal, and a session ended meanwhile (an admin erased while their own
        // request was under way) left a request that had been let in with no principal: a 500
        return sessions.find(cookies.read(exchange))
                .map(user -> (SecurityContext) new SecurityContextImpl(new SessionAuthentication(user)))
                .cache();
    }
}
