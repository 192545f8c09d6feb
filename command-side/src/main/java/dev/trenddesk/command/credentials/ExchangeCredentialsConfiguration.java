package dev.trenddesk.command.credentials;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Snapshots the ExchangeCredentials aggregate every {@code trenddesk.credentials.snapshot-every} events (100):
 * the idle balance poll records an AccountBalanceObserved for every changed reading (up to one a minute per
 * trader, for as long as the key is connected), and without snapshots every command would replay them all.
 */
@Configuration(proxyBeanMethods = false)
public class ExchangeCredentialsConfiguration {

    @Bean
    SnapshotTriggerDefinition exchangeCredentialsSnapshotTrigger(
            Snapshotter snapshotter, @Value("${trenddesk.credentials.snapshot-every:100}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }
}
