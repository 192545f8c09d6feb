package dev.trenddesk.strategy.credentials;

import dev.trenddesk.strategy.SystemMetaData;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

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

    public CompletableFuture<Object> send(Object command, String component, String traceId) {
        return commands.send(
                GenericCommandMessage.asCommandMessage(command).andMetaData(SystemMetaData.of(component, traceId)));
    }
}
