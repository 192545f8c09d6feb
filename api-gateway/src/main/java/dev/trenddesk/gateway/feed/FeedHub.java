package dev.trenddesk.gateway.feed;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.readside.FeedUpdate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

/**
 * Fans the read side's live updates out to the SSE clients of this node, whichever node's projection
 * made them (ADR 0017). Projections write each update as a row of {@code feed_updates}, numbered in
 * commit order ({@code seq}), and {@code NOTIFY} channel {@code feed_updates}; this hub keeps one
 * connection of its own that {@code LISTEN}s, and on each notification, and at least every
 * {@code trenddesk.readside.feed-catch-up} (a lost notification, a reconnect), reads the rows after the
 * last one it delivered, in order, and hands each to the local clients once: a user's clients get that
 * user's updates, every client the market data ({@code userId} null), the overview clients everything.
 * Each client has its own bounded buffer, written to its stream by a delivery thread (the listener only
 * queues); a client whose buffer is full is cut off at once, so a slow client never holds anybody up. A
 * client that reconnects with {@code Last-Event-ID} on any node reads what it missed from the table
 * ({@link #since}); rows older than {@code trenddesk.readside.feed-retention} are purged (by every node,
 * idempotently), and an id older than that gets a fresh snapshot instead.
 * When the node stops, every stream is ended first (before HTTP's graceful shutdown waits for open
 * requests) with {@link NodeStoppingException}, so clients reconnect through the balancer elsewhere.
 */
