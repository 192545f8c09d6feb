package dev.trenddesk.gateway.security;

import dev.trenddesk.gateway.config.LogContext;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts the logged-in user's id into the Reactor context of the request's work, and so into the MDC of its log lines
 * ({@link LogContext#USER_ID}). Runs after Spring Security's filter chain (order -100), which has loaded the
 * session's security context once for the request; an anonymous request carries no user id.
 */
@Component
@Order(0)
class UserLogContextFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(authentication -> authentication.getPrincipal() instanceof SessionUser)
                .map(authentication ->
                        ((SessionUser) authentication.getPrincipal()).id().toString())
                .map(userId -> LogContext.withUserId(chain.filter(exchange), userId))
                .defaultIfEmpty(Mono.defer(() -> chain.filter(exchange)))
                .flatMap(work -> work);
    }
}
