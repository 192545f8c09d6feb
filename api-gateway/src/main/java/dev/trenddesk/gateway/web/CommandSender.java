package dev.trenddesk.gateway.web;

import dev.trenddesk.gateway.config.AxonConfiguration;
import dev.trenddesk.gateway.security.RequestContext;
import dev.trenddesk.gateway.security.SessionUser;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends commands with who sent them: actor id, actor role, client IP, trace id and browser family
 * go into the metadata, and Axon's correlation data provider copies them onto every event the command causes.
 */
@Component
public class CommandSender {

    private final CommandGateway commands;

    public CommandSender(CommandGateway commands) {
        this.commands = commands;
    }

    public <R> Mono<R> send(Object command, SessionUser actor, ServerWebExchange exchange) {
        return send(
                command,
                actor == null ? "anonymous" : actor.id().toString(),
                actor == null ? "anonymous" : actor.role().code(),
                exchange);
    }

    public <R> Mono<R> send(Object command, String actorId, String actorRole, ServerWebExchange exchange) {
        RequestContext context = RequestContext.of(exchange);
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(AxonConfiguration.ACTOR_ID, actorId);
        metadata.put(AxonConfiguration.ACTOR_ROLE, actorRole);
        metadata.put(AxonConfiguration.CLIENT_IP, context.clientIp());
        metadata.put(AxonConfiguration.TRACE_ID, context.traceId());
        metadata.put(AxonConfiguration.BROWSER, context.browser());
        // the command bus handles a command on the sending thread, and handlers block (JDBC, Argon2id): never on
        // the web server's event loop, which would stall every other connection it serves
        return Mono.defer(() -> Mono.fromFuture(commands.<R>send(
                        GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)))))
                .subscribeOn(Schedulers.boundedElastic());
    }
}
