package dev.trenddesk.bingx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The exchange's clock as seen from here: the local clock plus an offset measured against
 * {@code GET /openApi/swap/v2/server/time}. Measured on first use, again once {@code syncInterval}
 * has passed, and right after the exchange refused a timestamp (100421, see {@link #invalidate()}).
 * Concurrent callers share one measurement.
 */
final class ServerClock {

    private static final Logger log = LoggerFactory.getLogger(ServerClock.class);

    private record Sync(long offsetMillis, long atLocalMillis) {}

    private final Supplier<Mono<Instant>> serverTime;
    private final Clock local;
    private final long syncIntervalMillis;
    private final AtomicReference<Sync> current = new AtomicReference<>();
    private final AtomicReference<Mono<Sync>> inFlight = new AtomicReference<>();

    ServerClock(Supplier<Mono<Instant>> serverTime, Clock local, Duration syncInterval) {
        this.serverTime = serverTime;
        this.local = local;
        this.syncIntervalMillis = syncInterval.toMillis();
    }

    /** The current time on the exchange's clock, in epoch ms, measuring the offset first when due. */
    Mono<Long> nowMillis() {
        return Mono.defer(() -> {
            Sync sync = current.get();
            long now = local.millis();
            if (sync != null && now - sync.atLocalMillis() < syncIntervalMillis) {
                return Mono.just(now + sync.offsetMillis());
            }
            return measure().map(s -> local.millis() + s.offsetMillis());
        });
    }

    /** Forgets the offset: the next request measures it again. */
    void invalidate() {
        current.set(null);
    }

    /** The last measured offset (server minus local) in ms, 0 before the first measurement. */
    long offsetMillis() {
        Sync sync = current.get();
        return sync == null ? 0 : sync.offsetMillis();
    }

    private Mono<Sync> measure() {
        Mono<Sync> running = inFlight.get();
        if (running != null) {
            return running;
        }
        Mono<Sync> fresh = Mono.defer(() -> {
                    long before = local.millis();
                    return serverTime.get().map(server -> {
                        long after = local.millis();
                        Sync sync = new Sync(server.toEpochMilli() - (before + after) / 2, after);
                        current.set(sync);
                        log.debug("BingX clock offset {} ms (round trip {} ms)", sync.offsetMillis(), after - before);
                        return sync;
                    });
                })
                .doFinally(signal -> inFlight.set(null))
                .cache();
        if (inFlight.compareAndSet(null, fresh)) {
            return fresh;
        }
        Mono<Sync> other = inFlight.get();
        return other != null ? other : fresh;
    }
}
