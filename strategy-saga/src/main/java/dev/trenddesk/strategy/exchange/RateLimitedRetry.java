package dev.trenddesk.strategy.exchange;

import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Sending a request again after the exchange refused it with a rate limit ({@link ExchangeException.Kind#RATE_LIMITED}):
 * the exchange did not act on it, so a caller whose request is idempotent (a read, a setting) may send it again.
 * Waits are the exchange's retry-after, or {@code backoff} × the attempt.
 */
public final class RateLimitedRetry {

    private RateLimitedRetry() {}

    /** Up to {@code retries} more sends, only after rate-limit refusals. */
    public static Retry of(int retries, Duration backoff) {
        return Retry.from(signals -> signals.concatMap(signal -> {
            ExchangeException limited =
                    signal.failure() instanceof ExchangeException e && e.kind() == ExchangeException.Kind.RATE_LIMITED
                            ? e
                            : null;
            if (limited == null || signal.totalRetries() >= retries) {
                return Mono.error(signal.failure());
            }
            return Mono.delay(limited.retryAfter().orElse(backoff.multipliedBy(signal.totalRetries() + 1)));
        }));
    }
}
