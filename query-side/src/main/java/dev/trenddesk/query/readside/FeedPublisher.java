package dev.trenddesk.query.readside;

import dev.trenddesk.api.common.UserId;
import org.axonframework.eventhandling.ReplayStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Pushes read-model changes to live subscribers on every node, through PostgreSQL (ADR 0017): the
 * update is a row of {@code feed_updates}, inserted in the projection's own transaction, so it exists
 * exactly when the read-model change it announces committed (a rolled-back handler's savepoint takes
 * its update with it). Right before that transaction commits, the transaction's rows are numbered
 * ({@code seq}) under a transaction-scoped advisory lock and a {@code NOTIFY} on {@value #CHANNEL} is
 * sent, so seq order is commit order and every node's {@code FeedHub} reads each update once, in order.
 * A user's change goes to that user's streams and the all-users overview only; market data
 * ({@code userId} null) goes to every stream. Nothing is published while a projection is being rebuilt
 * (a replay is not news).
 */
@Component
public class FeedPublisher {

    /** The channel every node's hub listens on; the payload is the newest seq of the committing transaction. */
    public static final String CHANNEL = "feed_updates";

    /** The advisory lock (two-int key space, apart from the market feed's bigint keys) that orders the numbering. */
    static final int LOCK_CLASS = 0x54440017;

    static final int LOCK_OBJECT = 96;

    private static final String INSERT = "insert into feed_updates (event_id, user_id, name, data) values (?, ?, ?, ?)";

    /** Numbers what this transaction inserted, in insertion order, and tells the listeners. */
    private static final String NUMBER = """
            with numbered as (
                select id, nextval('feed_updates_seq') as seq
                from (select id from feed_updates where seq is null order by id) pending
            ), updated as (
                update feed_updates f set seq = numbered.seq from numbered where f.id = numbered.id returning f.seq
            )
            select pg_notify('%s', max(seq)::text) from updated having count(*) > 0
            """.formatted(CHANNEL);

    private static final String INSERT_NUMBERED = """
            with locked as (select pg_advisory_xact_lock(%d, %d))
            insert into feed_updates (seq, event_id, user_id, name, data)
            select nextval('feed_updates_seq'), ?, ?, ?, ? from locked
            returning seq
            """.formatted(LOCK_CLASS, LOCK_OBJECT);

    private final JdbcTemplate jdbc;

    public FeedPublisher(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Publishes {@code item} (as JSON) under the SSE event {@code name} for {@code userId}'s streams
     * (null: everyone's), caused by the event at {@code eventId}; nothing during a replay.
     */
    public void publish(ReplayStatus replay, long eventId, UserId userId, String name, Object item) {
        if (replay != null && replay.isReplay()) {
            return;
        }
        Object user = userId == null ? null : userId.value();
        String data = FeedJson.write(item);
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            // no surrounding transaction: one statement is its own transaction, locked and numbered at once
            Long seq = jdbc.queryForObject(INSERT_NUMBERED, Long.class, eventId, user, name, data);
            jdbc.query("select pg_notify(?, ?)", rs -> {}, CHANNEL, Long.toString(seq));
            return;
        }
        jdbc.update(INSERT, eventId, user, name, data);
        boolean registered = TransactionSynchronizationManager.getSynchronizations().stream()
                .anyMatch(synchronization -> synchronization instanceof Numbering numbering && numbering.of == this);
        if (!registered) {
            TransactionSynchronizationManager.registerSynchronization(new Numbering(this));
        }
    }

    /** Numbers the transaction's updates right before it commits; registered once per transaction. */
    private record Numbering(FeedPublisher of) implements TransactionSynchronization {

        @Override
        public void beforeCommit(boolean readOnly) {
            // held from here to the commit only: the numbering and the commit, never the batch's work
            of.jdbc.query("select pg_advisory_xact_lock(?, ?)", rs -> {}, LOCK_CLASS, LOCK_OBJECT);
            of.jdbc.query(NUMBER, rs -> {});
        }
    }
}
