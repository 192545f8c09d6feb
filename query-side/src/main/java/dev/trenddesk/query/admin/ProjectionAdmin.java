package dev.trenddesk.query.admin;

import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.readside.ProcessorStatus;
import dev.trenddesk.api.readside.ReadSideQueries.ListProcessors;
import dev.trenddesk.api.readside.RebuildProjection;
import dev.trenddesk.query.audit.AuditProjection;
import dev.trenddesk.query.platform.PlatformStatusProjection;
import dev.trenddesk.query.readside.AlertsProjection;
import dev.trenddesk.query.readside.CandlesProjection;
import dev.trenddesk.query.readside.TradingViewsProjection;
import dev.trenddesk.query.user.UsersProjection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Projection admin: every event processor of this node with its position and lag, and the rebuild
 * of one projection from zero. Only the read-model projections listed in {@link #REBUILDABLE} can
 * be rebuilt: their handlers write tables and nothing else, and push no live update while
 * replaying, so a rebuild can never place an order or raise an alert (sagas and side-effect
 * processors are not on the list).
 */
@Component
public class ProjectionAdmin {

    public static final Set<String> REBUILDABLE = Set.of(
            UsersProjection.GROUP,
            AuditProjection.GROUP,
            AlertsProjection.GROUP,
            CandlesProjection.GROUP,
            TradingViewsProjection.GROUP,
            PlatformStatusProjection.GROUP,
            dev.trenddesk.query.plan.PlansProjection.GROUP);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public ProjectionAdmin(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    @QueryHandler
    public List<ProcessorStatus> handle(ListProcessors query) {
        long head = position(eventStore.createHeadToken());
        return processing.eventProcessors().values().stream()
                .sorted(Comparator.comparing(EventProcessor::getName))
                .map(processor -> status(processor, head))
                .toList();
    }

    /** Resets the projection's tokens (its reset handler clears its tables) and starts it again from zero. */
    @CommandHandler
    public ProcessorStatus handle(RebuildProjection command) {
        String name = command.processorName();
        EventProcessor processor = processing
                .eventProcessor(name)
                .orElseThrow(() -> new NoSuchElementException("no event processor named " + name));
        if (!REBUILDABLE.contains(name)
                || !(processor instanceof StreamingEventProcessor streaming)
                || !streaming.supportsReset()) {
            throw new InvalidInputException(
                    "processorName",
                    "'" + name + "' is not a projection that can be rebuilt; " + "rebuildable: "
                            + REBUILDABLE.stream().sorted().toList());
        }
        streaming.shutDown();
        streaming.resetTokens();
        streaming.start();
        return status(processor, position(eventStore.createHeadToken()));
    }

    private long lowestPosition(Map<Integer, EventTrackerStatus> segments) {
        return segments.values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.orElse(-1))
                .min()
                .orElse(-1);
    }

    private ProcessorStatus status(EventProcessor processor, long head) {
        long deadLetters = processing
                .deadLetterQueue(processor.getName())
                .map(queue -> queue.amountOfSequences())
                .orElse(0L);
        if (processor instanceof StreamingEventProcessor streaming) {
            Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
            long lowest = lowestPosition(segments);
            boolean replaying = segments.values().stream().anyMatch(EventTrackerStatus::isReplaying);
            long lag = lowest < 0 ? -1 : Math.max(0, head - lowest);
            return new ProcessorStatus(
                    processor.getName(), processor.isRunning(), replaying, segments.size(), lowest, lag, deadLetters);
        }
        return new ProcessorStatus(processor.getName(), processor.isRunning(), false, 0, -1, -1, deadLetters);
    }

    private static long position(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        OptionalLong position = token.position();
        return position.orElse(-1);
    }
}
