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
 * the insert is idempotent. Sequenced per user; a poison event goes to the dead-letter queue. A
 * rebuild inserts each batch's alerts with one statement (ADR 0021, {@link ProjectionWrites#deferInsert}).
 */
@Component
@ProcessingGroup(AlertsProjection.GROUP)
public class AlertsProjection {

    public static final String GROUP = "alert-views";

    private static final String INSERT =
            "insert into alerts_view (alert_id, user_id, severity, kind, message, raised_at, event_index)";
    private static final String ON_CONFLICT = "on conflict (alert_id) do nothing";

    private final ProjectionWrites writes;
    private final FeedPublisher feed;

    public AlertsProjection(ProjectionWrites writes, FeedPublisher feed) {
        this.writes = writes;
        this.feed = feed;
    }

    @EventHandler
    void on(AlertRaised event, TrackingToken token, ReplayStatus replay) {
        long position = ProjectionWrites.position(token);
        Object[] row = {
            event.alertId(),
            event.userId().value(),
            event.severity().name(),
            event.kind(),
            event.message(),
            ProjectionWrites.ts(event.at()),
            position
        };
        // a replay publishes nothing: its rows go in one insert per batch
        if (replay != null && replay.isReplay() && writes.deferInsert(INSERT, 7, ON_CONFLICT, row, position)) {
            return;
        }
        writes.atomically(() -> writes.jdbc().update(INSERT + " values (?, ?, ?, ?, ?, ?, ?) " + ON_CONFLICT, row));
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
