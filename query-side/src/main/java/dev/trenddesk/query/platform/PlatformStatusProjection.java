package dev.trenddesk.query.platform;

import dev.trenddesk.api.platform.PlatformEvent.KillSwitchEngaged;
import dev.trenddesk.api.platform.PlatformEvent.KillSwitchReleased;
import dev.trenddesk.api.platform.PlatformQueries.FindPlatformStatus;
import dev.trenddesk.api.platform.PlatformStatusView;
import dev.trenddesk.query.readside.FeedPublisher;
import dev.trenddesk.query.readside.ProjectionWrites;
import java.sql.Timestamp;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps platform_status, the kill switch as every logged-in user sees it, and pushes each change to every live
 * stream as the SSE event {@code platform} (a {@link PlatformStatusView}; user id null: everyone's streams).
 */
@Component
@ProcessingGroup(PlatformStatusProjection.GROUP)
public class PlatformStatusProjection {

    public static final String GROUP = "platform-status";

    private final JdbcTemplate jdbc;
    private final FeedPublisher feed;

    public PlatformStatusProjection(JdbcTemplate jdbc, FeedPublisher feed) {
        this.jdbc = jdbc;
        this.feed = feed;
    }

    @EventHandler
    void on(
            KillSwitchEngaged event,
            @MetaDataValue("actorId") String actorId,
            TrackingToken token,
            ReplayStatus replay) {
        jdbc.update(
                "update platform_status set halted = true, reason = ?, flatten = ?, since = ?, engaged_by = ?"
                        + " where singleton",
                event.reason(),
                event.flatten(),
                Timestamp.from(event.at()),
                actorId);
        feed.publish(
                replay,
                ProjectionWrites.position(token),
                null,
                "platform",
                new PlatformStatusView(true, event.reason(), event.flatten(), event.at(), actorId));
    }

    @EventHandler
    void on(KillSwitchReleased event, TrackingToken token, ReplayStatus replay) {
        reset();
        feed.publish(replay, ProjectionWrites.position(token), null, "platform", PlatformStatusView.running());
    }

    @ResetHandler
    void reset() {
        jdbc.update("update platform_status set halted = false, reason = null, flatten = false, since = null,"
                + " engaged_by = null where singleton");
    }

    @QueryHandler
    public PlatformStatusView handle(FindPlatformStatus query) {
        List<PlatformStatusView> rows = jdbc.query(
                "select halted, reason, flatten, since, engaged_by from platform_status where singleton",
                (rs, i) -> rs.getBoolean("halted")
                        ? new PlatformStatusView(
                                true,
                                rs.getString("reason"),
                                rs.getBoolean("flatten"),
                                rs.getTimestamp("since").toInstant(),
                                rs.getString("engaged_by"))
                        : PlatformStatusView.running());
        return rows.isEmpty() ? PlatformStatusView.running() : rows.getFirst();
    }
}
