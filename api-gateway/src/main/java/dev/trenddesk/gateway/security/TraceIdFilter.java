package dev.trenddesk.gateway.security;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request its trace id (the caller's valid X-Trace-Id, or a new one) and answers it in
 * the X-Trace-Id header, so a person can quote it and an auditor can find the events it caused.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TraceIdFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse()
                .getHeaders()
                .set(RequestContext.TRACE_HEADER, RequestContext.of(exchange).traceId());
        return chain.filter(exchange);
    }
}
