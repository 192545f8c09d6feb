package dev.trenddesk.gateway.web;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An answer that shows the caller's own change: the read model is read again every 100 ms until it shows the
 * change a command made, for at most 10 s, else 503 (the change was accepted; the projection is behind).
 */
public final class ReadYourWrites {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EVERY = Duration.ofMillis(100);

    private ReadYourWrites() {}

    /** The first reading of {@code read} that {@code done} accepts. */
    public static <V> Mono<V> until(Supplier<Mono<V>> read, Predicate<V> done) {
        return Flux.interval(Duration.ZERO, EVERY)
                .onBackpressureDrop()
                .concatMap(tick -> read.get(), 1)
                .filter(done)
                .next()
                .timeout(
                        TIMEOUT,
                        Mono.error(() -> new ResponseStatusException(
                                HttpStatus.SERVICE_UNAVAILABLE, "the change was accepted but is not visible yet")));
    }
}
