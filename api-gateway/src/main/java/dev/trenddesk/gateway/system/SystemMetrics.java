package dev.trenddesk.gateway.system;

import dev.trenddesk.gateway.system.SystemView.DeadLetterGroup;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges of the cluster-wide figures of {@link SystemStatus}, read from the database every
 * {@code trenddesk.cluster.metrics-interval} (not on each scrape): {@code trenddesk.processor.lag} per processor
 * (tag {@code processor}) and {@code trenddesk.dead.letters} per processing group (tag {@code group}, letters
 * held back). Every node reports the same cluster-wide values; take the max across nodes.
 */
@Component
class SystemMetrics {

    private static final Logger log = LoggerFactory.getLogger(SystemMetrics.class);

    static final String PROCESSOR_LAG = "trenddesk.processor.lag";
    static final String DEAD_LETTERS = "trenddesk.dead.letters";

    private final SystemStatus status;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deadLetters = new ConcurrentHashMap<>();

    public SystemMetrics(SystemStatus status, MeterRegistry registry) {
        this.status = status;
        this.registry = registry;
    }

    @Scheduled(
            fixedDelayString = "${trenddesk.cluster.metrics-interval:15s}",
            initialDelayString = "${trenddesk.cluster.metrics-interval:15s}")
    public void refresh() {
        try {
            status.lagByProcessor().forEach((processor, events) -> lag.computeIfAbsent(processor, name -> {
                        AtomicLong value = new AtomicLong();
                        Gauge.builder(PROCESSOR_LAG, value, AtomicLong::get)
                                .description("events stored after the slowest segment of this event processor")
                                .tag("processor", name)
                                .register(registry);
                        return value;
                    })
                    .set(events));
            Set<String> seen = new HashSet<>();
            for (DeadLetterGroup group : status.deadLetters()) {
                seen.add(group.processingGroup());
                deadLetter(group.processingGroup()).set(group.letters());
            }
            // a group whose letters were all processed or evicted has no row any more: it reads 0, not its last count
            deadLetters.forEach((group, value) -> {
                if (!seen.contains(group)) {
                    value.set(0);
                }
            });
        } catch (DataAccessException e) {
            log.debug("System gauges not refreshed: {}", e.getMessage());
        }
    }

    private AtomicLong deadLetter(String group) {
        return deadLetters.computeIfAbsent(group, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(DEAD_LETTERS, value, AtomicLong::get)
                    .description("events in the dead-letter queue of this processing group")
                    .tag("group", name)
                    .register(registry);
            return value;
        });
    }
}
