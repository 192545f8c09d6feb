package dev.trenddesk.query.readside;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
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
    /**
     * Per insert: the ranges of event positions (lowest to highest) of batches whose batched insert
     * failed; their events are written one by one from then on. Only failures add to it, so it stays small.
     */
    private final Map<String, ConcurrentSkipListMap<Long, Long>> unbatched = new ConcurrentHashMap<>();

    private volatile boolean batched;

    public ProjectionWrites(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            @Value("${trenddesk.readside.batched-writes:true}") boolean batched) {
        this.jdbc = jdbc;
        this.batched = batched;
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

    /**
     * Whether projections write a batch's rows with one statement (ADR 0021;
     * {@code trenddesk.readside.batched-writes}, default true). Off, every row is written as its event
     * is handled, as before batching: the same rows, more statements.
     */
    public boolean batched() {
        return batched;
    }

    /** Turns batched writes on or off for the batches that start from now on (operations, and the tests that compare both). */
    public void batched(boolean on) {
        this.batched = on;
    }

    /**
     * During a replay, queues {@code row} for one multi-row insert right before the processor's batch
     * commits (ADR 0021) instead of a savepoint and an insert now; returns false when the caller must
     * write it now, as live: outside a unit of work, or when a batched insert of this table failed
     * for the batch holding this event. Such a failure rolls the whole batch back, and the processor
     * handles it again event by event, each under its savepoint: the event that fails is parked in the
     * dead-letter queue, as without batching, and other users' events go on.
     *
     * @param head     {@code insert into table (columns...)}
     * @param tail     what follows the values, e.g. {@code on conflict (id) do nothing}
     * @param position the event's position in the event store
     */
    public boolean deferInsert(String head, int columns, String tail, Object[] row, long position) {
        if (!batched || !CurrentUnitOfWork.isStarted() || unbatched(head, position)) {
            return false;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Pending pending = unitOfWork.getOrComputeResource(Pending.KEY + head, key -> {
            Pending rows = new Pending();
            unitOfWork.onPrepareCommit(committing -> flush(head, columns, tail, rows));
            return rows;
        });
        pending.rows.add(row);
        pending.lowest = Math.min(pending.lowest, position);
        pending.highest = Math.max(pending.highest, position);
        return true;
    }

    private void flush(String head, int columns, String tail, Pending pending) {
        try {
            atomically(() -> BatchInsert.insert(jdbc, head, columns, tail, pending.rows));
        } catch (DataAccessException e) {
            unbatched
                    .computeIfAbsent(head, key -> new ConcurrentSkipListMap<>())
                    .merge(pending.lowest, pending.highest, Math::max);
            throw new BatchedInsertFailedException(head, pending.rows.size(), e);
        }
    }

    private boolean unbatched(String head, long position) {
        ConcurrentSkipListMap<Long, Long> ranges = unbatched.get(head);
        if (ranges == null) {
            return false;
        }
        return ranges.headMap(position, true).values().stream().anyMatch(highest -> position <= highest);
    }

    /** The rows a batch queued for one table, and the lowest and highest event position among them. */
    private static final class Pending {
        static final String KEY = ProjectionWrites.class.getName() + ".pending:";
        final List<Object[]> rows = new ArrayList<>();
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
    }

    /** A batch's multi-row insert failed: the batch is rolled back and handled again event by event. */
    public static final class BatchedInsertFailedException extends RuntimeException {
        BatchedInsertFailedException(String head, int rows, Throwable cause) {
            super(
                    "batched insert of " + rows + " row(s) failed (" + head
                            + "); the batch is rolled back and handled again event by event",
                    cause);
        }
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
