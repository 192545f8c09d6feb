package dev.trenddesk.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.RejectionCode;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.junit.jupiter.api.Test;

/** A domain rejection leaves the command bus with its code in the exception's details; other failures pass unchanged. */
class CodedRejectionsTest {

    record Refuse(RuntimeException failure) {}

    private Throwable dispatch(RuntimeException failure, boolean intercepted) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(Refuse.class.getName(), message -> {
            throw ((Refuse) message.getPayload()).failure();
        });
        if (intercepted) {
            bus.registerHandlerInterceptor(new CodedRejections());
        }
        AtomicReference<CommandResultMessage<?>> result = new AtomicReference<>();
        bus.dispatch(
                GenericCommandMessage.asCommandMessage(new Refuse(failure)), (command, answer) -> result.set(answer));
        return result.get().exceptionResult();
    }

    @Test
    void aRejectionTravelsAsItsCodeInTheDetailsWithTheRejectionAsCause() {
        DomainRejection rejection = new DomainRejection(
                RejectionCode.SESSION_ALREADY_RUNNING, "a bot is already running for this user: stop it first");

        Throwable failure = dispatch(rejection, true);

        assertThat(failure)
                .isInstanceOf(CommandExecutionException.class)
                .hasMessage("a bot is already running for this user: stop it first")
                .hasCause(rejection);
        assertThat(((CommandExecutionException) failure).getDetails()).contains("SESSION_ALREADY_RUNNING");
    }

    @Test
    void withoutTheInterceptorTheDetailsAreLost() {
        // the reason for the interceptor: a bare exception has no details for a remote bus to carry
        Throwable failure = dispatch(new DomainRejection(RejectionCode.ORDER_UNKNOWN, "no order x"), false);

        assertThat(failure).isInstanceOf(DomainRejection.class);
    }

    @Test
    void otherFailuresPassUnchanged() {
        IllegalStateException plain = new IllegalStateException("database gone");

        assertThat(dispatch(plain, true)).isSameAs(plain);
    }
}
