package dev.trenddesk.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.user.UserCommands.AttemptLogin;
import dev.trenddesk.api.user.UserCommands.RegisterUser;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.scheduler.Schedulers;

/**
 * A command an HTTP request sends runs its handler off the web server's event loop. The command bus handles a
 * command on the thread that sends it, and a handler blocks: a transaction on JDBC, and for a log-in or a new
 * user an Argon2id hash of tens of milliseconds. On an event-loop thread that stalls every other connection the
 * loop serves, server-sent event streams included.
 */
@IntegrationTest
class CommandThreadTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandBus commandBus;

    @Test
    void commandsSentByRequestsAreHandledOffTheEventLoop() {
        Map<String, String> eventLoopThreads = new ConcurrentHashMap<>();
        Map<String, String> handled = new ConcurrentHashMap<>();
        Registration registration = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            String command = unitOfWork.getMessage().getCommandName();
            String thread = Thread.currentThread().getName();
            handled.put(command, thread);
            if (Schedulers.isInNonBlockingThread()) {
                eventLoopThreads.put(command, thread);
            }
            return chain.proceed();
        });
        try {
            People people = new People(port); // the admin logs in
            people.create("TRADER").login(); // a user registered, who logs in
        } finally {
            registration.cancel();
        }
        assertThat(handled).containsKeys(AttemptLogin.class.getName(), RegisterUser.class.getName());
        assertThat(eventLoopThreads)
                .as("commands handled on a non-blocking thread")
                .isEmpty();
    }
}
