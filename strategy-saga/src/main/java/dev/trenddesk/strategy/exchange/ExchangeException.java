package dev.trenddesk.strategy.exchange;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What an exchange refused or failed to do, classified by {@link Kind} so the trading path reacts the same to
 * every exchange. The adapter of an exchange turns its client's errors into this; the exchange's own code and
 * message are kept for people (alerts, events), never branched on outside the adapter.
 */
public final class ExchangeException extends RuntimeException {

    /** What kind of refusal or failure it was. */
    public enum Kind {
        /** The key is unknown to the exchange. */
        AUTH_UNKNOWN_KEY,
        /** The signature does not match: the secret is wrong or missing. */
        AUTH_BAD_SIGNATURE,
        /** The caller's IP is not on the key's whitelist. */
        AUTH_IP_NOT_WHITELISTED,
        /** The key has no trading permission. */
        AUTH_NO_TRADE_PERMISSION,
        /** The request's timestamp was refused (clock skew). */
        AUTH_CLOCK_REJECTED,
        /** Another refusal of the key. */
        AUTH_OTHER,
        /** Too many requests: the exchange did not act on it; may be sent again after {@link #retryAfter()}. */
        RATE_LIMITED,
        /** A transient failure (5xx, network): the request may be sent again. */
        TRANSIENT,
        /** The request may or may not have been acted on (gateway timeout, "processing"). */
        UNKNOWN_OUTCOME,
        /** The client order id is already taken by another order. */
        DUPLICATE,
        /** What the request refers to (an order) does not exist. */
        NOT_FOUND,
        /** The symbol is not a contract of the exchange. */
        UNKNOWN_SYMBOL,
        /** Not enough margin for the order. */
        INSUFFICIENT_MARGIN,
        /** A reducing order found no position to close. */
        NO_POSITION,
        /** The position mode cannot be switched while positions or orders are open. */
        POSITION_MODE_LOCKED,
        /** The request's parameters were refused. */
        INVALID_REQUEST,
        /** Anything else the exchange refused. */
        OTHER;

        /** A refusal of the key (bad key, signature, IP, permission, clock). */
        public boolean isAuth() {
            return name().startsWith("AUTH_");
        }

        /** The exchange refused the request as such (it makes no sense to send it again unchanged). */
        public boolean isRefusal() {
            return this == INVALID_REQUEST
                    || this == UNKNOWN_SYMBOL
                    || this == POSITION_MODE_LOCKED
                    || this == NO_POSITION;
        }
    }

    private final String exchange;
    private final Kind kind;
    private final int code;
    private final String exchangeMessage;
    private final int httpStatus;
    private final Duration retryAfter;

    /**
     * @param exchange the exchange's name for people, e.g. "BingX"
     */
    public ExchangeException(
            String exchange,
            Kind kind,
            int code,
            String exchangeMessage,
            int httpStatus,
            Duration retryAfter,
            Throwable cause) {
        super(
                exchange + " code " + code + (httpStatus > 0 ? ", HTTP " + httpStatus : "") + ": "
                        + (exchangeMessage == null ? "" : exchangeMessage),
                cause);
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = code;
        this.exchangeMessage = exchangeMessage == null ? "" : exchangeMessage;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public ExchangeException(String exchange, Kind kind, int code, String message, Throwable cause) {
        this(exchange, kind, code, message, 0, null, cause);
    }

    /** The exchange's name for people, e.g. "BingX". */
    public String exchange() {
        return exchange;
    }

    public Kind kind() {
        return kind;
    }

    /** The exchange's own code (0 when it gave none): for people and events, not for decisions. */
    public int code() {
        return code;
    }

    /** The exchange's own message, empty when none. */
    public String exchangeMessage() {
        return exchangeMessage;
    }

    /** The HTTP status of the answer, 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long the exchange asked to wait (rate limits), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** {@code error} or the first of its causes that is an {@link ExchangeException}; empty when none is. */
    public static Optional<ExchangeException> in(Throwable error) {
        Throwable e = error;
        while (e != null) {
            if (e instanceof ExchangeException exchange) {
                return Optional.of(exchange);
            }
            e = e.getCause() == e ? null : e.getCause();
        }
        return Optional.empty();
    }
}
