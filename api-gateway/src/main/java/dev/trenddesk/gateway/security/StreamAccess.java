package dev.trenddesk.gateway.security;

import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserEvent.PasswordChanged;
import dev.trenddesk.api.user.UserEvent.RoleChanged;
import dev.trenddesk.api.user.UserEvent.UserDeactivated;
import dev.trenddesk.api.user.UserEvent.UserErased;
import dev.trenddesk.api.user.UserEvent.ViewerAccessRevoked;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one place that decides whether an open stream may go on. Every open SSE stream is registered
 * with the session it was opened under (its key), the person as they were then and what it reads;
 * the stream ends (with a final {@code revoked} event) as soon as any of these learns that the
 * access is gone:
 * <ul>
 *   <li>this node deleted the session (logout, password change, reset, deactivation):
 *       {@link WebSessionStore.Listener}, at once;</li>
 *   <li>a user event was published on this node (role changed, deactivated, erased, grant revoked,
 *       password reset): an Axon event handler in a subscribing processor, right after the commit;</li>
 *   <li>anything else, including changes made through another gateway node and session expiry:
 *       every {@code trenddesk.security.stream-recheck} (1 s) the session rows and the users read
 *       model of every open stream are read again in one query and the rule is applied anew.</li>
 * </ul>
 * The rule is the one the HTTP API applies when the stream is opened: a trader's own stream needs
 * the trader role, a user's stream needs {@link SessionUser#mayRead}, the overview needs admin.
 */
@Component
@ProcessingGroup(StreamAccess.GROUP)
public class StreamAccess implements WebSessionStore.Listener {

    /** The Axon processing group of the event handlers; a subscribing processor, see StreamAccessConfiguration. */
    public static final String GROUP = "stream-access";

    private static final Logger log = LoggerFactory.getLogger(StreamAccess.class);

    private final WebSessionStore sessions;
    private final Duration recheckEvery;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private volatile Scheduler scheduler;
    private volatile Disposable rechecks;

    public StreamAccess(
            WebSessionStore sessions, @Value("${trenddesk.security.stream-recheck:1s}") Duration recheckEvery) {
        this.sessions = sessions;
        this.recheckEvery = recheckEvery;
        sessions.addListener(this);
    }

    /** What a stream reads. */
    public sealed interface Target {

        /** /api/me/stream: the trader's own data. */
        record Own() implements Target {}

        /** /api/users/{id}/stream: that user's data. */
        record OfUser(UserId userId) implements Target {}

        /** /api/admin/overview/stream: every user's data. */
        record Overview() implements Target {}
    }

    /** Whether this person may (still) read this target. */
    public static boolean allowed(SessionUser user, Target target) {
        return switch (target) {
            case Target.Own own -> user.role() == Role.TRADER;
            case Target.OfUser of -> user.mayRead(of.userId());
            case Target.Overview overview -> user.role() == Role.ADMIN;
        };
    }

    /** One open stream; {@link #ended()} completes with the reason when its access is gone. Close it when the stream ends. */
    public final class Stream implements AutoCloseable {

        private final String sessionKey;
        private final Target target;
        private final Sinks.One<AccessEnd> end = Sinks.one();
        private volatile SessionUser user;
        private volatile AccessEnd reason;

        private Stream(String sessionKey, SessionUser user, Target target) {
            this.sessionKey = sessionKey;
            this.user = user;
            this.target = target;
        }

        /** Emits the reason once the access is gone; never completes empty while the stream is open. */
        public Mono<AccessEnd> ended() {
            return end.asMono();
        }

        /** The reason it ended, or null while it may go on. */
        public AccessEnd reason() {
            return reason;
        }

        void end(AccessEnd why) {
            synchronized (this) {
                if (reason != null) {
                    return;
                }
                reason = why;
            }
            open.remove(this);
            log.info("Ending a stream of {} ({}): {}", user.username(), target, why);
            end.tryEmitValue(why);
        }

        @Override
        public void close() {
            open.remove(this);
        }
    }

    /** Registers a stream that is about to open. */
    public Stream register(String sessionKey, SessionUser user, Target target) {
        Stream stream = new Stream(sessionKey, user, target);
        open.add(stream);
        return stream;
    }

    /** Streams open on this node (for tests and metrics). */
    public int openStreams() {
        return open.size();
    }

    // ---- sessions ended by this node

    @Override
    public void sessionEnded(String key, AccessEnd reason) {
        endWhere(stream -> stream.sessionKey != null && stream.sessionKey.equals(key), reason);
    }

