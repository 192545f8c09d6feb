package dev.trenddesk.api.readside;

import dev.trenddesk.api.common.UserId;

/**
 * A change to one user's read models, pushed to live streams (subscription-query update).
 *
 * @param id     the global index of the event that caused it: increasing, so a stream can resume after it
 * @param userId whose data changed; a stream only ever carries its own user's updates
 * @param name   the SSE event name, e.g. {@code alert}, {@code position}, {@code account}
 * @param data   the new state of the changed item as JSON
 */
public record FeedUpdate(long id, UserId userId, String name, String data) {}
