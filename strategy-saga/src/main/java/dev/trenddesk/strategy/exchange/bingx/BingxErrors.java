package dev.trenddesk.strategy.exchange.bingx;

import dev.trenddesk.bingx.error.BingxException;
import dev.trenddesk.strategy.exchange.ExchangeException;
import dev.trenddesk.strategy.exchange.ExchangeException.Kind;
import java.util.Locale;
import java.util.Set;

/**
 * BingX's errors in the platform's words (see docs/bingx-client.md for the codes): the auth codes 100413
 * (unknown key), 100001/100412 (signature), 100419 (IP), 100004 (trading permission), 100421 (clock);
 * 101205 or 80014 "No position to close" (nothing to close); 109400 (symbol); 109401 (position mode
 * locked); margin, parameter, not-found, duplicate, unknown-outcome, transient and rate-limit classes as
 * the client maps them.
 */
public final class BingxErrors {

    /** Codes of BingX that refuse an order for lack of margin (kept in the rejection events). */
    static final Set<Integer> MARGIN = Set.of(101204, 101253, 101400, 101209, 101414);

    private BingxErrors() {}

    /** The neutral exception for anything BingX's client threw (anything else: itself). */
    public static Throwable translate(Throwable error) {
        return error instanceof BingxException bingx ? toNeutral(bingx) : error;
    }

    public static ExchangeException toNeutral(BingxException e) {
        return new ExchangeException(
                "BingX",
                kind(e),
                e.code(),
                e.bingxMessage(),
                e.httpStatus(),
                e instanceof BingxException.RateLimited limited
                        ? limited.retryAfter().orElse(null)
                        : null,
                e);
    }

    static Kind kind(BingxException e) {
        String text = e.bingxMessage() == null ? "" : e.bingxMessage().toLowerCase(Locale.ROOT);
        if (e.code() == 101205 || text.contains("no position to close")) {
            return Kind.NO_POSITION;
        }
        return switch (e) {
            case BingxException.Auth auth ->
                switch (auth.code()) {
                    case 100413 -> Kind.AUTH_UNKNOWN_KEY;
                    case 100001, 100412 -> Kind.AUTH_BAD_SIGNATURE;
                    case 100419 -> Kind.AUTH_IP_NOT_WHITELISTED;
                    case 100004 -> Kind.AUTH_NO_TRADE_PERMISSION;
                    case 100421 -> Kind.AUTH_CLOCK_REJECTED;
                    default -> Kind.AUTH_OTHER;
                };
            case BingxException.RateLimited r -> Kind.RATE_LIMITED;
            case BingxException.Transient t -> Kind.TRANSIENT;
            case BingxException.UnknownOutcome u -> Kind.UNKNOWN_OUTCOME;
            case BingxException.Duplicate d -> Kind.DUPLICATE;
            case BingxException.NotFound n -> Kind.NOT_FOUND;
            case BingxException.InsufficientMargin m -> Kind.INSUFFICIENT_MARGIN;
            case BingxException.InvalidRequest i ->
                switch (i.code()) {
                    case 109400 -> Kind.UNKNOWN_SYMBOL;
                    case 109401 -> Kind.POSITION_MODE_LOCKED;
                    default -> Kind.INVALID_REQUEST;
                };
            default -> Kind.OTHER;
        };
    }
}
