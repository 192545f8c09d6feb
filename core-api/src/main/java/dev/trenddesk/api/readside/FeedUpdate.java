package dev.trenddesk.api.readside;

import dev.trenddesk.api.common.UserId;

/**
 * A change to one user's read models (or market data), pushed to live streams through the
 * {@code feed_updates} table (ADR 0017).
 *
 * @param id     its {@code seq}: numbered in commit order across all nodes, so a stream can resume after it on any node
 * @param userId whose data changed (null: market data for everyone); a stream only ever carries its own user's updates
 * @param name   the SSE event name, e.g. {@code alert}, {@code position}, {@code account}
 * @param data   the new state of the changed item as JSON
 */
public record FeedUpdate(long id, UserId userId, String name, String data) {}
