package dev.trenddesk.gateway.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;

/**
 * Axon's message meters, registered once per component (ADR 0023). axon-micrometer's own monitors looked
 * up (registered) five or more meters in the registry for every message a component saw, each with a
 * {@code payloadType} tag that {@code MetricsConfiguration} then had to drop again, and a capacity gauge
 * nobody exported; a processor pays that for each event it ignores too, which was 30 % of the execution
 * threads' samples in the 300-bot wave. These monitors hold their meters and only count and time.
 *
 * <p>The series are axon-micrometer's dimensional ones, same names and meaning (docs/observability.md):
 * {@code <component>.successTimer|failureTimer|ignoredTimer|allTimer}, {@code <component>.ingestedCounter|
 * successCounter|failureCounter|processedCounter|ignoredCounter}, tagged {@code processorName} for event
 * processors, which also get {@code eventProcessor.latency}: the age in ms of the last event ingested.
 */
final class AxonMeters implements ConfigurerModule {

    private final MeterRegistry registry;

    AxonMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureMessageMonitor(configuration -> this::monitor);
    }

    /** The monitor of one component, or none for kinds Axon's module did not measure either. */
    MessageMonitor<Message<?>> monitor(Class<?> componentType, String componentName) {
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            return new ComponentMonitor(registry, "eventProcessor", Tags.of("processorName", componentName), true);
        }
        if (CommandBus.class.isAssignableFrom(componentType)
                || EventBus.class.isAssignableFrom(componentType)
                || QueryBus.class.isAssignableFrom(componentType)
                || QueryUpdateEmitter.class.isAssignableFrom(componentType)) {
            return new ComponentMonitor(registry, componentName, Tags.empty(), false);
        }
        return NoOpMessageMonitor.instance();
    }

    /** Counts and times every message of one component with meters registered when it is built. */
    static final class ComponentMonitor implements MessageMonitor<Message<?>> {

        private final Clock clock;
        private final Timer success;
        private final Timer failure;
        private final Timer ignored;
        private final Timer all;
        private final Counter ingestedCount;
        private final Counter successCount;
        private final Counter failureCount;
        private final Counter processedCount;
        private final Counter ignoredCount;
        /** Null unless the component is an event processor. */
        private final AtomicLong latency;

        ComponentMonitor(MeterRegistry registry, String prefix, Tags tags, boolean eventProcessor) {
            this.clock = registry.config().clock();
            this.success = timer(registry, prefix + ".successTimer", tags);
            this.failure = timer(registry, prefix + ".failureTimer", tags);
            this.ignored = timer(registry, prefix + ".ignoredTimer", tags);
            this.all = timer(registry, prefix + ".allTimer", tags);
            this.ingestedCount = registry.counter(prefix + ".ingestedCounter", tags);
            this.successCount = registry.counter(prefix + ".successCounter", tags);
            this.failureCount = registry.counter(prefix + ".failureCounter", tags);
            this.processedCount = registry.counter(prefix + ".processedCounter", tags);
            this.ignoredCount = registry.counter(prefix + ".ignoredCounter", tags);
            this.latency = eventProcessor ? new AtomicLong() : null;
            if (eventProcessor) {
                Gauge.builder(prefix + ".latency", latency, AtomicLong::get)
                        .tags(tags)
                        .strongReference(true)
                        .register(registry);
            }
        }

        private static Timer timer(MeterRegistry registry, String name, Tags tags) {
            return Timer.builder(name).tags(tags).register(registry);
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            long start = clock.monotonicTime();
            ingestedCount.increment();
            if (latency != null && message instanceof EventMessage<?> event) {
                latency.set(clock.wallTime() - event.getTimestamp().toEpochMilli());
            }
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    record(success);
                    successCount.increment();
                    processedCount.increment();
                }

                @Override
                public void reportFailure(Throwable cause) {
                    record(failure);
                    failureCount.increment();
                    processedCount.increment();
                }

                @Override
                public void reportIgnored() {
                    record(ignored);
                    ignoredCount.increment();
                }

                private void record(Timer outcome) {
                    long took = clock.monotonicTime() - start;
                    outcome.record(took, TimeUnit.NANOSECONDS);
                    all.record(took, TimeUnit.NANOSECONDS);
                }
            };
        }
    }
}
