package dev.trenddesk.gateway.config;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The first step of a graceful stop behind a load balancer. When the context starts closing, Spring
 * Boot turns readiness to REFUSING_TRAFFIC ({@code /actuator/health/readiness} answers 503) and then
 * publishes {@link ContextClosedEvent}, before it stops anything. On that event this listener waits
 * {@code trenddesk.shutdown.drain} while the node still serves everything, so that the balancer's health
 * checks see the node down and send it no new request. Only then are the lifecycle beans stopped: the
 * live streams end with their {@code reconnect} event (the clients come back through the balancer to
 * another node), the web server's graceful shutdown lets requests in flight finish, the event processors
 * and the database stop. The pause must be longer than the balancer's check interval times its fall
 * count (HAProxy in deploy/haproxy: 1 s x 2); zero (the default, local mode without a balancer) skips it.
 */
public class ShutdownDrain implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration drain;
    private final ApplicationContext context;

    public ShutdownDrain(@Value("${trenddesk.shutdown.drain:0s}") Duration drain, ApplicationContext context) {
        if (drain.isNegative()) {
            throw new IllegalArgumentException("trenddesk.shutdown.drain must not be negative: " + drain);
        }
        this.drain = drain;
        this.context = context;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (drain.isZero() || event.getApplicationContext() != context) {
            return;
        }
        log.info(
                "Stopping: readiness is DOWN; still serving for {} ms while the load balancer takes this node out",
                drain.toMillis());
        try {
            Thread.sleep(drain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
