package dev.trenddesk.bingx;

import dev.trenddesk.bingx.error.BingxException;
import java.time.Duration;

/**
 * Told of the outcome of every REST request the client sends, once per attempt (a retried read is
 * reported per attempt). The seam through which the application counts requests, latencies and
 * rate-limit refusals and judges whether the exchange is reachable, without the client knowing of
 * any metrics library. Called on the thread that completed the request: keep it quick, never block
 * and never throw.
 */
@FunctionalInterface
public interface RequestListener {

    /** What became of one request. */
    enum Outcome {
        /** The exchange answered with success. */
        OK,
        /** The exchange answered with a refusal of the request itself (key, parameters, margin, not found...). */
        REJECTED,
        /** The exchange refused because of a rate limit (HTTP 429/418, code 100410). */
        RATE_LIMITED,
        /** No usable answer: connection refused or timed out, 5xx, or an unknown outcome. */
        UNREACHABLE
    }

    /** A listener that ignores everything. */
    RequestListener NONE = (method, path, outcome, elapsed) -> {};

    /**
     * One request completed.
     *
     * @param method  HTTP method
     * @param path    the endpoint's path, without query (a fixed string per endpoint)
     * @param outcome what became of it
     * @param elapsed from sending (after the rate limiters let it go) to the answer or the failure
     */
    void completed(String method, String path, Outcome outcome, Duration elapsed);

    /** The outcome of a request that failed with {@code error}. */
    static Outcome outcomeOf(Throwable error) {
        if (error instanceof BingxException.RateLimited) {
            return Outcome.RATE_LIMITED;
        }
        if (error instanceof BingxException.Transient || error instanceof BingxException.UnknownOutcome) {
            return Outcome.UNREACHABLE;
        }
        return error instanceof BingxException ? Outcome.REJECTED : Outcome.UNREACHABLE;
    }
}