    @Override
    public void sessionsOfUserEnded(UserId userId, String kept, AccessEnd reason) {
        endWhere(
                stream -> stream.user.id().equals(userId) && (kept == null || !kept.equals(stream.sessionKey)), reason);
    }

    // ---- user events published on this node

    @EventHandler
    void on(RoleChanged event) {
        afterCommit(() -> reapply(
                event.userId(),
                user -> new SessionUser(user.id(), user.username(), event.to(), user.grantedTraders()),
                AccessEnd.ROLE_CHANGED));
    }

    @EventHandler
    void on(ViewerAccessRevoked event) {
        afterCommit(() -> reapply(
                event.userId(),
                user -> {
                    Set<UserId> grants = new HashSet<>(user.grantedTraders());
                    grants.remove(event.traderId());
                    return new SessionUser(user.id(), user.username(), user.role(), grants);
                },
                AccessEnd.ACCESS_REVOKED));
    }

    @EventHandler
    void on(UserDeactivated event) {
        afterCommit(() -> endWhere(stream -> stream.user.id().equals(event.userId()), AccessEnd.DEACTIVATED));
    }

    @EventHandler
    void on(UserErased event) {
        afterCommit(() -> endWhere(stream -> stream.user.id().equals(event.userId()), AccessEnd.DEACTIVATED));
    }

    /** An admin reset ends every session; the person's own change keeps the current one (see MeController). */
    @EventHandler
    void on(PasswordChanged event) {
        if (event.byAdmin()) {
            afterCommit(() -> endWhere(stream -> stream.user.id().equals(event.userId()), AccessEnd.PASSWORD_RESET));
        }
    }

    /** Acts once the change is committed (a subscribing processor is called before), or at once outside a unit of work. */
    private static void afterCommit(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }

    private void reapply(UserId userId, Function<SessionUser, SessionUser> change, AccessEnd reason) {
        for (Stream stream : open) {
            if (stream.user.id().equals(userId)) {
                SessionUser changed = change.apply(stream.user);
                stream.user = changed;
                if (!allowed(changed, stream.target)) {
                    stream.end(reason);
                }
            }
        }
    }

    private void endWhere(Predicate<Stream> affected, AccessEnd reason) {
        open.stream().filter(affected).toList().forEach(stream -> stream.end(reason));
    }

    // ---- the periodic re-check, which also sees what other nodes changed

    /** Reads the session and the person behind every open stream again and ends those that lost access. */
    public Mono<Void> recheck() {
        Set<Stream> streams = Set.copyOf(open);
        if (streams.isEmpty()) {
            return Mono.empty();
        }
        Set<String> keys =
                streams.stream().map(s -> s.sessionKey).filter(k -> k != null).collect(Collectors.toSet());
        return sessions.states(keys)
                .collectMap(WebSessionStore.SessionState::key)
                .doOnNext(states -> streams.forEach(stream -> judge(stream, states)))
                .then();
    }

    private static void judge(Stream stream, Map<String, WebSessionStore.SessionState> states) {
        WebSessionStore.SessionState state = stream.sessionKey == null ? null : states.get(stream.sessionKey);
        if (state == null) {
            stream.end(AccessEnd.SESSION_ENDED);
        } else if (state.ended() != null) {
            stream.end(state.ended());
        } else if (!state.active()) {
            stream.end(AccessEnd.DEACTIVATED);
        } else if (!state.live()) {
            stream.end(AccessEnd.SESSION_EXPIRED);
        } else if (!allowed(state.user(), stream.target)) {
            stream.end(state.user().role() != stream.user.role() ? AccessEnd.ROLE_CHANGED : AccessEnd.ACCESS_REVOKED);
        } else {
            stream.user = state.user();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (rechecks != null) {
            return;
        }
        scheduler = Schedulers.newSingle("stream-access", true);
        rechecks = Flux.interval(recheckEvery, recheckEvery, scheduler)
                .onBackpressureDrop()
                .concatMap(
                        tick -> recheck().onErrorResume(e -> {
                            log.warn("Could not re-check the access of open streams ({}); trying again", e.toString());
                            return Mono.empty();
                        }),
                        1)
                .subscribe();
    }

    @PreDestroy
    synchronized void stop() {
        if (rechecks != null) {
            rechecks.dispose();
            scheduler.dispose();
            rechecks = null;
        }
    }
}
