package dev.trenddesk.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * The {@code /swap-market} WebSocket: market-data subscriptions, user data streams
 * ({@code ?listenKey=}), listen keys, Ping/Pong keep-alive. Every server frame is GZIP-compressed
 * binary, as BingX sends them.
 */
final class WsHub implements Exchange.Events {

    private static final Logger LOG = LoggerFactory.getLogger(WsHub.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KLINE_CHANNEL = "kline_";
    private static final String TICKER_CHANNEL = "ticker";
    private static final String TRADE_CHANNEL = "trade";
    private static final java.util.regex.Pattern DEPTH_CHANNEL =
            java.util.regex.Pattern.compile("depth(\\d{1,3})(?:@(?:100|200|500|1000)ms)?");
    private static final List<Integer> DEPTH_LEVELS = List.of(5, 10, 20, 50, 100);

    private record ListenKey(String apiKey, long expiresAt) {}

    private final SimulatorConfig config;
    private final LongSupplier wallClock;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, ListenKey> listenKeys = new ConcurrentHashMap<>();

    WsHub(SimulatorConfig config, LongSupplier wallClock) {
        this.config = config;
        this.wallClock = wallClock;
    }

    // ----------------------------------------------------------------------------- listen keys

    String createListenKey(String apiKey) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String key = HexFormat.of().formatHex(bytes);
        listenKeys.put(
                key,
                new ListenKey(
                        apiKey,
                        wallClock.getAsLong() + config.listenKeyValidity().toMillis()));
        return key;
    }

    /** Extends a listen key of {@code apiKey} by its full validity; false when unknown. */
    boolean extendListenKey(String apiKey, String key) {
        ListenKey existing = listenKeys.get(key);
        if (existing == null || !existing.apiKey().equals(apiKey)) {
            return false;
        }
        listenKeys.put(
                key,
                new ListenKey(
                        apiKey,
                        wallClock.getAsLong() + config.listenKeyValidity().toMillis()));
        return true;
    }

    /** Deletes a listen key of {@code apiKey} and closes its streams; false when unknown. */
    boolean deleteListenKey(String apiKey, String key) {
        ListenKey existing = listenKeys.get(key);
        if (existing == null || !existing.apiKey().equals(apiKey)) {
            return false;
        }
        listenKeys.remove(key);
        sessions.stream().filter(s -> key.equals(s.listenKey)).forEach(Session::close);
        return true;
    }

