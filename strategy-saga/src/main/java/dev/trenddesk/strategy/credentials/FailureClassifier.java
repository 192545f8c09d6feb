package dev.trenddesk.strategy.credentials;

import dev.trenddesk.api.credentials.VerificationFailure;
import dev.trenddesk.bingx.error.BingxException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what the BingX client threw into a reason a person understands: auth codes 100413/100412
 * (unknown or missing key), 100001 (signature: the secret does not match), 100419 (IP not
 * whitelisted), 100004 (no trading permission), 100421 (clock); transport errors, timeouts, 5xx and
 * unknown outcomes as "BingX unreachable"; rate limits; anything else "rejected" with its code.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    /** A reason and a short detail (BingX code and HTTP status; never a key or secret). */
    public record Classified(VerificationFailure reason, String detail) {
    }

    public static Classified classify(Throwable error) {
        if (error instanceof CredentialsVerifier.FundsPermissionException funds) {
            return new Classified(VerificationFailure.FUNDS_PERMISSION, funds.getMessage());
        }
        Throwable e = unwrap(error);
        if (e instanceof BingxException bingx) {
            String detail = "BingX code " + bingx.code() + (bingx.httpStatus() > 0 ? ", HTTP " + bingx.httpStatus() : "");
            VerificationFailure reason = switch (bingx) {
                case BingxException.Auth auth -> switch (auth.code()) {
                    case 100413 -> VerificationFailure.BAD_API_KEY;
                    case 100001, 100412 -> VerificationFailure.BAD_SIGNATURE;
                    case 100419 -> VerificationFailure.IP_NOT_WHITELISTED;
                    case 100004 -> VerificationFailure.NO_TRADE_PERMISSION;
                    case 100421 -> VerificationFailure.CLOCK_REJECTED;
                    default -> VerificationFailure.REJECTED;
                };
                case BingxException.Transient t -> VerificationFailure.EXCHANGE_UNREACHABLE;
                case BingxException.UnknownOutcome u -> VerificationFailure.EXCHANGE_UNREACHABLE;
                case BingxException.RateLimited r -> VerificationFailure.RATE_LIMITED;
                default -> VerificationFailure.REJECTED;
            };
            return new Classified(reason, detail);
        }
        if (e instanceof TimeoutException) {
            return new Classified(VerificationFailure.EXCHANGE_UNREACHABLE, "no answer in time");
        }
        return new Classified(VerificationFailure.EXCHANGE_UNREACHABLE, "transport error: " + e.getClass().getSimpleName());
    }

    /** BingX refused a write for lack of trading permission (100004). */
    static boolean isNoTradePermission(Throwable error) {
        return unwrap(error) instanceof BingxException.Auth auth && auth.code() == 100004;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while (!(e instanceof BingxException) && e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e instanceof BingxException ? e : error;
    }
}
