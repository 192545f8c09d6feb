package dev.trenddesk.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * A command that still collided with another node's change of the same aggregate after the gateway's retries
 * answers 503 with Retry-After, not 500: nothing was changed, and sending it again is safe.
 */
class ProblemAdviceConcurrencyTest {

    private final ProblemAdvice advice = new ProblemAdvice();

    @Test
    void aCollisionAnswers503WithRetryAfter() {
        for (Exception collision : new Exception[] {
            new ConcurrencyException("An event for aggregate [x] at sequence [4] was already inserted"),
            new CommandExecutionException("remote", new ConcurrencyException("sequence taken"), null)
        }) {
            MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.put("/api/me/settings"));
            ProblemDetail problem = collision instanceof CommandExecutionException remote
                    ? advice.remoteRefusal(remote, exchange)
                    : advice.unexpected(collision, exchange);
            assertThat(problem.getStatus()).as(collision.toString()).isEqualTo(503);
            assertThat(problem.getDetail()).contains("try again");
            assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After"))
                    .isEqualTo("1");
        }
    }
}
