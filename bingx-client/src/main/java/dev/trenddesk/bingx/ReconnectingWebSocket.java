package dev.trenddesk.bingx;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.util.retry.Retry;

/**
 * A WebSocket connection to BingX that stays up: frames are gunzipped, the server's text "Ping" is
 * answered with "Pong", silence longer than the idle timeout or any drop leads to a reconnect with
 * exponential backoff (reset once a connection opens). Runs until the returned Disposable is disposed.
 */
final class ReconnectingWebSocket {

    private static final Logger log = LoggerFactory.getLogger(ReconnectingWebSocket.class);
    private static final int MAX_FRAME = 1 << 22;

    /** Receives the connection's events; called on a Netty thread, one event at a time. */
    interface Handler {
        /** A connection opened; {@code reconnect} is false only for the first one. */
        void onOpen(Session session, boolean reconnect);

        /** A text message other than "Ping" arrived. */
        void onText(Session session, String text);
    }

    /** One open connection: send text, or close it to force a reconnect. */
    static final class Session {
        private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
        private final Sinks.Empty<Void> closed = Sinks.empty();

        /** Queues a text frame. */
        synchronized void send(String text) {
            outbound.tryEmitNext(text);
        }

        /** Closes this connection; the owner reconnects. */
        synchronized void close() {
            closed.tryEmitEmpty();
            outbound.tryEmitComplete();
        }
    }

    private ReconnectingWebSocket() {}

    /**
     * Connects to the URL {@code url} yields (asked again before each reconnect) and keeps the
     * connection up until the result is disposed.
     */
    static Disposable start(HttpClient http, Mono<String> url, BingxClientConfig config, String name, Handler handler) {
        AtomicBoolean opened = new AtomicBoolean();
        return Flux.defer(
                        () -> url.flatMapMany(u -> connectOnce(http, u, config, name, handler, opened.getAndSet(true))))
                .concatWith(Mono.error(() -> new IllegalStateException("connection closed")))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, config.wsMinBackoff())
                        .maxBackoff(config.wsMaxBackoff())
                        .transientErrors(true)
                        .doBeforeRetry(s -> log.info(
                                "BingX WebSocket {} reconnecting after: {}",
                                name,
                                s.failure().getMessage())))
                .subscribe(
                        connected -> log.debug("BingX WebSocket {} connected", name),
                        error -> log.error("BingX WebSocket {} stopped", name, error));
    }

    private static Flux<Boolean> connectOnce(
            HttpClient http, String url, BingxClientConfig config, String name, Handler handler, boolean reconnect) {
        return http.websocket(WebsocketClientSpec.builder()
                        .maxFramePayloadLength(MAX_FRAME)
                        .build())
                .uri(url)
                .handle((in, out) -> {
                    Session session = new Session();
                    Mono<Void> send = out.sendObject(session.outbound.asFlux().map(TextWebSocketFrame::new))
                            .then();
                    Mono<Void> receive = in.aggregateFrames(MAX_FRAME)
                            .receiveFrames()
                            .filter(f -> f instanceof TextWebSocketFrame || f instanceof BinaryWebSocketFrame)
                            .map(ReconnectingWebSocket::payload)
                            .timeout(config.wsIdleTimeout())
                            .takeUntilOther(session.closed.asMono())
                            .doOnNext(text -> {
                                if ("Ping".equals(text)) {
                                    session.send("Pong");
                                } else {
                                    dispatch(handler, session, text, name);
                                }
                            })
                            .doFinally(signal -> session.close())
                            .then();
                    handler.onOpen(session, reconnect);
                    return Flux.merge(Mono.just(Boolean.TRUE), send.then(Mono.empty()), receive.then(Mono.empty()));
                });
    }

    private static void dispatch(Handler handler, Session session, String text, String name) {
        try {
            handler.onText(session, text);
        } catch (RuntimeException e) {
            log.warn("BingX WebSocket {} could not handle a message: {}", name, e.toString());
        }
    }

    private static String payload(WebSocketFrame frame) {
        return WsFrames.text(ByteBufUtil.getBytes(frame.content()));
    }
}
