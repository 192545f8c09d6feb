package dev.trenddesk.gateway.web.readside;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.readside.FeedUpdate;
import dev.trenddesk.api.readside.ReadSideQueries.FindDashboard;
import dev.trenddesk.api.readside.ReadSideQueries.FindOverview;
import dev.trenddesk.api.readside.TradingViews.DashboardView;
import dev.trenddesk.api.readside.TradingViews.OverviewView;
import dev.trenddesk.gateway.feed.FeedHub;
import dev.trenddesk.gateway.security.AccessEnd;
import dev.trenddesk.gateway.security.SessionCookies;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.security.StreamAccess;
import dev.trenddesk.gateway.security.StreamAccess.Target;
import dev.trenddesk.gateway.security.WebSessionStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Live streams (Server-Sent Events). Each stream starts with what the client needs to be current:
 * the updates it missed since its {@code Last-Event-ID} when they are still kept (on any node: they
 * are read from {@code feed_updates}, ADR 0017), otherwise a fresh {@code snapshot} event; then live
 * updates as named events ({@code account}, {@code bot}, {@code session}, {@code positions},
 * {@code order}, {@code trade}, {@code signal}, {@code alert}, {@code candle}) whose id is the
 * update's {@code seq} (commit order across all nodes), and a {@code heartbeat} event every 15–30 s.
 * When this node shuts down, each stream ends with a last {@code reconnect} event (data
 * {@code {"reason":"NODE_STOPPING"}}, {@code retry: 500}): the client reconnects with its
 * {@code Last-Event-ID} and resumes on another node. Filtering is by the authenticated principal on the server: a stream only
 * carries its own user's updates (and public market candles), whatever ids the client sends.
 * {@code follow=false} ends the stream after the snapshot (or the missed updates).
 * A stream lives only as long as the session and the access it was opened under (see
 * {@link StreamAccess}): when they are gone it ends with a last {@code revoked} event whose data
 * is {@code {"reason": "LOGGED_OUT" | "SESSION_ENDED" | "SESSION_EXPIRED" | "PASSWORD_CHANGED" |
 * "PASSWORD_RESET" | "DEACTIVATED" | "ROLE_CHANGED" | "ACCESS_REVOKED", "message": "..."}}; a client
 * must not reconnect after it.
 */
@RestController
@Tag(name = "streams", description = "Live SSE streams: own, a granted user's, and the admin overview")
class StreamController {

    private static final String CUT = "cut";
    private static final String RECONNECT = "reconnect";
    private static final String TOO_SLOW = "too slow: reconnect with Last-Event-ID";
    private static final String NODE_STOPPING = "NODE_STOPPING";
    private static final Duration RECONNECT_AFTER = Duration.ofMillis(500);

    private final FeedHub hub;
    private final ReadSideReader reader;
    private final StreamAccess access;
    private final SessionCookies cookies;
    private final ObjectMapper json;
    private final Duration heartbeat;

    public StreamController(
            FeedHub hub,
            ReadSideReader reader,
            StreamAccess access,
            SessionCookies cookies,
            ObjectMapper json,
            @Value("${trenddesk.readside.heartbeat:15s}") Duration heartbeat) {
        this.hub = hub;
        this.reader = reader;
        this.access = access;
        this.cookies = cookies;
        this.json = json;
        this.heartbeat = heartbeat;
    }

    @Operation(summary = "My live stream (traders): snapshot or missed updates, then live updates and heartbeats")
    @GetMapping(path = "/api/me/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> mine(
            @AuthenticationPrincipal SessionUser me,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(defaultValue = "true") boolean follow,
            ServerWebExchange exchange) {
        return stream(me, new Target.Own(), exchange, me.id(), lastEventId, follow);
    }

    @Operation(summary = "A trader's live stream (admins, granted viewers; others get 404)")
    @GetMapping(path = "/api/users/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> user(
            @AuthenticationPrincipal SessionUser me,
            @PathVariable String id,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(defaultValue = "true") boolean follow,
            ServerWebExchange exchange) {
        return reader.target(me, id, exchange)
                .flatMapMany(
                        user -> stream(me, new Target.OfUser(user.id()), exchange, user.id(), lastEventId, follow));
    }

