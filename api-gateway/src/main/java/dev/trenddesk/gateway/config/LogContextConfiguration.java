package dev.trenddesk.gateway.config;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.lifecycle.Phase;
import org.axonframework.queryhandling.QueryBus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts a request's trace id and user id into the MDC of every log line written for it (docs/logging.md): on
 * WebFlux's threads through Reactor's context propagation, in Axon's handlers (commands, queries, event processors,
 * sagas, deadlines) from the message's metadata, which Axon's correlation data provider carries from the request's
 * command to every message it causes.
 */
@Configuration(proxyBeanMethods = false)
public class LogContextConfiguration {

    public LogContextConfiguration() {
        LogContext.registerWithReactor();
    }

    /**
     * Every event processor's handlers (sagas included) get the interceptor as they are built; the command bus, the
     * query bus and the deadline manager as Axon starts, before any message is handled (the buses are looked up
     * then, not injected: Axon's configuration itself depends on this module).
     */
    @Bean
    ConfigurerModule logContextOfMessageHandlers(
            ObjectProvider<CommandBus> commands,
            ObjectProvider<QueryBus> queries,
            ObjectProvider<DeadlineManager> deadlines) {
        return configurer -> {
            configurer.eventProcessing(processing -> processing.registerDefaultHandlerInterceptor(
                    (configuration, name) -> LogContext.handlerInterceptor()));
            configurer.onInitialize(configuration -> configuration.onStart(Phase.INSTRUCTION_COMPONENTS, () -> {
                commands.ifAvailable(bus -> bus.registerHandlerInterceptor(LogContext.handlerInterceptor()));
                queries.ifAvailable(bus -> bus.registerHandlerInterceptor(LogContext.handlerInterceptor()));
                deadlines.ifAvailable(manager -> manager.registerHandlerInterceptor(LogContext.handlerInterceptor()));
            }));
        };
    }
}
