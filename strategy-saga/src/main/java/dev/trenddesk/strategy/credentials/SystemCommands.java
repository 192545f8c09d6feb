package dev.trenddesk.strategy.credentials;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Sends the credentials area's commands as the platform component that decided them
 * ({@code system:credentials-verifier}, {@code system:credentials-health}), keeping the trace id of
 * the request that caused them, so the audit trail links a verification to the trader's connect.
 */
@Component
public class SystemCommands {

    static final String VERIFIER = "system:credentials-verifier";
    static final String HEALTH = "system:credentials-health";

    private final CommandGateway commands;

    public SystemCommands(CommandGateway commands) {
        this.commands = commands;
    }

    public CompletableFuture<Object> send(Object command, String actor, String traceId) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("actorId", actor);
        metadata.put("actorRole", "system");
        metadata.put("clientIp", "internal");
        metadata.put("traceId", traceId == null ? actor : traceId);
        return commands.send(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)));
    }
}
