package dev.trenddesk.strategy.trading;

import dev.trenddesk.strategy.SystemMetaData;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Sends commands as a platform component: actorId {@code system:<component>}, actorRole {@code system}. */
final class SystemCommands {

    private SystemCommands() {}

    static <R> R send(CommandGateway gateway, String component, Object command) {
        return gateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(SystemMetaData.of(component, null)));
    }
}
