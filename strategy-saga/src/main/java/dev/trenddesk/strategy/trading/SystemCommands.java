package dev.trenddesk.strategy.trading;

import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/** Sends commands as a platform component: actorId {@code system:<component>}, actorRole {@code system}. */
final class SystemCommands {

    private SystemCommands() {
    }

    static MetaData metaData(String component) {
        return MetaData.from(Map.of("actorId", "system:" + component, "actorRole", "system", "clientIp", "local",
                "traceId", component));
    }

    static <R> R send(CommandGateway gateway, String component, Object command) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData(component)));
    }
}
