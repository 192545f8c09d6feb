package dev.trenddesk.gateway.config;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store (JDBC storage on PostgreSQL) with two bounds on how long a tracking processor can miss
 * a committed event, both from {@code trenddesk.events.*} (docs/benchmarks/trading.md, "Wake-up"):
 *
 * <ul>
 *   <li><b>fetch delay</b> ({@code trenddesk.events.fetch-delay}, Axon's default one second): the store's reader
 *       thread reads new events when a commit in this process wakes it, and otherwise every fetch delay. An event
 *       committed without that wake-up — by another node of a cluster, or by a transaction the wake-up came too early
 *       for — was found only after up to a second.
 *   <li><b>wake check</b> ({@code trenddesk.events.wake-check}): a processor waits for events in steps of at most this
 *       long, looking again between steps, instead of one wait of its whole availability timeout (a second). Axon's
 *       stream checks for a new event before it starts waiting for the reader's signal, outside the lock the signal is
 *       given under: a signal given between the two is lost and the processor slept out its second with the event
 *       there; and a stream that reads on its own (behind the shared cache, or with a position the cache does not
 *       hold) is only woken by events the reader adds for others.
 * </ul>
 *
 * The processor still sees one wait of its availability timeout, so it extends its segment claims as before (once a
 * second when idle).
 */
class PromptEventStore extends EmbeddedEventStore {

    private final long wakeCheckNanos;

    PromptEventStore(Builder builder, Duration wakeCheck) {
        super(builder);
        if (wakeCheck.isNegative() || wakeCheck.isZero()) {
            throw new IllegalArgumentException("trenddesk.events.wake-check must be positive, was " + wakeCheck);
        }
        this.wakeCheckNanos = wakeCheck.toNanos();
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new PromptStream(super.openStream(trackingToken), wakeCheckNanos);
    }

    /** A tracking stream whose blocking wait for the next event looks again at least every {@code stepNanos}. */
    static final class PromptStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private final long stepNanos;

        PromptStream(TrackingEventStream delegate, long stepNanos) {
            this.delegate = delegate;
            this.stepNanos = stepNanos;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                long left = deadline - System.nanoTime();
                long step = Math.max(0, Math.min(left, stepNanos));
                // the delegate rounds a wait to whole units of the unit given: nanoseconds keep the step exact
                if (delegate.hasNextAvailable((int) Math.min(step, Integer.MAX_VALUE), TimeUnit.NANOSECONDS)) {
                    return true;
                }
                if (deadline - System.nanoTime() <= 0) {
                    return false;
                }
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return delegate.setOnAvailableCallback(callback);
        }
    }
}
