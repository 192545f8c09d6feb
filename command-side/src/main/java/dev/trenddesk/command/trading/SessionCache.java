package dev.trenddesk.command.trading;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

/**
 * The TradingSession aggregates of this process in memory (docs/adr/0020-trading-session-cache.md), so a command
 * does not read the session's snapshot and events again: Axon's caching repository takes the aggregate from here,
 * puts it back after each command, and removes it when the unit of work rolls back.
 *
 * <p>Every take is checked against the event store: the cached aggregate is used only when its version equals the
 * session's last stored sequence number ({@code lastSequence}, one indexed query). In a cluster another node may
 * have appended an event since: the entry is then dropped and the session read from the store, so no command
 * decides on a state older than what is committed. What is left is the moment between that check and the append;
 * a change committed by another node in it makes the append collide on the event table's unique (aggregate,
 * sequence) key, the unit of work rolls back (which removes the entry) and the command is retried
 * ({@code CommandConflictConfiguration}) on the session read anew.
 *
 * <p>At most {@code capacity} sessions are kept; the least recently used goes first.
 */
public class SessionCache implements Cache {

    private final int capacity;
    private final Function<String, Optional<Long>> lastSequence;
    private final Map<Object, Object> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();

    /**
     * @param capacity     most sessions kept
     * @param lastSequence the last stored sequence number of an aggregate (empty: none stored)
     */
    public SessionCache(int capacity, Function<String, Optional<Long>> lastSequence) {
        if (capacity < 1) {
            throw new IllegalArgumentException(
                    "trenddesk.trading.session-cache-size must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.lastSequence = Objects.requireNonNull(lastSequence, "lastSequence");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > SessionCache.this.capacity;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value;
        synchronized (entries) {
            value = entries.get(key);
        }
        if (value == null) {
            misses.incrementAndGet();
            return null;
        }
        Optional<Long> cached = version(value);
        Optional<Long> stored = cached.isEmpty() ? Optional.empty() : lastSequence.apply(key.toString());
        if (cached.isEmpty() || !cached.equals(stored)) {
            synchronized (entries) {
                entries.remove(key, value);
            }
            stale.incrementAndGet();
            return null;
        }
        hits.incrementAndGet();
        return (V) value;
    }

    /**
     * The version of a cached aggregate: the sequence number of its last event. Empty when it cannot be told (an
     * entry that is no aggregate, or one without its live aggregate, which an in-memory cache always keeps).
     */
    private static Optional<Long> version(Object value) {
        if (!(value instanceof AggregateCacheEntry<?> entry)) {
            return Optional.empty();
        }
        try {
            var aggregate = entry.recreateAggregate(null, null, null, null);
            return aggregate == null ? Optional.empty() : Optional.ofNullable(aggregate.version());
        } catch (RuntimeException notLive) {
            return Optional.empty();
        }
    }

    @Override
    public void put(Object key, Object value) {
        synchronized (entries) {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        synchronized (entries) {
            return entries.putIfAbsent(key, value) == null;
        }
    }

    @Override
    public boolean remove(Object key) {
        synchronized (entries) {
            return entries.remove(key) != null;
        }
    }

    @Override
    public void removeAll() {
        synchronized (entries) {
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the session cache has no entry listeners");
    }

    /** Sessions held now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Takes answered from memory. */
    public long hits() {
        return hits.get();
    }

    /** Takes of a session not held. */
    public long misses() {
        return misses.get();
    }

    /** Takes of a session held at an older version than stored (another node changed it): dropped and read anew. */
    public long stale() {
        return stale.get();
    }
}
