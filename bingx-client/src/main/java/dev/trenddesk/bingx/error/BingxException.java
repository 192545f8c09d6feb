package dev.trenddesk.bingx.error;

import java.time.Duration;
import java.util.Optional;

/**
 * Every failure reported by the BingX client. Each subtype says what the caller can do about it;
 * each carries BingX's code (0 when the failure has no BingX code, e.g. a bare HTTP status or a
 * network error), BingX's message and the HTTP status (0 when no response arrived).
 *
 * <p>{@link UnknownOutcome} is deliberately not a failure of the request: the exchange may have
 * executed it. Resolve it by querying (for an order: by its clientOrderId) before sending again.
 */
public abstract sealed class BingxException extends RuntimeException {

    private final int code;
    private final String bingxMessage;
    private final int httpStatus;

    private BingxException(int code, String bingxMessage, int httpStatus, Throwable cause) {
        super(describe(code, bingxMessage, httpStatus), cause);
        this.code = code;
        this.bingxMessage = bingxMessage == null ? "" : bingxMessage;
        this.httpStatus = httpStatus;
    }

    private static String describe(int code, String msg, int httpStatus) {
        return "BingX code " + code + (httpStatus > 0 ? ", HTTP " + httpStatus : "") + ": " + (msg == null ? "" : msg);
    }

    /** BingX's error code, or 0 when the failure carries none. */
    public int code() {
        return code;
    }

    /** BingX's own message (may be empty). */
    public String bingxMessage() {
        return bingxMessage;
    }

    /** HTTP status of the answer, or 0 when no answer arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Bad signature, bad or unknown API key, IP not whitelisted, stale timestamp, missing permission. */
    public static final class Auth extends BingxException {
        public Auth(int code, String msg, int httpStatus) {
            super(code, msg, httpStatus, null);
        }
    }

    /** Too many requests (HTTP 429/418 or code 100410); wait {@link #retryAfter()} before trying again. */
    public static final class RateLimited extends BingxException {
        private final Duration retryAfter;

        public RateLimited(int code, String msg, int httpStatus, Duration retryAfter) {
            super(code, msg, httpStatus, null);
            this.retryAfter = retryAfter;
        }

        /** How long to wait before the next request, when the exchange said so. */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** Not enough margin, position too large for the leverage, or leverage above the maximum. */
    public static final class InsufficientMargin extends BingxException {
        public InsufficientMargin(int code, String msg, int httpStatus) {
            super(code, msg, httpStatus, null);
        }
    }

    /** The request itself is wrong or not allowed now (bad parameter, symbol, mode conflict, trading suspended). */
    public static final class InvalidRequest extends BingxException {
        public InvalidRequest(int code, String msg, int httpStatus) {
            super(code, msg, httpStatus, null);
        }
    }

    /** The order (or other object) asked for does not exist. */
    public static final class NotFound extends BingxException {
        public NotFound(int code, String msg, int httpStatus) {
            super(code, msg, httpStatus, null);
        }
    }

    /** The exchange may or may not have executed the request (504, 80019, 101500, timeout after sending). */
    public static final class UnknownOutcome extends BingxException {
        public UnknownOutcome(int code, String msg, int httpStatus, Throwable cause) {
            super(code, msg, httpStatus, cause);
        }
    }

    /** A temporary failure that did not execute the request (5xx, 80012, 80001, 100500, connection refused). */
    public static final class Transient extends BingxException {
        public Transient(int code, String msg, int httpStatus, Throwable cause) {
            super(code, msg, httpStatus, cause);
        }
    }

    /** The same order was sent twice within a second (109201): the first one stands. */
    public static final class Duplicate extends BingxException {
        public Duplicate(int code, String msg, int httpStatus) {
            super(code, msg, httpStatus, null);
        }
    }

    /** A refusal whose code is not in the known table, or an answer that could not be understood. */
    public static final class Rejected extends BingxException {
        public Rejected(int code, String msg, int httpStatus) {
            super(code, msg, httpStatus, null);
        }
    }
}
