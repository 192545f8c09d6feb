package dev.trenddesk.api.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a user's replay shows for one page of steps: the state of each of the user's aggregates just before
 * the first step, and after each step the state of the aggregate that step changed.
 *
 * @param initial  every aggregate of the user that had events before the first step, in the order the user's
 *                 rows first named them
 * @param steps    one per step, in order: the state of the step's aggregate after its event, or null for an
 *                 event of no aggregate
 * @param replayed how many events were applied to answer
 * @param capped   true when answering would have taken more than the cap's events: nothing else is given then
 */
public record UserReplayStates(
        List<AggregateState> initial, List<AggregateState> steps, long replayed, boolean capped) {

    public UserReplayStates {
        initial = List.copyOf(initial);
        steps = Collections.unmodifiableList(new ArrayList<>(steps));
    }

    public static UserReplayStates tooLong(long replayed) {
        return new UserReplayStates(List.of(), List.of(), replayed, true);
    }

    /**
     * One aggregate's state as time travel shows it (its view, with {@code lastEvent} and {@code lastEventAt}).
     *
     * @param version the sequence number of the last event applied
     * @param state   the state as a JSON object
     */
    public record AggregateState(String aggregateId, String aggregateType, long version, String state) {}
}