@Component
public class FeedHub implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FeedHub.class);
    /** The channel the query side's FeedPublisher notifies after each transaction that published updates. */
    static final String CHANNEL = "feed_updates";

    private static final int READ_BATCH = 1_000;
    /**
     * How many updates a client's delivery thread takes from its buffer at a time: a client is cut off with
     * {@code client-buffer} updates unsent beyond these.
     */
    private static final int DELIVERY_PREFETCH = 16;

    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final DatabaseClient db;
    private final Clock clock;
    private final int clientBuffer;
    private final int resumeLimit;
    private final Duration retention;
    private final Duration catchUp;
    /**
     * Where each client's updates are written to its stream (SSE encoding, the response write): one thread
     * per core, a client always on the same one (its order kept). The listener only queues an update for each
     * client, so a broadcast to a thousand streams is written on every core instead of holding up the listener
     * and every update after it (docs/benchmarks/readside.md).
     */
    private final Scheduler delivery = Schedulers.newParallel("feed-delivery", Schedulers.DEFAULT_POOL_SIZE, true);

    private final Map<UserId, Set<Client>> byUser = new ConcurrentHashMap<>();
    private final Set<Client> everyone = ConcurrentHashMap.newKeySet();
    private final AtomicLong newest = new AtomicLong();
    private final Object lifecycle = new Object();
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile Thread listener;
    private volatile Connection connection;
    private Instant nextPurge = Instant.MIN;

    public FeedHub(
            DataSource dataSource,
            DatabaseClient db,
            Clock clock,
            @Value("${trenddesk.readside.client-buffer:256}") int clientBuffer,
            @Value("${trenddesk.readside.resume-limit:5000}") int resumeLimit,
            @Value("${trenddesk.readside.feed-retention:15m}") Duration retention,
            @Value("${trenddesk.readside.feed-catch-up:1s}") Duration catchUp) {
        if (clientBuffer < 1 || resumeLimit < 1 || retention.isNegative() || catchUp.isNegative() || catchUp.isZero()) {
            throw new IllegalArgumentException("trenddesk.readside: client-buffer and resume-limit must be at least 1,"
                    + " feed-retention not negative, feed-catch-up positive");
        }
        this.dataSource = dataSource;
        this.db = db;
        this.clock = clock;
        this.clientBuffer = clientBuffer;
        this.resumeLimit = resumeLimit;
        this.retention = retention;
        this.catchUp = catchUp;
    }

    /** One connected stream: its user (null for the all-users overview) and its bounded buffer. */
    public static final class Client {

        private final UserId userId;
        private final Sinks.Many<FeedUpdate> sink;
        private final Scheduler delivery;

        Client(UserId userId, int buffer, Scheduler delivery) {
            this.userId = userId;
            this.sink = Sinks.many()
                    .unicast()
                    .onBackpressureBuffer(Queues.<FeedUpdate>get(buffer).get());
            this.delivery = delivery;
        }

        /** The client's updates in order, signalled on its delivery thread (never on the hub's listener). */
        public Flux<FeedUpdate> updates() {
            return sink.asFlux().publishOn(delivery, DELIVERY_PREFETCH);
        }

        boolean offer(FeedUpdate update) {
            Sinks.EmitResult result = sink.tryEmitNext(update);
            // full buffer (with or without a subscriber), cancelled or terminated: this client is done
            return result.isSuccess();
        }
    }

    /** Thrown into a client's stream when its buffer overflowed: the client is too slow and is cut off. */
    public static final class SlowClientException extends RuntimeException {
        SlowClientException() {
            super("client too slow: its buffer of unsent updates is full");
        }
    }

    /** Thrown into every client's stream when this node stops: the client should reconnect (to another node). */
    public static final class NodeStoppingException extends RuntimeException {
        NodeStoppingException() {
            super("this node is shutting down: reconnect with Last-Event-ID");
        }
    }

    /** Registers a client before its snapshot (or what it missed) is read, so nothing falls in between. */
    public Client connect(UserId userId) {
        Client client = new Client(userId, clientBuffer, delivery);
        if (userId == null) {
            everyone.add(client);
        } else {
            byUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(client);
        }
        if (stopping) {
            disconnect(client);
            client.sink.tryEmitError(new NodeStoppingException());
        }
        return client;
    }

    public void disconnect(Client client) {
        if (client.userId == null) {
            everyone.remove(client);
        } else {
            Set<Client> clients = byUser.get(client.userId);
            if (clients != null) {
                clients.remove(client);
            }
        }
    }

    /** Clients connected to this node (for tests and metrics). */
    public int connectedClients() {
        return everyone.size() + byUser.values().stream().mapToInt(Set::size).sum();
    }

    /** The seq of the newest update this hub has delivered (or of the table's newest row when it started). */
    public long newestId() {
        return newest.get();
    }

    /**
     * What the user's stream missed after {@code lastId}, oldest first: the user's own updates and the
     * market data, read from the table, so it works on any node. Empty when it cannot tell (the id is
     * older than what the table keeps, was never given out, or more than {@code resume-limit} updates
     * were missed), in which case the client gets a fresh snapshot instead.
     */
    public Mono<Optional<List<FeedUpdate>>> since(UserId userId, long lastId) {
        if (lastId < 1) {
            return Mono.just(Optional.empty());
        }
        Mono<Boolean> resumable = db.sql("""
                        select h.purged_up_to <= :last and :last <= s.last_value and s.is_called as resumable
                        from feed_horizon h, feed_updates_seq s
                        """)
                .bind("last", lastId)
                .map(row -> Boolean.TRUE.equals(row.get("resumable", Boolean.class)))
                .one()
                .defaultIfEmpty(false);
        Mono<List<FeedUpdate>> missed = db.sql("""
                        select seq, user_id, name, data from feed_updates
                        where seq > :last and (user_id = :user or user_id is null)
                        order by seq limit :limit
                        """)
                .bind("last", lastId)
                .bind("user", userId.value())
                .bind("limit", resumeLimit + 1)
                .map(row -> update(
                        row.get("seq", Long.class),
                        row.get("user_id", UUID.class),
                        row.get("name", String.class),
                        row.get("data", String.class)))
                .all()
                .collectList();
        return resumable.flatMap(ok -> ok
                ? missed.map(updates -> updates.size() > resumeLimit ? Optional.empty() : Optional.of(updates))
                : Mono.just(Optional.empty()));
    }

    void deliver(FeedUpdate update) {
        newest.accumulateAndGet(update.id(), Math::max);
        if (update.userId() == null) {
            byUser.values().forEach(clients -> clients.forEach(client -> offer(client, update)));
        } else {
            Set<Client> clients = byUser.get(update.userId());
            if (clients != null) {
                clients.forEach(client -> offer(client, update));
            }
        }
        everyone.forEach(client -> offer(client, update));
    }

    private void offer(Client client, FeedUpdate update) {
        if (!client.offer(update)) {
            disconnect(client);
            client.sink.tryEmitError(new SlowClientException());
        }
    }

    /**
     * Deletes the updates older than the retention, and moves the horizon below which a
     * {@code Last-Event-ID} cannot be resumed from. Idempotent; every node runs it once a minute.
     */
    public int purgeOlderThan(Instant cutoff) throws SQLException {
        try (Connection purging = dataSource.getConnection();
                PreparedStatement statement = purging.prepareStatement("""
                        with gone as (delete from feed_updates where created_at < ? and seq is not null returning seq)
                        update feed_horizon set purged_up_to = greatest(purged_up_to, (select max(seq) from gone))
                        where exists (select 1 from gone)
                        returning (select count(*) from gone)
                        """)) {
            purging.setAutoCommit(true);
            statement.setTimestamp(1, Timestamp.from(cutoff));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            stopping = false;
            try (Connection first = dataSource.getConnection();
                    Statement statement = first.createStatement();
                    ResultSet head = statement.executeQuery(
                            "select greatest(coalesce(max(seq), 0), (select purged_up_to from feed_horizon)) from feed_updates")) {
                head.next();
                newest.accumulateAndGet(head.getLong(1), Math::max);
            } catch (SQLException e) {
                throw new IllegalStateException("Live feed: cannot read the newest update", e);
            }
            running = true;
            listener = Thread.ofPlatform().daemon().name("feed-hub-listener").start(this::listen);
        }
    }

    /** Ends every stream of this node (each client is told to reconnect), then stops listening. */
    @Override
    public void stop() {
        synchronized (lifecycle) {
            stopping = true;
            List<Client> all = new ArrayList<>(everyone);
            byUser.values().forEach(all::addAll);
            everyone.clear();
            byUser.clear();
            all.forEach(client -> client.sink.tryEmitError(new NodeStoppingException()));
            running = false;
            Thread thread = listener;
            listener = null;
            if (thread != null) {
                // the listener sees running == false within one catch-up period and closes its connection
                thread.interrupt();
                try {
                    thread.join(catchUp.plusSeconds(2).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Connection stuck = connection;
                if (thread.isAlive() && stuck != null) {
                    try {
                        stuck.abort(Runnable::run);
                    } catch (SQLException e) {
                        log.debug("aborting the feed listener connection failed", e);
                    }
                }
            }
            if (!all.isEmpty()) {
                log.info("Live feed: ended {} stream(s) of this node for shutdown", all.size());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        delivery.dispose();
    }

    /** Stopped before the web server's graceful shutdown (phase {@code MAX_VALUE - 1024}), so open streams do not hold it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private void listen() {
        try {
            listenUntilStopped();
        } finally {
            closeConnection();
        }
    }

    private void listenUntilStopped() {
        boolean caughtUp = false;
        while (running) {
            try {
                PGConnection pg = listening();
                if (!caughtUp) {
                    checkHorizon();
                    caughtUp = true;
                }
                readNew();
                purgeIfDue();
                PGNotification[] notifications = pg.getNotifications((int) catchUp.toMillis());
                if (notifications == null || notifications.length == 0) {
                    caughtUp = false; // a quiet period: look at the horizon again before reading
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Live feed: listener connection failed ({}); reconnecting", e.toString());
                closeConnection();
                caughtUp = false;
                try {
                    Thread.sleep(RECONNECT_PAUSE);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private PGConnection listening() throws SQLException {
        Connection current = connection;
        if (current == null) {
            current = dataSource.getConnection();
            current.setAutoCommit(true);
            try (Statement statement = current.createStatement()) {
                statement.execute("listen " + CHANNEL);
            }
            connection = current;
        }
        return current.unwrap(PGConnection.class);
    }

    /** Reads and delivers every row after the newest delivered one, in seq order. */
    private void readNew() throws SQLException {
        Connection current = connection;
        int read;
        do {
            read = 0;
            try (PreparedStatement statement = current.prepareStatement(
                    "select seq, user_id, name, data from feed_updates where seq > ? order by seq limit ?")) {
                statement.setLong(1, newest.get());
                statement.setInt(2, READ_BATCH);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        deliver(update(
                                rows.getLong(1), rows.getObject(2, UUID.class), rows.getString(3), rows.getString(4)));
                        read++;
                    }
                }
            }
        } while (read == READ_BATCH && running);
    }

    /**
     * After a reconnect or a quiet period: when the purge went past what this hub delivered (it was
     * cut off from the database longer than the retention), its clients may have missed updates that
     * are gone; they are cut off and reconnect, and get a snapshot.
     */
    private void checkHorizon() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select purged_up_to from feed_horizon")) {
            if (row.next() && row.getLong(1) > newest.get()) {
                log.warn(
                        "Live feed: updates up to {} were purged before this node read them; cutting its streams",
                        row.getLong(1));
                newest.accumulateAndGet(row.getLong(1), Math::max);
                List<Client> all = new ArrayList<>(everyone);
                byUser.values().forEach(all::addAll);
                all.forEach(client -> {
                    disconnect(client);
                    client.sink.tryEmitError(new SlowClientException());
                });
            }
        }
    }

    private void purgeIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        try {
            int purged = purgeOlderThan(now.minus(retention));
            log.debug("Live feed: purged {} update(s) older than {}", purged, retention);
        } catch (SQLException e) {
            log.warn("Live feed: purge failed ({}); trying again in {}", e.toString(), PURGE_EVERY);
        }
    }

    private void closeConnection() {
        Connection closing = connection;
        connection = null;
        if (closing == null) {
            return;
        }
        try {
            // a pooled connection outlives close(): stop listening first, or abort it out of the pool
            try (Statement statement = closing.createStatement()) {
                statement.execute("unlisten *");
            }
            closing.close();
        } catch (SQLException e) {
            try {
                closing.abort(Runnable::run);
            } catch (SQLException abortFailed) {
                log.debug("aborting the feed listener connection failed", abortFailed);
            }
        }
    }

    private static FeedUpdate update(long seq, UUID userId, String name, String data) {
        return new FeedUpdate(seq, userId == null ? null : new UserId(userId), name, data);
    }
}
