package dev.trenddesk.gateway.security;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Requests Spring Security's firewall refuses before any controller sees them (an empty path segment,
 * an encoded slash, NUL, CR or LF in the path, ...) answer 400 problem+json naming the path, like every
 * other refusal, instead of an empty 400.
 */
@Component
class ProblemRejectedRequests implements ServerExchangeRejectedHandler {

    private final ProblemWriter problems;

    public ProblemRejectedRequests(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        String message = "is not a path this API accepts (empty segment, encoded slash or control character)";
        return problems.write(
                exchange,
                HttpStatus.BAD_REQUEST,
                "path: " + message,
                Map.of("errors", java.util.List.of(Map.of("field", "path", "message", message))));
    }
}
