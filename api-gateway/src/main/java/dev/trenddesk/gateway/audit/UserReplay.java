package dev.trenddesk.gateway.audit;

import dev.trenddesk.api.audit.AuditQueries.ReplayStep;
import dev.trenddesk.api.audit.AuditQueries.ReplayUserStates;
import dev.trenddesk.api.audit.UserReplayStates;
import dev.trenddesk.api.audit.UserReplayStates.AggregateState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A user's replay: the states of the user's aggregates along the user's audit rows, built with time travel's
 * own replay ({@link TimeTravel.Replaying}: the aggregates' event sourcing handlers, their views). Which
 * aggregates belong to the user, and how far each one had come at a step, is what the audit log says: every
 * row whose event names the user ({@code user_id}) with its aggregate and sequence number.
 *
 * <p>Each aggregate is read from the event store once, lazily, from its first event, and kept as the
 * aggregate itself, never as its events: memory is that of the user's aggregates, time that of the events up
 * to the page's last step, and at most {@code maxEvents} of them are applied, or the answer says it was capped.
 */
class UserReplay {

    /** How far the user's rows before a page took each of the user's aggregates. */
    interface Reached {

        /**
         * The aggregates named by the user's rows before audit seq {@code firstSeq}, in the order the rows first
         * named them, each with the highest sequence number among those rows.
         */
        List<Map.Entry<String, Long>> before(String userId, long firstSeq);
    }

    /** What the audit log says: the user's rows ({@code user_id}) before the page. */
    static Reached auditLog(JdbcTemplate jdbc) {
        return (userId, firstSeq) -> jdbc.query(
                "select aggregate_id, max(aggregate_sequence) as upto from audit_log "
                        + "where user_id = ? and seq < ? and aggregate_id is not null "
                        + "and aggregate_sequence is not null group by aggregate_id order by min(seq)",
                (rs, i) -> Map.entry(rs.getString("aggregate_id"), rs.getLong("upto")),
                userId,
                firstSeq);
    }

    private final TimeTravel timeTravel;
    private final Reached reached;

    UserReplay(TimeTravel timeTravel, Reached reached) {
        this.timeTravel = timeTravel;
        this.reached = reached;
    }

    UserReplayStates states(ReplayUserStates query) {
        Budget budget = new Budget(query.maxEvents());
        Map<String, Cursor> cursors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Long> before : reached.before(query.userId(), query.firstSeq())) {
                cursors.computeIfAbsent(before.getKey(), this::cursor).advanceTo(before.getValue(), budget);
            }
            List<AggregateState> initial = new ArrayList<>();
            for (Map.Entry<String, Cursor> cursor : cursors.entrySet()) {
                if (cursor.getValue().started()) {
                    initial.add(cursor.getValue().state(cursor.getKey()));
                }
            }
            List<AggregateState> steps = new ArrayList<>(query.steps().size());
            for (ReplayStep step : query.steps()) {
                if (step.aggregateId() == null || step.aggregateSequence() == null) {
                    steps.add(null);
                    continue;
                }
                Cursor cursor = cursors.computeIfAbsent(step.aggregateId(), this::cursor);
                cursor.advanceTo(step.aggregateSequence(), budget);
                steps.add(cursor.started() ? cursor.state(step.aggregateId()) : null);
            }
            return new UserReplayStates(initial, steps, budget.used, false);
        } catch (CapReached capped) {
            return UserReplayStates.tooLong(budget.used);
        }
    }

    private Cursor cursor(String aggregateId) {
        return new Cursor(timeTravel.events(aggregateId));
    }

    /** The events applied so far, against the cap. */
    private static final class Budget {
        private final long max;
        private long used;

        Budget(long max) {
            this.max = max;
        }

        void spend() {
            if (++used > max) {
                throw new CapReached();
            }
        }
    }

    private static final class CapReached extends RuntimeException {
        CapReached() {
            super(null, null, false, false);
        }
    }

    /** One aggregate, replayed as far as the steps so far took it; its next event held back until needed. */
    private final class Cursor {
        private final DomainEventStream events;
        private TimeTravel.Replaying replaying;
        private String type;

        Cursor(DomainEventStream events) {
            this.events = events;
        }

        boolean started() {
            return replaying != null;
        }

        /** Applies the aggregate's events up to and including sequence number {@code sequence}. */
        void advanceTo(long sequence, Budget budget) {
            while (events.hasNext() && events.peek().getSequenceNumber() <= sequence) {
                DomainEventMessage<?> event = events.next();
                budget.spend();
                if (replaying == null) {
                    type = event.getType();
                    replaying = timeTravel.replaying(type);
                }
                replaying.apply(event);
            }
        }

        AggregateState state(String aggregateId) {
            return new AggregateState(
                    aggregateId, type, replaying.version(), replaying.state().toString());
        }
    }
}
