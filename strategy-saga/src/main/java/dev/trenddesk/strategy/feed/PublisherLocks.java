package dev.trenddesk.strategy.feed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node publishes a stream: a PostgreSQL session-level advisory lock per {@link StreamKey},
 * held on one connection this node keeps open for the purpose. When the node dies its connection
 * closes and PostgreSQL frees the locks, so another node's next try takes the stream over. If the
 * connection breaks, every lock of this node is gone: {@link #healthy()} turns false and the
 * caller stops publishing. Not thread-safe; the market feed's watcher thread is its only user.
 */
public class PublisherLocks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PublisherLocks.class);

    private final DataSource dataSource;
    private final Set<StreamKey> held = new HashSet<>();
    private Connection connection;

    public PublisherLocks(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Tries to take the stream's lock without waiting; true when this node now holds it. */
    public boolean tryLock(StreamKey key) throws SQLException {
        if (held.contains(key)) {
            return true;
        }
        if (single(connection(), "select pg_try_advisory_lock(?)", key.lockKey())) {
            held.add(key);
            return true;
        }
        return false;
    }

    /** Gives the stream's lock back (nothing happens when this node does not hold it). */
    public void unlock(StreamKey key) {
        if (!held.remove(key) || connection == null) {
            return;
        }
        try {
            single(connection, "select pg_advisory_unlock(?)", key.lockKey());
        } catch (SQLException e) {
            log.warn(
                    "Could not release the publisher lock of {}; closing the lock connection: {}", key, e.getMessage());
            reset();
        }
    }

    /** The locks this node holds. */
    public Set<StreamKey> held() {
        return Set.copyOf(held);
    }

    /**
     * Whether the lock connection is still alive. When it is not, every lock is considered lost and
     * forgotten (PostgreSQL freed them with the session); the next {@link #tryLock} reconnects.
     */
    public boolean healthy() {
        if (connection == null) {
            return held.isEmpty();
        }
        try {
            if (connection.isValid(5)) {
                return true;
            }
        } catch (SQLException e) {
            log.debug("lock connection check failed", e);
        }
        log.warn("The market feed's lock connection is gone; its {} publisher lock(s) are lost", held.size());
        reset();
        return false;
    }

    /** Frees every lock by closing the connection. */
    @Override
    public void close() {
        reset();
    }

    /**
     * Frees the locks and lets the connection go. A pooled connection outlives {@code close()}, so its
     * locks are released explicitly first; a connection that cannot do that is aborted, which takes it
     * out of the pool and ends its session (and with it the locks).
     */
    private void reset() {
        held.clear();
        if (connection == null) {
            return;
        }
        Connection closing = connection;
        connection = null;
        try (PreparedStatement statement = closing.prepareStatement("select pg_advisory_unlock_all()")) {
            statement.execute();
            closing.close();
        } catch (SQLException e) {
            log.debug("releasing the locks failed; aborting the lock connection", e);
            try {
                closing.abort(Runnable::run);
            } catch (SQLException abortFailed) {
                log.debug("aborting the lock connection failed", abortFailed);
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
        }
        return connection;
    }

    private static boolean single(Connection connection, String sql, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
