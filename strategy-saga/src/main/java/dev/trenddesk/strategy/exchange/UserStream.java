package dev.trenddesk.strategy.exchange;

import reactor.core.publisher.Flux;

/** A trader's user data stream (fills, funding, reconnects). */
public interface UserStream {

    /**
     * The stream, connected on subscription and reconnected by the adapter as long as it can; it ends (completes or
     * fails) when it cannot go on, e.g. the key was revoked.
     */
    Flux<UserStreamEvent> userStream();
}
