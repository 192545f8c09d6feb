package dev.trenddesk.bingx;

import dev.trenddesk.bingx.error.BingxException;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Sending a request again after BingX refused it with a rate limit (HTTP 429/418, 100410). The client
 * itself retries reads only; a rate-limit refusal means BingX did not act on the request, so a caller
 * whose write is idempotent (a setting, a verification step) may send it again with this. Waits are
 * the exchange's retry-after, or {@code backoff} × the attempt.
 */
public final class RateLimitRetry {

    private RateLimitRetry() {}

    /** Up to {@code retries} more sends, only after rate-limit refusals. */
    public static Retry of(int retries, Duration backoff) {
        return Retry.from(signals -> signals.concatMap(signal -> {
            if (!(signal.failure() instanceof BingxException.RateLimited limited) || signal.totalRetries() >= retries) {
                return Mono.error(signal.failure());
            }
            return Mono.delay(limited.retryAfter().orElse(backoff.multipliedBy(signal.totalRetries() + 1)));
        }));
    }
}
