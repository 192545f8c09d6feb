package dev.trenddesk.command;

/**
 * An aggregate that shows what it knows: {@link #view()} is a read-only copy of its state (records,
 * strings, numbers, instants; never key material or password hashes). Time travel replays an
 * aggregate's own event sourcing handlers up to a moment and shows this view as JSON, so a state
 * change added to an aggregate appears there with no change to time travel (ADR 0016).
 */
public interface AggregateView {

    /** The aggregate's state now, as a value that Jackson can write; changes to it change nothing here. */
    Object view();
}
