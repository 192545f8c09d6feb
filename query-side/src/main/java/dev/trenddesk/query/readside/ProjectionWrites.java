package dev.trenddesk.query.readside;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.OptionalLong;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the read-side projections write: JDBC inside Axon's unit of work (ADR 0004), each handler's
 * statements under a savepoint. On PostgreSQL a failed statement poisons the whole transaction;
 * the savepoint rolls back only that handler's writes, so the dead-letter queue can still park the
 * event in the same transaction and the batch goes on with other users' events.
 */
@Component
public class ProjectionWrites {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;

    public ProjectionWrites(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Runs {@code writes} under a savepoint of the unit of work's transaction. */
    public void atomically(Runnable writes) {
        savepoint.executeWithoutResult(status -> writes.run());
    }

    /** The event's position in the event store: the id of the live update it causes. */
    public static long position(TrackingToken token) {
        OptionalLong position = token == null ? OptionalLong.empty() : token.position();
        return position.orElse(0);
    }

    public static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