    /** Sends listenKeyExpired on, then closes, the streams of every key past its validity. */
    void expireListenKeys() {
        long now = wallClock.getAsLong();
        listenKeys.forEach((key, value) -> {
            if (now >= value.expiresAt() && listenKeys.remove(key, value)) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("e", "listenKeyExpired");
                event.put("E", now);
                event.put("listenKey", key);
                byte[] frame = gzip(write(event));
                sessions.stream().filter(s -> key.equals(s.listenKey)).forEach(s -> {
                    s.send(frame);
                    s.close();
                });
            }
        });
    }

    List<SavedState.ListenKeyState> savedListenKeys() {
        return listenKeys.entrySet().stream()
                .map(e -> new SavedState.ListenKeyState(
                        e.getKey(), e.getValue().apiKey(), e.getValue().expiresAt()))
                .sorted(Comparator.comparing(SavedState.ListenKeyState::listenKey))
                .toList();
    }

    /** Takes over saved listen keys; those whose validity ran out meanwhile expire at the next tick. */
    void restoreListenKeys(List<SavedState.ListenKeyState> saved) {
        saved.forEach(key -> listenKeys.put(key.listenKey(), new ListenKey(key.apiKey(), key.expiresAt())));
    }

    void reset() {
        listenKeys.clear();
        dropAll();
    }

    // -------------------------------------------------------------------------------- sessions

    /** Serves one WebSocket connection; {@code listenKey} is null for a market-data connection. */
    Publisher<Void> serve(WebsocketInbound inbound, WebsocketOutbound outbound, String listenKey) {
        Session session = new Session(listenKey, wallClock.getAsLong());
        if (listenKey != null) {
            ListenKey key = listenKeys.get(listenKey);
            if (key == null) {
                return outbound.sendClose(4001, "invalid listenKey");
            }
            session.apiKey = key.apiKey();
        }
        inbound.withConnection(connection -> session.connection = connection);
        sessions.add(session);
        inbound.receiveFrames()
                .doOnNext(session::receive)
                .doFinally(signal -> {
                    sessions.remove(session);
                    session.sink.tryEmitComplete();
                })
                .subscribe();
        return outbound.sendObject(
                        session.sink.asFlux().map(bytes -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))))
                .then();
    }

    /** Sends {@code Ping} to every connection and closes those silent past the pong timeout. */
    void ping() {
        long now = wallClock.getAsLong();
        byte[] ping = gzip("Ping");
        for (Session session : sessions) {
            if (now - session.lastPong > config.pongTimeout().toMillis()) {
                LOG.info("closing a WebSocket connection that sent no Pong for {} ms", now - session.lastPong);
                session.close();
            } else {
                session.send(ping);
            }
        }
    }

    /** Drops every open connection at once (the WS_DROP fault). */
    void dropAll() {
        sessions.forEach(Session::close);
    }

    int connectionCount() {
        return sessions.size();
    }

    @Override
    public void userEvent(String apiKey, Map<String, Object> event) {
        byte[] frame = null;
        for (Session session : sessions) {
            if (apiKey.equals(session.apiKey)) {
                frame = frame == null ? gzip(write(event)) : frame;
                session.send(frame);
            }
        }
    }

    /**
     * The live 5m candle of {@code replay} changed: pushes every market channel of its symbol that a
     * connection subscribed to. {@code SYMBOL@kline_<interval>}: the candle of that interval (and the
     * final state of a 1m/3m candle that just ended); {@code @trade}: the trade a completed sub-step made;
     * {@code @ticker} and {@code @depthN}: on every move of the live candle but its closing one (the next
     * candle's first move follows at the same market time).
     */
    @Override
    public void kline(SymbolReplay replay, Candle candle, boolean closed) {
        String prefix = replay.symbol() + "@";
        Map<String, List<byte[]>> frames = null;
        for (Session session : sessions) {
            for (String dataType : session.subscriptions) {
                if (!dataType.startsWith(prefix)) {
                    continue;
                }
                String channel = dataType.substring(prefix.length());
                frames = frames == null ? new HashMap<>() : frames;
                if (channel.startsWith(KLINE_CHANNEL)) {
                    boolean array = array(session, dataType);
                    for (byte[] frame : frames.computeIfAbsent(dataType + (array ? "[]" : "{}"), key -> {
                        KlineInterval interval = KlineInterval.of(channel.substring(KLINE_CHANNEL.length()))
                                .orElseThrow();
                        return MarketData.pushes(replay, interval, candle, closed).stream()
                                .map(push -> klineFrame(replay, dataType, push, array))
                                .toList();
                    })) {
                        session.send(frame);
                    }
                    continue;
                }
                for (byte[] frame :
                        frames.computeIfAbsent(dataType, type -> marketFrames(replay, channel, type, closed))) {
                    session.send(frame);
                }
            }
        }
    }

    /**
     * Whether this push of {@code dataType} carries {@code data} as an array. ALTERNATE alternates per
     * connection and channel: one counter per connection starved a channel of one form when a connection
     * subscribed to two kline intervals (every 1m push came as an object after every 5m push as an array).
     */
    private boolean array(Session session, String dataType) {
        return switch (config.klinePayloadShape()) {
            case ARRAY -> true;
            case OBJECT -> false;
            case ALTERNATE -> session.pushes.merge(dataType, 1L, Long::sum) % 2 == 1;
        };
    }

    /** The frames of a ticker, trade or depth channel for the replay's current position (none, one). */
    private static List<byte[]> marketFrames(SymbolReplay replay, String channel, String dataType, boolean closed) {
        Map<String, Object> push = new LinkedHashMap<>();
        push.put("code", 0);
        push.put("dataType", dataType);
        if (channel.equals(TRADE_CHANNEL)) {
            Optional<MarketData.Trade> trade = MarketData.tradeJustCompleted(replay);
            if (trade.isEmpty()) {
                return List.of();
            }
            push.put("data", List.of(Views.tradePush(replay.symbol(), trade.get())));
            return List.of(gzip(write(push)));
        }
        if (closed) {
            return List.of();
        }
        if (channel.equals(TICKER_CHANNEL)) {
            push.put("data", Views.tickerPush(MarketData.ticker(replay), replay.processedTime()));
        } else {
            MarketData.Book book = MarketData.book(replay, depthLevels(channel));
            push.put("ts", book.time());
            push.put("data", Views.depthPush(book));
        }
        return List.of(gzip(write(push)));
    }

    private static byte[] klineFrame(SymbolReplay replay, String dataType, Candle candle, boolean array) {
        Map<String, Object> push = new LinkedHashMap<>();
        push.put("code", 0);
        push.put("dataType", dataType);
        push.put("s", replay.symbol());
        Map<String, Object> row = Views.klinePush(candle);
        push.put("data", array ? List.of(row) : row);
        return gzip(write(push));
    }

    private void onMessage(Session session, String text) {
        if (text.trim().equalsIgnoreCase("Pong")) {
            session.lastPong = wallClock.getAsLong();
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return;
        }
        String id = request.path("id").asText("");
        String reqType = request.path("reqType").asText("");
        String dataType = request.path("dataType").asText("");
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("id", id);
        if (!reqType.equals("sub") && !reqType.equals("unsub")) {
            ack.put("code", BingxException.INVALID_PARAMETER);
            ack.put("msg", "reqType must be sub or unsub");
        } else if (!supported(dataType)) {
            ack.put("code", BingxException.INVALID_PARAMETER);
            ack.put("msg", "dataType not supported: " + dataType);
        } else {
            if (reqType.equals("sub")) {
                session.subscriptions.add(dataType);
            } else {
                session.subscriptions.remove(dataType);
            }
            ack.put("code", 0);
            ack.put("msg", "");
        }
        // BingX's swap acknowledgement names no channel ({"dataType":"","data":null}); clients that route
        // frames by dataType (ccxt) would otherwise take it for a push of that channel
        ack.put("dataType", "");
        ack.put("data", null);
        session.send(gzip(write(ack)));
    }

    /**
     * {@code SYMBOL@kline_<served interval>}, {@code SYMBOL@ticker}, {@code SYMBOL@trade} and
     * {@code SYMBOL@depth<5|10|20|50|100>}, optionally {@code @<100|200|500|1000>ms} as BingX's depth
     * channels are named (pushed on every move whatever the interval), for a listed symbol.
     */
    private boolean supported(String dataType) {
        int at = dataType.indexOf('@');
        if (at < 0 || Contract.find(dataType.substring(0, at)).isEmpty()) {
            return false;
        }
        String channel = dataType.substring(at + 1);
        if (channel.startsWith(KLINE_CHANNEL)) {
            return config.intervals().contains(channel.substring(KLINE_CHANNEL.length()));
        }
        return channel.equals(TICKER_CHANNEL) || channel.equals(TRADE_CHANNEL) || depthLevels(channel) > 0;
    }

    /** The levels of a depth channel ({@code depth20} or {@code depth20@500ms}); 0 when it is not one. */
    private static int depthLevels(String channel) {
        java.util.regex.Matcher matcher = DEPTH_CHANNEL.matcher(channel);
        if (!matcher.matches()) {
            return 0;
        }
        int levels = Integer.parseInt(matcher.group(1));
        return DEPTH_LEVELS.contains(levels) ? levels : 0;
    }

    // ---------------------------------------------------------------------------------- gzip

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String gunzipOrText(InputStream in) throws IOException {
        byte[] raw = in.readAllBytes();
        if (raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return new String(gz.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One WebSocket connection. Sends are serialised on the session. */
    private final class Session {
        final String listenKey;
        final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
        final Sinks.Many<byte[]> sink = Sinks.many().unicast().onBackpressureBuffer();
        volatile String apiKey;
        volatile Connection connection;
        volatile long lastPong;
        /** Kline pushes sent per channel, for the ALTERNATE payload shape. */
        final Map<String, Long> pushes = new ConcurrentHashMap<>();

        Session(String listenKey, long now) {
            this.listenKey = listenKey;
            this.lastPong = now;
        }

        synchronized void send(byte[] frame) {
            sink.tryEmitNext(frame);
        }

        void receive(WebSocketFrame frame) {
            if (!(frame instanceof TextWebSocketFrame) && !(frame instanceof BinaryWebSocketFrame)) {
                return;
            }
            try (InputStream in = new ByteBufInputStream(frame.content())) {
                onMessage(this, gunzipOrText(in));
            } catch (IOException e) {
                LOG.debug("unreadable WebSocket frame", e);
            }
        }

        void close() {
            sessions.remove(this);
            Connection current = connection;
            if (current != null) {
                current.dispose();
            }
            synchronized (this) {
                sink.tryEmitComplete();
            }
        }
    }
}
