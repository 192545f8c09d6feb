package dev.trenddesk.gateway.readside;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives a projection bean of the running application with an event, as its processor would
 * (a tracked message, inside a database transaction), without putting the event on the bus: the
 * read models and live updates are real, but no saga or side-effect handler ever sees the event.
 */
final class Projector {

    private final TransactionTemplate transactions;
    private final EventStore eventStore;

    Projector(PlatformTransactionManager transactions, EventStore eventStore) {
        this.transactions = new TransactionTemplate(transactions);
        this.eventStore = eventStore;
    }

    private long last;

    /** A position after everything stored so far and after every position this projector gave out. */
    synchronized long nextPosition() {
        long head = eventStore.createHeadToken() == null
                ? 0
                : eventStore.createHeadToken().position().orElse(0);
        last = Math.max(last, head) + 1;
        return last;
    }

    void project(Object projection, Object payload, long position) {
        project(projection, GenericEventMessage.asEventMessage(payload), position);
    }

    /** Delivers this very message (same identifier), as a redelivery would. */
    void project(Object projection, EventMessage<?> event, long position) {
        org.axonframework.eventhandling.AnnotationEventHandlerAdapter adapter =
                new org.axonframework.eventhandling.AnnotationEventHandlerAdapter(projection);
        TrackedEventMessage<?> message =
                new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position), event);
        Object payload = event.getPayload();
        transactions.executeWithoutResult(status -> {
            try {
                adapter.handle(message);
            } catch (Exception e) {
                throw new IllegalStateException("projection refused " + payload, e);
            }
        });
    }

    void project(Object projection, Object payload) {
        project(projection, payload, nextPosition());
    }
}
