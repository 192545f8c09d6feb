package dev.trenddesk.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.RejectionCode;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** A domain refusal is a 409 whose problem+json carries the code, whether the rejection or only its details arrive. */
class ProblemAdviceRejectionTest {

    private final ProblemAdvice advice = new ProblemAdvice();
    private final MockServerWebExchange exchange = MockServerWebExchange.from(
            MockServerHttpRequest.put("/api/me/settings").build());

    @Test
    void aRejectionThrownInTheGatewayCarriesItsCode() {
        ProblemDetail problem = advice.conflict(
                new DomainRejection(RejectionCode.TRADING_PERMISSION_REQUIRED, "trading permission is required"),
                exchange);

        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getDetail()).isEqualTo("trading permission is required");
        assertThat(problem.getProperties()).containsEntry("code", "TRADING_PERMISSION_REQUIRED");
    }

    @Test
    void aLocalCommandBusBringsTheRejectionAsTheCause() {
        DomainRejection rejection =
                new DomainRejection(RejectionCode.POSITION_OPEN_LEVERAGE_CHANGE, "leverage cannot change");
        ProblemDetail problem = advice.remoteRefusal(
                new CommandExecutionException(rejection.getMessage(), rejection, "POSITION_OPEN_LEVERAGE_CHANGE"),
                exchange);

        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getDetail()).isEqualTo("leverage cannot change");
        assertThat(problem.getProperties()).containsEntry("code", "POSITION_OPEN_LEVERAGE_CHANGE");
    }

    @Test
    void aDistributedCommandBusBringsOnlyTheMessageAndTheDetails() {
        // what Axon Server hands back: the message, the details, a cause of its own type
        ProblemDetail problem = advice.remoteRefusal(
                new CommandExecutionException(
                        "a bot is already running",
                        new RuntimeException("remote handler failed"),
                        "SESSION_ALREADY_RUNNING"),
                exchange);

        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getDetail()).isEqualTo("a bot is already running");
        assertThat(problem.getProperties()).containsEntry("code", "SESSION_ALREADY_RUNNING");
    }

    @Test
    void anUncodedConflictHasNoCodeAndAnUnknownCodeIsNoRejection() {
        ProblemDetail plain = advice.conflict(new IllegalStateException("something else"), exchange);
        assertThat(plain.getStatus()).isEqualTo(409);
        assertThat(plain.getProperties()).doesNotContainKey("code");

        assertThat(ProblemAdvice.rejectionOf(
                        new CommandExecutionException("boom", new RuntimeException(), "NOT_A_CODE")))
                .isNull();
        assertThat(ProblemAdvice.rejectionOf(new CommandExecutionException("boom", new RuntimeException())))
                .isNull();
    }
}
