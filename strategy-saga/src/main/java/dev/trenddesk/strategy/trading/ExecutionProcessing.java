package dev.trenddesk.strategy.trading;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * A request the execution processor could not settle (the attempt row not written, its wait for the fast path
 * interrupted) is not passed over: the failure rolls the batch back and the processor retries the request with
 * back-off, rather than Axon's default of logging it and moving on (ADR 0007, ADR 0032).
 */
@Configuration(proxyBeanMethods = false)
public class ExecutionProcessing {

    @Autowired
    void configure(EventProcessingConfigurer configurer) {
        configurer.registerListenerInvocationErrorHandler(
                OrderExecution.GROUP, c -> PropagatingErrorHandler.instance());
    }
}
