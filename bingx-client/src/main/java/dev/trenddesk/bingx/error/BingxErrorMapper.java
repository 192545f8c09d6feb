package dev.trenddesk.bingx.error;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps BingX answers (envelope code, HTTP status) and transport failures onto {@link BingxException}.
 * The code table is listed in docs/bingx-client.md; unknown codes become {@link BingxException.Rejected}.
 */
public final class BingxErrorMapper {

    private enum Kind {
        AUTH,
        RATE,
        MARGIN,
        INVALID,
        NOT_FOUND,
        UNKNOWN_OUTCOME,
        TRANSIENT,
        DUPLICATE
    }

    private static final Map<Integer, Kind> CODES = Map.ofEntries(
            Map.entry(100001, Kind.AUTH),
            Map.entry(100412, Kind.AUTH),
            Map.entry(100413, Kind.AUTH),
            Map.entry(100419, Kind.AUTH),
            Map.entry(100421, Kind.AUTH),
            Map.entry(100004, Kind.AUTH),
            Map.entry(100410, Kind.RATE),
            Map.entry(101204, Kind.MARGIN),
            Map.entry(101253, Kind.MARGIN),
            Map.entry(101400, Kind.MARGIN),
            Map.entry(101209, Kind.MARGIN),
            Map.entry(101414, Kind.MARGIN),
            Map.entry(80014, Kind.INVALID),
            Map.entry(109400, Kind.INVALID),
            Map.entry(109401, Kind.INVALID),
            Map.entry(80013, Kind.INVALID),
            Map.entry(80020, Kind.INVALID),
            Map.entry(101415, Kind.INVALID),
            Map.entry(101514, Kind.INVALID),
            Map.entry(80016, Kind.NOT_FOUND),
            Map.entry(80017, Kind.NOT_FOUND),
            Map.entry(109421, Kind.NOT_FOUND),
            Map.entry(109422, Kind.NOT_FOUND),
            Map.entry(80019, Kind.UNKNOWN_OUTCOME),
            Map.entry(101500, Kind.UNKNOWN_OUTCOME),
            Map.entry(80012, Kind.TRANSIENT),
            Map.entry(80001, Kind.TRANSIENT),
            Map.entry(100500, Kind.TRANSIENT),
            Map.entry(109201, Kind.DUPLICATE));

    /** The code BingX uses when a request's timestamp is outside recvWindow: the clock must be re-synced. */
    public static final int TIMESTAMP_OUT_OF_WINDOW = 100421;

    private static final Set<Integer> RATE_STATUSES = Set.of(429, 418);
    private static final Pattern EPOCH_MILLIS = Pattern.compile("(?<!\\d)(1\\d{12})(?!\\d)");

    private BingxErrorMapper() {}

    /**
     * Maps one answer. Returns null when the answer is a success (2xx and code 0).
     *
     * @param httpStatus HTTP status of the answer
     * @param code       envelope code, or null when the body had no envelope code
     * @param msg        envelope message (may be null)
     * @param retryAfterHeader value of the Retry-After header, or null
     * @param now        current time, to turn an unblock instant into a wait
     */
    public static BingxException map(int httpStatus, Integer code, String msg, String retryAfterHeader, Instant now) {
        if (httpStatus == 504) {
            return new BingxException.UnknownOutcome(
                    code == null ? 0 : code, orStatus(msg, httpStatus), httpStatus, null);
        }
        if (RATE_STATUSES.contains(httpStatus)) {
            return new BingxException.RateLimited(
                    code == null ? 0 : code,
                    orStatus(msg, httpStatus),
                    httpStatus,
                    retryAfter(retryAfterHeader, msg, now));
        }
        if (code != null && code != 0) {
            return fromCode(code, msg, httpStatus, retryAfterHeader, now);
        }
        if (httpStatus >= 200 && httpStatus < 300) {
            return null;
        }
        return fromStatus(httpStatus, 0, msg);
    }

    private static BingxException fromCode(int code, String msg, int httpStatus, String retryAfterHeader, Instant now) {
        Kind kind = CODES.get(code);
        if (kind == null) {
            return httpStatus >= 300
                    ? fromStatus(httpStatus, code, msg)
                    : new BingxException.Rejected(code, msg, httpStatus);
        }
        return switch (kind) {
            case AUTH -> new BingxException.Auth(code, msg, httpStatus);
            case RATE -> new BingxException.RateLimited(code, msg, httpStatus, retryAfter(retryAfterHeader, msg, now));
            case MARGIN -> new BingxException.InsufficientMargin(code, msg, httpStatus);
            case INVALID -> new BingxException.InvalidRequest(code, msg, httpStatus);
            case NOT_FOUND -> new BingxException.NotFound(code, msg, httpStatus);
            case UNKNOWN_OUTCOME -> new BingxException.UnknownOutcome(code, msg, httpStatus, null);
            case TRANSIENT -> new BingxException.Transient(code, msg, httpStatus, null);
            case DUPLICATE -> new BingxException.Duplicate(code, msg, httpStatus);
        };
    }

    /** Maps by HTTP status alone (the code, if any, is not in the table). */
    private static BingxException fromStatus(int status, int code, String msg) {
        String text = orStatus(msg, status);
        if (status == 401 || status == 403) {
            return new BingxException.Auth(code, text, status);
        }
        if (status == 404) {
            return new BingxException.NotFound(code, text, status);
        }
        if (status >= 500 || status == 408) {
            return new BingxException.Transient(code, text, status, null);
        }
        if (status >= 400) {
            return new BingxException.InvalidRequest(code, text, status);
        }
        return new BingxException.Rejected(code, text, status);
    }

    /**
     * Maps a failure where no complete answer was read. Once the request has been written, any such
     * failure (read timeout, connection closed before the answer) leaves the outcome unknown.
     *
     * @param error          the transport error
     * @param requestWritten whether the request had been fully sent when it happened
     */
    public static BingxException fromTransport(Throwable error, boolean requestWritten) {
        if (error instanceof BingxException bingx) {
            return bingx;
        }
        String text = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        boolean neverSent = error instanceof ConnectException
                || error instanceof ConnectTimeoutException
                || error instanceof UnknownHostException
                || error.getCause() instanceof ConnectException;
        if (neverSent || !requestWritten) {
            return new BingxException.Transient(0, text, 0, error);
        }
        return new BingxException.UnknownOutcome(0, text, 0, error);
    }

    private static String orStatus(String msg, int status) {
        return msg == null || msg.isBlank() ? "HTTP " + status : msg;
    }

    /** Reads the wait from a Retry-After header (seconds) or an unblock epoch-millis instant in the message. */
    static Duration retryAfter(String header, String msg, Instant now) {
        if (header != null && !header.isBlank()) {
            try {
                return Duration.ofSeconds(Long.parseLong(header.trim()));
            } catch (NumberFormatException ignored) {
                // not a number of seconds (an HTTP date): fall through to the message
            }
        }
        if (msg != null) {
            Matcher m = EPOCH_MILLIS.matcher(msg);
            if (m.find()) {
                long wait = Long.parseLong(m.group(1)) - now.toEpochMilli();
                return Duration.ofMillis(Math.max(0, wait));
            }
        }
        return null;
    }
}
