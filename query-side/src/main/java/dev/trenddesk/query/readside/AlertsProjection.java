package dev.trenddesk.query.readside;

import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.readside.AlertView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * Keeps alerts_view: every alert a user was sent. The alert id is deterministic for its cause, so
 * the insert is idempotent. Sequenced per user; a poison event goes to the dead-letter queue.
 */
@Component
@ProcessingGroup(AlertsProjection.GROUP)
public class AlertsProjection {

    public static final String GROUP = "alert-views";

    private final ProjectionWrites writes;
    private final FeedPublisher feed;

    public AlertsProjection(ProjectionWrites writes, FeedPublisher feed) {
        this.writes = writes;
        this.feed = feed;
    }

    @EventHandler
    void on(AlertRaised event, TrackingToken token, ReplayStatus replay) {
        long position = ProjectionWrites.position(token);
        writes.atomically(() -> writes.jdbc()
                .update(
                        """
                insert into alerts_view (alert_id, user_id, severity, kind, message, raised_at, event_index)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (alert_id) do nothing
                """,
                        event.alertId(),
                        event.userId().value(),
                        event.severity().name(),
                        event.kind(),
                        event.message(),
                        ProjectionWrites.ts(event.at()),
                        position));
        feed.publish(
                replay,
                position,
                event.userId(),
                "alert",
                new AlertView(
                        event.alertId(), event.userId(), event.severity(), event.kind(), event.message(), event.at()));
    }

    @ResetHandler
    void reset() {
        writes.jdbc().update("delete from alerts_view");
    }
}
