package dev.trenddesk.command.trading;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Snapshots the long-lived TradingSession aggregate every {@code trenddesk.trading.snapshot-every} events (100), and
 * keeps up to {@code trenddesk.trading.session-cache-size} sessions in memory, each checked against the event store
 * before use ({@link SessionCache}, docs/adr/0020-trading-session-cache.md).
 */
@Configuration(proxyBeanMethods = false)
public class TradingSessionConfiguration {

    @Bean
    SnapshotTriggerDefinition tradingSessionSnapshotTrigger(
            Snapshotter snapshotter, @Value("${trenddesk.trading.snapshot-every:100}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    /** The event store is looked up at the first take, once Axon's configuration has made it. */
    @Bean
    SessionCache tradingSessionCache(
            ObjectProvider<EventStore> eventStore,
            @Value("${trenddesk.trading.session-cache-size:2000}") int capacity) {
        return new SessionCache(capacity, id -> eventStore.getObject().lastSequenceNumberFor(id));
    }
}
