package dev.trenddesk.query.readside;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.readside.FeedUpdate;
import dev.trenddesk.api.readside.ReadSideQueries.SubscribeFeed;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

/**
 * Pushes read-model changes to live subscribers. A user's change goes to that user's feed and to
 * the all-users feed (admin overview) only; market data ({@code userId} null) goes to every feed.
 * Nothing is pushed while a projection is being rebuilt (a replay is not news).
 */
@Component
public class FeedPublisher {

    private final QueryUpdateEmitter emitter;

    public FeedPublisher(QueryUpdateEmitter emitter) {
        this.emitter = emitter;
    }

    public void publish(ReplayStatus replay, long id, UserId userId, String name, Object item) {
        if (replay != null && replay.isReplay()) {
            return;
        }
        FeedUpdate update = new FeedUpdate(id, userId, name, FeedJson.write(item));
        emitter.emit(
                SubscribeFeed.class,
                query -> userId == null
                        || query.userId() == null
                        || query.userId().equals(userId),
                update);
    }
}
