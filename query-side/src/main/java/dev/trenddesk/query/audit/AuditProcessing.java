package dev.trenddesk.query.audit;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The audit processor never skips an event: a failing event stops it (and is retried with
 * back-off) instead of being logged and passed over, which would leave a hole in the log. A stuck
 * audit processor shows as growing lag in the projection admin.
 */
@Configuration(proxyBeanMethods = false)
public class AuditProcessing {

    @Autowired
    void configure(EventProcessingConfigurer configurer) {
        configurer.registerListenerInvocationErrorHandler(
                AuditProjection.GROUP, c -> PropagatingErrorHandler.instance());
    }
}
