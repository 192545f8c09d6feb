package dev.trenddesk.command.platform;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The kill switch's enforcer never passes over an engage it could not carry out (a bot it could not pause for
 * another reason than the bot's own state): the failure stops the processor, which retries the event with
 * back-off, rather than Axon's default of logging it and moving on.
 */
@Configuration(proxyBeanMethods = false)
public class KillSwitchProcessing {

    @Autowired
    void configure(EventProcessingConfigurer configurer) {
        configurer.registerListenerInvocationErrorHandler(
                KillSwitchEnforcer.GROUP, c -> PropagatingErrorHandler.instance());
    }
}
