package dev.trenddesk.query.readside;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.stereotype.Component;

/**
 * Keeps one user's events in order while different users' events run in parallel: the sequence
 * identifier is the payload's {@code userId} (every per-user event carries it), else the
 * aggregate identifier, else the event's own identifier (no ordering needed). Named in config as
 * {@code sequencing-policy: userSequencingPolicy} for each per-user processing group.
 */
@Component("userSequencingPolicy")
public class UserSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private final Map<Class<?>, Optional<Method>> accessors = new ConcurrentHashMap<>();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        Optional<Method> accessor = accessors.computeIfAbsent(payload.getClass(), UserSequencingPolicy::userIdAccessor);
        if (accessor.isPresent()) {
            try {
                Object userId = accessor.get().invoke(payload);
                if (userId != null) {
                    return "user:" + userId;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(
                        "cannot read userId of " + payload.getClass().getName(), e);
            }
        }
        if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
            return "aggregate:" + domain.getAggregateIdentifier();
        }
        return "event:" + event.getIdentifier();
    }

    private static Optional<Method> userIdAccessor(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals("userId")) {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                return Optional.of(accessor);
            }
        }
        return Optional.empty();
    }
}
