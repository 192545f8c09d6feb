package dev.trenddesk.gateway.security;

import dev.trenddesk.gateway.config.LogContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request its trace id (the caller's sane X-Trace-Id, traceparent or X-Request-Id, or a new one) and
 * answers it in the X-Trace-Id header, so a person can quote it and an auditor can find the events it caused. The
 * trace id is in the Reactor context of the request's work, and so in the MDC of its log lines (docs/logging.md).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TraceIdFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String traceId = RequestContext.of(exchange).traceId();
        exchange.getResponse().getHeaders().set(RequestContext.TRACE_HEADER, traceId);
        return LogContext.withTraceId(chain.filter(exchange), traceId);
    }
}
