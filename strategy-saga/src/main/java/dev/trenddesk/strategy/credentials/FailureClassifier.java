package dev.trenddesk.strategy.credentials;

import dev.trenddesk.api.credentials.VerificationFailure;
import dev.trenddesk.strategy.exchange.ExchangeException;
import dev.trenddesk.strategy.exchange.Exchanges;
import java.util.concurrent.TimeoutException;

/**
 * Turns what the exchange's adapter threw ({@link ExchangeException}) into a reason a person understands:
 * an unknown key, a bad signature (the secret does not match), an IP not whitelisted, no trading permission,
 * a refused clock; transport errors, timeouts, 5xx and unknown outcomes as "exchange unreachable"; rate
 * limits; anything else "rejected" with the exchange's code.
 */
public final class FailureClassifier {

    private FailureClassifier() {}

    /** A reason and a short detail (the exchange's code and HTTP status; never a key or secret). */
    public record Classified(VerificationFailure reason, String detail) {}

    public static Classified classify(Throwable error) {
        if (error instanceof CredentialsVerifier.FundsPermissionException funds) {
            return new Classified(VerificationFailure.FUNDS_PERMISSION, funds.getMessage());
        }
        Throwable e = unwrap(error);
        if (e instanceof ExchangeException refused) {
            String detail = refused.exchange() + " code " + refused.code()
                    + (refused.httpStatus() > 0 ? ", HTTP " + refused.httpStatus() : "");
            VerificationFailure reason =
                    switch (refused.kind()) {
                        case AUTH_UNKNOWN_KEY -> VerificationFailure.BAD_API_KEY;
                        case AUTH_BAD_SIGNATURE -> VerificationFailure.BAD_SIGNATURE;
                        case AUTH_IP_NOT_WHITELISTED -> VerificationFailure.IP_NOT_WHITELISTED;
                        case AUTH_NO_TRADE_PERMISSION -> VerificationFailure.NO_TRADE_PERMISSION;
                        case AUTH_CLOCK_REJECTED -> VerificationFailure.CLOCK_REJECTED;
                        case TRANSIENT, UNKNOWN_OUTCOME -> VerificationFailure.EXCHANGE_UNREACHABLE;
                        case RATE_LIMITED -> VerificationFailure.RATE_LIMITED;
                        default -> VerificationFailure.REJECTED;
                    };
            return new Classified(reason, detail);
        }
        if (e instanceof Exchanges.UnknownExchangeException unknown) {
            // nothing is wrong with the key: this process cannot reach the exchange it belongs to
            return new Classified(VerificationFailure.EXCHANGE_UNREACHABLE, unknown.getMessage());
        }
        if (e instanceof TimeoutException) {
            return new Classified(VerificationFailure.EXCHANGE_UNREACHABLE, "no answer in time");
        }
        return new Classified(
                VerificationFailure.EXCHANGE_UNREACHABLE,
                "transport error: " + e.getClass().getSimpleName());
    }

    /** The exchange refused a write for lack of trading permission. */
    static boolean isNoTradePermission(Throwable error) {
        return unwrap(error) instanceof ExchangeException refused
                && refused.kind() == ExchangeException.Kind.AUTH_NO_TRADE_PERMISSION;
    }

    private static Throwable unwrap(Throwable error) {
        return ExchangeException.in(error).map(Throwable.class::cast).orElse(error);
    }
}
