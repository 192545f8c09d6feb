package dev.trenddesk.strategy.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A command decided in a reactive chain is sent on a thread that may block, even when the chain goes on on a
 * non-blocking thread (as the HTTP client's event loop answering the exchange): the bus handles it on the sending
 * thread, in a JDBC transaction (CI saw RecordHealthCheck handled on reactor-http-epoll).
 */
class SystemCommandsTest {

    @Test
    void aCommandFromANonBlockingThreadIsSentOffIt() {
        CommandGateway gateway = mock(CommandGateway.class);
        AtomicBoolean sentOnNonBlocking = new AtomicBoolean(true);
        AtomicReference<String> thread = new AtomicReference<>();
        when(gateway.send(any(CommandMessage.class))).thenAnswer(invocation -> {
            sentOnNonBlocking.set(Schedulers.isInNonBlockingThread());
            thread.set(Thread.currentThread().getName());
            return CompletableFuture.completedFuture("done");
        });
        SystemCommands commands = new SystemCommands(gateway);

        Object answer = Mono.just("health observed")
                .publishOn(Schedulers.parallel()) // a non-blocking thread, like the HTTP client's event loop
                .doOnNext(x -> assertThat(Schedulers.isInNonBlockingThread()).isTrue())
                .flatMap(x -> commands.sendFromReactive("a command", SystemCommands.HEALTH, null))
                .block();

        assertThat(answer).isEqualTo("done");
        assertThat(sentOnNonBlocking.get()).as("sent on %s", thread.get()).isFalse();
    }
}
