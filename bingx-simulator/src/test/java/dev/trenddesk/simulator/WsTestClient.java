package dev.trenddesk.simulator;

import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;

/**
 * Test-only WebSocket client: gunzips every binary frame into a queue of texts; optionally answers
 * each {@code Ping} with {@code Pong}.
 */
final class WsTestClient implements AutoCloseable {

    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable connection;
    private volatile boolean closed;
    private volatile boolean binaryOnly = true;

    WsTestClient(String url, boolean answerPings) {
        connection = HttpClient.create()
                .websocket()
                .uri(url)
                .handle((in, out) -> {
                    out.sendString(outgoing.asFlux()).then().subscribe();
                    return in.receiveFrames()
                            .doOnNext(frame -> {
                                if (!(frame instanceof BinaryWebSocketFrame)) {
                                    binaryOnly = false;
                                    return;
                                }
                                String text = gunzip(new ByteBufInputStream(frame.content()));
                                if (answerPings && text.equals("Ping")) {
                                    send("Pong");
                                }
                                received.add(text);
                            })
                            .then();
                })
                .doFinally(signal -> closed = true)
                .subscribe();
    }

    void send(String text) {
        synchronized (outgoing) {
            outgoing.tryEmitNext(text);
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** True while every server frame seen so far was binary (GZIP). */
    boolean onlyBinaryFrames() {
        return binaryOnly;
    }

    /** The next received text matching {@code filter}, skipping others; fails after {@code timeout}. */
    String next(Predicate<String> filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (text == null) {
                throw new AssertionError("nothing matching arrived within " + timeout);
            }
            if (filter.test(text)) {
                return text;
            }
        }
    }

    private static String gunzip(InputStream in) {
        try (InputStream gz = new GZIPInputStream(in)) {
            return new String(gz.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("frame is not GZIP", e);
        }
    }

    @Override
    public void close() {
        connection.dispose();
    }
}
