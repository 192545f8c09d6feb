package dev.trenddesk.strategy.credentials;

import dev.trenddesk.strategy.SystemMetaData;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends the credentials area's commands as the platform component that decided them
 * ({@code system:credentials-verifier}, {@code system:credentials-health}), keeping the trace id of
 * the request that caused them, so the audit trail links a verification to the trader's connect.
 */
@Component
public class SystemCommands {

    static final String VERIFIER = "credentials-verifier";
    static final String HEALTH = "credentials-health";

    private final CommandGateway commands;

    public SystemCommands(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * The command sent from a reactive chain: on a thread that may block, because the command bus handles a command
     * on the thread that sends it (a JDBC transaction), and the chain may go on on the HTTP client's event loop,
     * which the web server's connections share.
     */
    public Mono<Object> sendFromReactive(Object command, String component, String traceId) {
        return Mono.fromFuture(() -> send(command, component, traceId)).subscribeOn(Schedulers.boundedElastic());
    }

    public CompletableFuture<Object> send(Object command, String component, String traceId) {
        return commands.send(
                GenericCommandMessage.asCommandMessage(command).andMetaData(SystemMetaData.of(component, traceId)));
    }
}
