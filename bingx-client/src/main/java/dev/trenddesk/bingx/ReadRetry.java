package dev.trenddesk.bingx;

import dev.trenddesk.bingx.error.BingxErrorMapper;
import dev.trenddesk.bingx.error.BingxException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Retry of idempotent reads: on Transient, RateLimited and UnknownOutcome failures, and once on a
 * refused timestamp (100421, after the clock was re-synced), up to {@link RetrySettings#maxAttempts()}
 * attempts. Waits follow exponential backoff with full jitter, never shorter than a retry-after the
 * exchange gave.
 */
final class ReadRetry {

    private ReadRetry() {}

    static Retry of(RetrySettings settings) {
        return Retry.from(signals -> signals.concatMap(signal -> {
            Throwable error = signal.failure();
            long retry = signal.totalRetries();
            if (retry + 1 >= settings.maxAttempts() || !retryable(error, retry)) {
                return Mono.error(error);
            }
            return Mono.delay(delay(settings, retry, error));
        }));
    }

    static boolean retryable(Throwable error, long retry) {
        return switch (error) {
            case BingxException.Transient t -> true;
            case BingxException.RateLimited r -> true;
            case BingxException.UnknownOutcome u -> true;
            case BingxException.Auth a -> a.code() == BingxErrorMapper.TIMESTAMP_OUT_OF_WINDOW && retry == 0;
            default -> false;
        };
    }

    /** A random wait in [0, min(max, min × 2^retry)], at least the exchange's retry-after. */
    static Duration delay(RetrySettings settings, long retry, Throwable error) {
        if (error instanceof BingxException.Auth) {
            return Duration.ZERO;
        }
        long cap = settings.maxBackoff().toMillis();
        long exp = settings.minBackoff().toMillis() << Math.min(retry, 30);
        long bound = Math.min(cap, exp < 0 ? cap : exp);
        long jittered = bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1);
        Duration wait = Duration.ofMillis(jittered);
        if (error instanceof BingxException.RateLimited r
                && r.retryAfter().isPresent()
                && r.retryAfter().get().compareTo(wait) > 0) {
            wait = r.retryAfter().get();
        }
        return wait;
    }
}
