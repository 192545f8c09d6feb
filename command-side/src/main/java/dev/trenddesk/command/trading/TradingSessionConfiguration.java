package dev.trenddesk.command.trading;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Snapshots the long-lived TradingSession aggregate every {@code trenddesk.trading.snapshot-every} events (100). */
@Configuration(proxyBeanMethods = false)
public class TradingSessionConfiguration {

    @Bean
    SnapshotTriggerDefinition tradingSessionSnapshotTrigger(
            Snapshotter snapshotter, @Value("${trenddesk.trading.snapshot-every:100}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }
}
