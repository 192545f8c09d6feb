package dev.trenddesk.strategy.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.credentials.VerificationFailure;
import dev.trenddesk.bingx.error.BingxException;
import dev.trenddesk.strategy.exchange.ExchangeException;
import dev.trenddesk.strategy.exchange.bingx.BingxErrors;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    /** BingX's error as its adapter hands it on. */
    private static ExchangeException bingx(BingxException e) {
        return BingxErrors.toNeutral(e);
    }

    private static VerificationFailure reason(Throwable e) {
        return FailureClassifier.classify(e).reason();
    }

    @Test
    void aKeyThatCanMoveFundsIsRefusedWithItsRightsNamed() {
        FailureClassifier.Classified classified = FailureClassifier.classify(
                new CredentialsVerifier.FundsPermissionException("the key has withdraw (5) permission"));
        assertThat(classified.reason()).isEqualTo(VerificationFailure.FUNDS_PERMISSION);
        assertThat(classified.detail()).isEqualTo("the key has withdraw (5) permission");
        assertThat(VerificationFailure.FUNDS_PERMISSION.message())
                .contains("withdraw")
                .contains("transfer");
        assertThat(FailureClassifier.isNoTradePermission(bingx(new BingxException.Auth(100004, "no", 200))))
                .isTrue();
        assertThat(FailureClassifier.isNoTradePermission(bingx(new BingxException.Auth(100413, "no", 200))))
                .isFalse();
    }

    @Test
    void mapsBingxAuthCodesToReasonsPeopleUnderstand() {
        assertThat(reason(bingx(new BingxException.Auth(100413, "Incorrect apiKey", 200))))
                .isEqualTo(VerificationFailure.BAD_API_KEY);
        assertThat(reason(bingx(new BingxException.Auth(100001, "Signature verification failed", 200))))
                .isEqualTo(VerificationFailure.BAD_SIGNATURE);
        assertThat(reason(bingx(new BingxException.Auth(100412, "Null signature", 200))))
                .isEqualTo(VerificationFailure.BAD_SIGNATURE);
        assertThat(reason(bingx(new BingxException.Auth(100419, "IP not whitelisted", 200))))
                .isEqualTo(VerificationFailure.IP_NOT_WHITELISTED);
        assertThat(reason(bingx(new BingxException.Auth(100004, "Permission denied", 200))))
                .isEqualTo(VerificationFailure.NO_TRADE_PERMISSION);
        assertThat(reason(bingx(new BingxException.Auth(100421, "timestamp", 200))))
                .isEqualTo(VerificationFailure.CLOCK_REJECTED);
    }

    @Test
    void treatsTransportFailuresAndServerErrorsAsUnreachable() {
        assertThat(reason(bingx(new BingxException.Transient(0, "Service Unavailable", 503, null))))
                .isEqualTo(VerificationFailure.EXCHANGE_UNREACHABLE);
        assertThat(reason(bingx(new BingxException.UnknownOutcome(0, "", 504, null))))
                .isEqualTo(VerificationFailure.EXCHANGE_UNREACHABLE);
        assertThat(reason(new TimeoutException("no answer"))).isEqualTo(VerificationFailure.EXCHANGE_UNREACHABLE);
        assertThat(reason(new RuntimeException(new ConnectException("refused"))))
                .isEqualTo(VerificationFailure.EXCHANGE_UNREACHABLE);
        assertThat(reason(bingx(new BingxException.RateLimited(100410, "blocked", 200, Duration.ofSeconds(5)))))
                .isEqualTo(VerificationFailure.RATE_LIMITED);
    }

    @Test
    void findsTheBingxErrorBehindAWrapper() {
        assertThat(reason(new IllegalStateException(bingx(new BingxException.Auth(100413, "", 200)))))
                .isEqualTo(VerificationFailure.BAD_API_KEY);
    }

    @Test
    void detailNamesTheCodeAndStatusNeverAMessageFromOutside() {
        FailureClassifier.Classified classified = FailureClassifier.classify(
                bingx(new BingxException.Rejected(80020, "risk forbidden for key abcdef", 200)));
        assertThat(classified.reason()).isEqualTo(VerificationFailure.REJECTED);
        assertThat(classified.detail()).isEqualTo("BingX code 80020, HTTP 200");
    }

    @Test
    void classifiesByTheNeutralKindWhateverTheExchange() {
        FailureClassifier.Classified classified = FailureClassifier.classify(new ExchangeException(
                "OtherX", ExchangeException.Kind.AUTH_UNKNOWN_KEY, 40101, "api key invalid", 401, null, null));
        assertThat(classified.reason()).isEqualTo(VerificationFailure.BAD_API_KEY);
        assertThat(classified.detail()).isEqualTo("OtherX code 40101, HTTP 401");
        assertThat(reason(new ExchangeException(
                        "OtherX", ExchangeException.Kind.RATE_LIMITED, 0, "slow down", 429, null, null)))
                .isEqualTo(VerificationFailure.RATE_LIMITED);
        assertThat(FailureClassifier.isNoTradePermission(new ExchangeException(
                        "OtherX", ExchangeException.Kind.AUTH_NO_TRADE_PERMISSION, 7, "no trading", null)))
                .isTrue();
    }
}
