package dev.trenddesk.gateway.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * "processors" (part of readiness): DOWN when a segment this node processes is more than
 * {@code maxLag} events behind the event store's head. Only this node's claimed segments count (a
 * segment another node holds is that node's business, and a node holding none is not behind), and a
 * segment that is replaying (a projection rebuild) does not count: a rebuild must not take the node
 * out of service. The lag is in events of the global index, gaps included.
 */
class ProcessorsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final long maxLag;

    ProcessorsHealthIndicator(EventProcessingConfiguration processing, EventStore eventStore, long maxLag) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.maxLag = maxLag;
    }

    @Override
    public Health health() {
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? -1 : headToken.position().orElse(-1);
        Map<String, Object> processors = new LinkedHashMap<>();
        boolean behind = false;
        for (var entry : processing.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof StreamingEventProcessor processor)) {
                continue;
            }
            long lag = 0;
            int segments = 0;
            int replaying = 0;
            boolean error = false;
            for (EventTrackerStatus status : processor.processingStatus().values()) {
                segments++;
                error |= status.isErrorState();
                if (status.isReplaying()) {
                    replaying++;
                    continue;
                }
                OptionalLong position = status.getCurrentPosition();
                lag = Math.max(lag, head - position.orElse(-1));
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("running", processor.isRunning());
            detail.put("segments", segments);
            detail.put("lag", Math.max(0, lag));
            if (replaying > 0) {
                detail.put("replaying", replaying);
            }
            if (error) {
                detail.put("error", true);
            }
            processors.put(entry.getKey(), detail);
            behind |= lag > maxLag;
        }
        return (behind ? Health.down() : Health.up())
                .withDetail("head", head)
                .withDetail("maxLag", maxLag)
                .withDetail("processors", processors)
                .build();
    }
}
