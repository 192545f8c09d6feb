package dev.trenddesk.bingx;

import dev.trenddesk.bingx.error.BingxException;
import dev.trenddesk.bingx.model.UserDataEvent;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The user data stream of one account: a listen key, a WebSocket on {@code wsUrl?listenKey=...},
 * the key extended every {@code listenKeyRenewal}, a new key after listenKeyExpired or a failed
 * extension, and the key closed when the subscriber leaves. Listen keys are logged masked.
 */
final class UserDataStream {

    private static final Logger log = LoggerFactory.getLogger(UserDataStream.class);

    private UserDataStream() {}

    static Flux<UserDataEvent> events(BingxClient client, HttpClient http, BingxClientConfig config) {
        return Flux.create(
                sink -> {
                    AtomicReference<String> listenKey = new AtomicReference<>();
                    AtomicReference<ReconnectingWebSocket.Session> session = new AtomicReference<>();
                    Mono<String> url = Mono.defer(() -> {
                                String key = listenKey.get();
                                return key != null
                                        ? Mono.just(key)
                                        : client.createListenKey().doOnNext(listenKey::set);
                            })
                            .map(key ->
                                    config.wsUrl() + (config.wsUrl().contains("?") ? "&" : "?") + "listenKey=" + key);
                    Disposable connection = ReconnectingWebSocket.start(
                            http,
                            url,
                            config,
                            "user-data " + client.maskedApiKey(),
                            new ReconnectingWebSocket.Handler() {
                                @Override
                                public void onOpen(ReconnectingWebSocket.Session opened, boolean reconnect) {
                                    session.set(opened);
                                    sink.next(new UserDataEvent.StreamConnected(
                                            config.clock().instant(), reconnect));
                                }

                                @Override
                                public void onText(ReconnectingWebSocket.Session from, String text) {
                                    UserDataEvent event = BingxJson.userDataEvent(BingxJson.readTree(text));
                                    if (event == null) {
                                        return;
                                    }
                                    sink.next(event);
                                    if (event instanceof UserDataEvent.ListenKeyExpired) {
                                        listenKey.set(null);
                                        from.close();
                                    }
                                }
                            });
                    Disposable renewal = Flux.interval(config.listenKeyRenewal(), config.listenKeyRenewal())
                            .concatMap(tick -> renew(client, listenKey, session))
                            .subscribe();
                    sink.onDispose(() -> {
                        renewal.dispose();
                        connection.dispose();
                        String key = listenKey.getAndSet(null);
                        if (key != null) {
                            client.closeListenKey(key)
                                    .subscribe(
                                            ok -> {},
                                            e -> log.debug(
                                                    "BingX listen key {} not closed: {}",
                                                    ApiCredentials.mask(key),
                                                    e.getMessage()));
                        }
                    });
                },
                FluxSink.OverflowStrategy.BUFFER);
    }

    private static Mono<Void> renew(
            BingxClient client,
            AtomicReference<String> listenKey,
            AtomicReference<ReconnectingWebSocket.Session> session) {
        String key = listenKey.get();
        if (key == null) {
            return Mono.empty();
        }
        return client.extendListenKey(key)
                .doOnSuccess(ok -> log.debug("BingX listen key {} extended", ApiCredentials.mask(key)))
                .onErrorResume(e -> {
                    log.warn("BingX listen key {} could not be extended: {}", ApiCredentials.mask(key), e.getMessage());
                    if (e instanceof BingxException.NotFound
                            || e instanceof BingxException.InvalidRequest
                            || e instanceof BingxException.Auth) {
                        listenKey.compareAndSet(key, null);
                        ReconnectingWebSocket.Session open = session.get();
                        if (open != null) {
                            open.close();
                        }
                    }
                    return Mono.empty();
                });
    }
}