    @Operation(summary = "The admin overview's live stream: totals snapshot, then every user's updates")
    @GetMapping(path = "/api/admin/overview/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> overview(
            @AuthenticationPrincipal SessionUser me,
            @RequestParam(defaultValue = "true") boolean follow,
            ServerWebExchange exchange) {
        return stream(me, new Target.Overview(), exchange, null, null, follow);
    }

    /** The stream, bound to the caller's session and access: it ends with a {@code revoked} event when they go. */
    private Flux<ServerSentEvent<String>> stream(
            SessionUser me,
            Target target,
            ServerWebExchange exchange,
            UserId userId,
            String lastEventId,
            boolean follow) {
        String sessionKey = WebSessionStore.key(cookies.read(exchange));
        return Flux.defer(() -> {
            StreamAccess.Stream guard = access.register(sessionKey, me, target);
            return feed(userId, lastEventId, follow)
                    .takeUntilOther(guard.ended())
                    .concatWith(Mono.fromSupplier(guard::reason).map(this::revoked))
                    .doFinally(signal -> guard.close());
        });
    }

    private Flux<ServerSentEvent<String>> feed(UserId userId, String lastEventId, boolean follow) {
        return Flux.defer(() -> {
            FeedHub.Client client = hub.connect(userId);
            long snapshotId = hub.newestId();
            Long last = lastEventId(lastEventId);
            Mono<Optional<List<FeedUpdate>>> missed =
                    last == null || userId == null ? Mono.just(Optional.empty()) : hub.since(userId, last);
            return missed.flatMapMany(resumed -> {
                        // live updates the missed ones (or the snapshot) already cover are not sent twice
                        long after = resumed.map(updates -> updates.isEmpty()
                                        ? last
                                        : Math.max(last, updates.getLast().id()))
                                .orElse(snapshotId);
                        Flux<ServerSentEvent<String>> head = resumed.map(
                                        updates -> Flux.fromIterable(updates).map(StreamController::event))
                                .orElseGet(() -> snapshot(userId, snapshotId).flux());
                        if (!follow) {
                            return head;
                        }
                        Flux<ServerSentEvent<String>> live = client.updates()
                                .filter(update -> update.id() > after)
                                .map(StreamController::event)
                                .onErrorResume(FeedHub.SlowClientException.class, e -> Flux.just(last(CUT, TOO_SLOW)))
                                .onErrorResume(
                                        FeedHub.NodeStoppingException.class,
                                        e -> Flux.just(last(RECONNECT, NODE_STOPPING)));
                        Flux<ServerSentEvent<String>> beats = Flux.interval(heartbeat)
                                .map(tick -> ServerSentEvent.<String>builder()
                                        .event("heartbeat")
                                        .data("{}")
                                        .build());
                        return Flux.concat(
                                head,
                                Flux.merge(live, beats)
                                        .takeUntil(
                                                event -> CUT.equals(event.event()) || RECONNECT.equals(event.event())));
                    })
                    .doFinally(signal -> hub.disconnect(client));
        });
    }

    /** A stream's last event before the server ends it and the client should reconnect with Last-Event-ID. */
    private static ServerSentEvent<String> last(String name, String reason) {
        return ServerSentEvent.<String>builder()
                .event(name)
                .retry(RECONNECT_AFTER)
                .data("{\"reason\":\"" + reason + "\"}")
                .build();
    }

    private Mono<ServerSentEvent<String>> snapshot(UserId userId, long id) {
        Mono<?> state = userId == null
                ? reader.one(new FindOverview(), OverviewView.class)
                : reader.one(new FindDashboard(userId), DashboardView.class);
        return state.map(value -> ServerSentEvent.<String>builder()
                .id(Long.toString(id))
                .event("snapshot")
                .data(write(value))
                .build());
    }

    private ServerSentEvent<String> revoked(AccessEnd reason) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("reason", reason.name());
        data.put("message", reason.message());
        return ServerSentEvent.<String>builder()
                .event("revoked")
                .data(write(data))
                .build();
    }

    private static ServerSentEvent<String> event(FeedUpdate update) {
        return ServerSentEvent.<String>builder()
                .id(Long.toString(update.id()))
                .event(update.name())
                .data(update.data())
                .build();
    }

    /** Ids this API gives are event positions; anything else is ignored (the client gets a snapshot). */
    private static Long lastEventId(String header) {
        if (header == null || !header.trim().matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(header.trim());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write snapshot", e);
        }
    }
}
