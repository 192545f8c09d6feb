package dev.trenddesk.gateway.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store of the local and cluster modes (JDBC storage on PostgreSQL): Axon's auto-configured one, built the
 * same way, as a {@link PromptEventStore} whose wake-up bounds come from {@code trenddesk.events.fetch-delay} and
 * {@code trenddesk.events.wake-check}. With Axon Server (the distributed profile) Axon's own store is used.
 *
 * <p>Axon's auto-configuration makes its JDBC storage engine only when no event bus is defined, so the engine is made
 * here too, exactly as Axon's {@code JdbcAutoConfiguration} makes it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
class EventStoreConfiguration {

    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .build();
    }

    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            @Value("${trenddesk.events.fetch-delay:100ms}") Duration fetchDelay,
            @Value("${trenddesk.events.wake-check:50ms}") Duration wakeCheck) {
        return promptEventStore(
                storageEngine,
                configuration.messageMonitor(EventStore.class, "eventStore"),
                configuration.getComponent(EventBusSpanFactory.class),
                fetchDelay,
                wakeCheck);
    }

    /** The event store over {@code storageEngine} with the given wake-up bounds. */
    static PromptEventStore promptEventStore(
            EventStorageEngine storageEngine,
            MessageMonitor<? super EventMessage<?>> monitor,
            EventBusSpanFactory spans,
            Duration fetchDelay,
            Duration wakeCheck) {
        if (fetchDelay.isNegative() || fetchDelay.isZero()) {
            throw new IllegalArgumentException("trenddesk.events.fetch-delay must be positive, was " + fetchDelay);
        }
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(monitor)
                .spanFactory(spans)
                .fetchDelay(fetchDelay.toMillis())
                .timeUnit(TimeUnit.MILLISECONDS);
        return new PromptEventStore(builder, wakeCheck);
    }
}
