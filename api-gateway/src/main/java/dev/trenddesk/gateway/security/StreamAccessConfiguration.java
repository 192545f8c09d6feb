package dev.trenddesk.gateway.security;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link StreamAccess}'s user-event handlers run in a subscribing processor: on the node that
 * published the event, right after its commit, with no token of their own (every node would need
 * its own, and the periodic re-check covers the events published by other nodes anyway).
 */
@Configuration(proxyBeanMethods = false)
class StreamAccessConfiguration {

    @Bean
    ConfigurerModule streamAccessProcessor() {
        return configurer -> configurer.eventProcessing(
                processing -> processing.registerSubscribingEventProcessor(StreamAccess.GROUP));
    }
}
