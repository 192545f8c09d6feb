package dev.trenddesk.gateway.web.readside;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.readside.FeedUpdate;
import dev.trenddesk.api.readside.ReadSideQueries.SubscribeFeed;
import jakarta.annotation.PreDestroy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Fans the read side's live updates out to the SSE clients of this node. One subscription query
 * ({@link SubscribeFeed} for all users) feeds the hub; each client has its own bounded buffer and
 * receives only its own user's updates (or everyone's for the admin overview) plus market data.
 * A client whose buffer is full is cut off at once, so a slow client never holds anybody up.
 * The newest updates of each user who has had a stream on this node are kept (a bounded number)
 * so that a client that reconnects with {@code Last-Event-ID} gets exactly what it missed, from its
 * own user's updates only; when the node cannot tell, the client gets a fresh snapshot instead.
 */
@Component
public class FeedHub {

    private static final Logger log = LoggerFactory.getLogger(FeedHub.class);
    private static final int HUB_BUFFER = 16_384;

    private final QueryGateway queries;
    private final int resumeBuffer;
    private final int clientBuffer;
    private final Map<UserId, Set<Client>> byUser = new ConcurrentHashMap<>();
    private final Set<Client> everyone = ConcurrentHashMap.newKeySet();
    private final Map<UserId, Recent> recent = new ConcurrentHashMap<>();
    private final AtomicLong newest = new AtomicLong();
    private volatile long subscribedAt = Long.MAX_VALUE;
    private volatile SubscriptionQueryResult<Long, FeedUpdate> subscription;
    private volatile Disposable feed;

    public FeedHub(
            QueryGateway queries,
            @Value("${trenddesk.readside.resume-buffer:100}") int resumeBuffer,
            @Value("${trenddesk.readside.client-buffer:256}") int clientBuffer) {
        this.queries = queries;
        this.resumeBuffer = resumeBuffer;
        this.clientBuffer = clientBuffer;
    }

    /** One connected stream: its user (null for the all-users overview) and its bounded buffer. */
    public static final class Client {

        private final UserId userId;
        private final Sinks.Many<FeedUpdate> sink;

        Client(UserId userId, int buffer) {
            this.userId = userId;
            this.sink = Sinks.many()
                    .unicast()
                    .onBackpressureBuffer(Queues.<FeedUpdate>get(buffer).get());
        }

        public Flux<FeedUpdate> updates() {
            return sink.asFlux();
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

    /** Registers a client before its snapshot is read, so nothing falls between snapshot and live updates. */
    public Client connect(UserId userId) {
        ensureSubscribed();
        Client client = new Client(userId, clientBuffer);
        if (userId == null) {
            everyone.add(client);
        } else {
            // from the first stream of a user on, this node keeps that user's newest updates for resumes
            recent.computeIfAbsent(userId, id -> new Recent(resumeBuffer, newest.get()));
            byUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(client);
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

    /** The id of the newest update this hub has seen (or of the event store head when it subscribed). */
    public long newestId() {
        return newest.get();
    }

    /**
     * What the user's stream missed after {@code lastId}, oldest first; empty when the hub cannot
     * tell (the id is older than what it keeps, or not an id it could have sent), in which case the
     * client gets a fresh snapshot instead. Only the user's own updates are ever returned.
     */
    public Optional<List<FeedUpdate>> since(UserId userId, long lastId) {
        if (lastId > newest.get() || lastId < subscribedAt) {
            return Optional.empty();
        }
        Recent kept = recent.get(userId);
        return kept == null ? Optional.empty() : kept.since(lastId);
    }

    void deliver(FeedUpdate update) {
        newest.accumulateAndGet(update.id(), Math::max);
        if (update.userId() == null) {
            byUser.values().forEach(clients -> clients.forEach(client -> offer(client, update)));
        } else {
            Recent kept = recent.get(update.userId());
            if (kept != null) {
                kept.add(update);
            }
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

    /** Subscribes as soon as the application is up, so resumes work from the first client on. */
    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        ensureSubscribed();
    }

    private synchronized void ensureSubscribed() {
        if (feed != null && !feed.isDisposed()) {
            return;
        }
        SubscriptionQueryResult<Long, FeedUpdate> result = queries.subscriptionQuery(
                SubscribeFeed.class.getName(),
                new SubscribeFeed(null),
                ResponseTypes.instanceOf(Long.class),
                ResponseTypes.instanceOf(FeedUpdate.class),
                HUB_BUFFER);
        subscription = result;
        result.initialResult()
                .subscribe(
                        head -> {
                            long start = head == null ? 0 : head;
                            newest.accumulateAndGet(start, Math::max);
                            subscribedAt = start;
                        },
                        error -> log.warn("Live feed: no initial position ({})", error.toString()));
        feed = result.updates().subscribe(this::deliver, error -> {
            log.warn("Live feed subscription ended ({}); the next client resubscribes", error.toString());
            feed = null;
        });
    }

    @PreDestroy
    void close() {
        if (feed != null) {
            feed.dispose();
        }
        if (subscription != null) {
            subscription.close();
        }
    }

    /**
     * The newest updates of one user, bounded; knows up to which id it cannot tell what happened
     * (what it had to evict, or what came before it started keeping).
     */
    private static final class Recent {

        private final int capacity;
        private final Deque<FeedUpdate> updates = new ArrayDeque<>();
        private long evictedUpTo;

        Recent(int capacity, long startedAfter) {
            this.capacity = capacity;
            this.evictedUpTo = startedAfter;
        }

        synchronized void add(FeedUpdate update) {
            updates.addLast(update);
            while (updates.size() > capacity) {
                evictedUpTo = updates.removeFirst().id();
            }
        }

        synchronized Optional<List<FeedUpdate>> since(long lastId) {
            if (lastId < evictedUpTo) {
                return Optional.empty();
            }
            return Optional.of(
                    updates.stream().filter(update -> update.id() > lastId).toList());
        }
    }
}
