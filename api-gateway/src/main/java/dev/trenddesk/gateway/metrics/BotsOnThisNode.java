package dev.trenddesk.gateway.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code trenddesk_bots_running}: the bots (trading sessions running or paused) whose TradingSaga this
 * node runs. A saga belongs to the segment of the TradingSagaProcessor its id hashes to (as Axon's saga
 * manager decides), and a node runs the segments it has claimed; so the count is the active sessions'
 * sagas that fall in this node's claimed segments. Read at most every few seconds (a scrape reads the
 * last count).
 */
class BotsOnThisNode {

    static final String PROCESSOR = "TradingSagaProcessor";
    static final String SAGA_TYPE = "dev.trenddesk.strategy.trading.TradingSaga";
    private static final Duration FRESH = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(BotsOnThisNode.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final Clock clock;
    private Instant readAt = Instant.MIN;
    private double count = Double.NaN;

    BotsOnThisNode(JdbcTemplate jdbc, EventProcessingConfiguration processing, Clock clock) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.clock = clock;
    }

    /** The count, read again when older than a few seconds; NaN when it cannot be read. */
    public synchronized double count() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(FRESH) >= 0) {
            count = read();
            readAt = now;
        }
        return count;
    }

    private double read() {
        List<Segment> mine = processing
                .eventProcessor(PROCESSOR, StreamingEventProcessor.class)
                .map(p -> p.processingStatus().values().stream()
                        .map(EventTrackerStatus::getSegment)
                        .toList())
                .orElse(List.of());
        if (mine.isEmpty()) {
            return 0;
        }
        try {
            List<String> sagas = jdbc.queryForList(
                    "select a.saga_id from association_value_entry a join trading_active_session t"
                            + " on a.association_value = t.session_id::text"
                            + " where a.association_key = 'sessionId' and a.saga_type = ?",
                    String.class,
                    SAGA_TYPE);
            return sagas.stream()
                    .filter(id -> mine.stream().anyMatch(segment -> segment.matches(id)))
                    .count();
        } catch (DataAccessException e) {
            log.debug("Bots on this node not counted: {}", e.getMessage());
            return Double.NaN;
        }
    }
}
