package dev.trenddesk.gateway.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The node registry's timing ({@code trenddesk.cluster.*}, docs/system.md).
 *
 * @param heartbeatInterval how often a node writes its row
 * @param downAfter         a node whose row was not written for this long is shown down; several heartbeats, so a
 *                          slow moment is not a death
 * @param purgeAfter        rows of nodes not seen for this long are deleted
 * @param metricsInterval   how often the processor-lag and dead-letter gauges are read from the database
 */
@ConfigurationProperties("trenddesk.cluster")
public record ClusterProperties(
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("20s") Duration downAfter,
        @DefaultValue("24h") Duration purgeAfter,
        @DefaultValue("15s") Duration metricsInterval) {

    public ClusterProperties {
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("trenddesk.cluster.heartbeat-interval must be positive");
        }
        if (downAfter.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException(
                    "trenddesk.cluster.down-after must be at least twice trenddesk.cluster.heartbeat-interval");
        }
        if (purgeAfter.compareTo(downAfter) < 0) {
            throw new IllegalArgumentException("trenddesk.cluster.purge-after must be at least down-after");
        }
        if (metricsInterval.isNegative() || metricsInterval.isZero()) {
            throw new IllegalArgumentException("trenddesk.cluster.metrics-interval must be positive");
        }
    }
}
