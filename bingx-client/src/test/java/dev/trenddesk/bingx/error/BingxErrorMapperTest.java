package dev.trenddesk.bingx.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BingxErrorMapperTest {

    private static final Instant NOW = Instant.ofEpochMilli(1_700_000_000_000L);

    @ParameterizedTest(name = "code {0} -> {1}")
    @CsvSource({
        "100001, Auth",
        "100412, Auth",
        "100413, Auth",
        "100419, Auth",
        "100421, Auth",
        "100004, Auth",
        "100410, RateLimited",
        "101204, InsufficientMargin",
        "101253, InsufficientMargin",
        "101400, InsufficientMargin",
        "101209, InsufficientMargin",
        "101414, InsufficientMargin",
        "80014, InvalidRequest",
        "109400, InvalidRequest",
        "109401, InvalidRequest",
        "80013, InvalidRequest",
        "80020, InvalidRequest",
        "101415, InvalidRequest",
        "101514, InvalidRequest",
        "80016, NotFound",
        "80017, NotFound",
        "109421, NotFound",
        "109422, NotFound",
        "80019, UnknownOutcome",
        "101500, UnknownOutcome",
        "80012, Transient",
        "80001, Transient",
        "100500, Transient",
        "109201, Duplicate",
        "99999, Rejected"
    })
    void mapsEnvelopeCodesWithHttp200(int code, String expected) {
        BingxException e = BingxErrorMapper.map(200, code, "message " + code, null, NOW);

        assertThat(e.getClass().getSimpleName()).isEqualTo(expected);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.bingxMessage()).isEqualTo("message " + code);
        assertThat(e.httpStatus()).isEqualTo(200);
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
        "504, UnknownOutcome",
        "429, RateLimited",
        "418, RateLimited",
        "500, Transient",
        "502, Transient",
        "503, Transient",
        "408, Transient",
        "401, Auth",
        "403, Auth",
        "404, NotFound",
        "400, InvalidRequest",
        "405, InvalidRequest"
    })
    void mapsHttpStatusesWithoutEnvelope(int status, String expected) {
        BingxException e = BingxErrorMapper.map(status, null, null, null, NOW);

        assertThat(e.getClass().getSimpleName()).isEqualTo(expected);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.code()).isZero();
    }

    @Test
    void successIsNoError() {
        assertThat(BingxErrorMapper.map(200, 0, "", null, NOW)).isNull();
        assertThat(BingxErrorMapper.map(200, null, null, null, NOW)).isNull();
    }

    @Test
    void gateway504IsUnknownOutcomeEvenWithAnEnvelopeCode() {
        assertThat(BingxErrorMapper.map(504, 100500, "busy", null, NOW))
                .isInstanceOf(BingxException.UnknownOutcome.class);
    }

    @Test
    void unknownCodeWithAnErrorStatusIsMappedByTheStatusAndKeepsTheCode() {
        BingxException e = BingxErrorMapper.map(503, 12345, "maintenance", null, NOW);

        assertThat(e).isInstanceOf(BingxException.Transient.class);
        assertThat(e.code()).isEqualTo(12345);
        assertThat(BingxErrorMapper.map(404, 404, "no such endpoint", null, NOW))
                .isInstanceOf(BingxException.NotFound.class);
    }

    @Test
    void rateLimitCarriesRetryAfterHeaderSeconds() {
        BingxException e = BingxErrorMapper.map(429, null, null, "3", NOW);

        assertThat(((BingxException.RateLimited) e).retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void rateBlock100410CarriesTheUnblockTimeFromItsMessage() {
        String msg = "too many requests, unblocked at " + (NOW.toEpochMilli() + 2_000);

        BingxException e = BingxErrorMapper.map(200, 100410, msg, null, NOW);

        assertThat(((BingxException.RateLimited) e).retryAfter()).contains(Duration.ofMillis(2_000));
    }

    @Test
    void rateLimitWithoutAHintHasNoRetryAfter() {
        BingxException e = BingxErrorMapper.map(200, 100410, "slow down", null, NOW);

        assertThat(((BingxException.RateLimited) e).retryAfter()).isEmpty();
    }

    @Test
    void readTimeoutAfterTheRequestWasWrittenIsUnknownOutcome() {
        assertThat(BingxErrorMapper.fromTransport(ReadTimeoutException.INSTANCE, true))
                .isInstanceOf(BingxException.UnknownOutcome.class);
    }

    @Test
    void failureBeforeTheRequestWasWrittenIsTransient() {
        assertThat(BingxErrorMapper.fromTransport(new ConnectException("refused"), false))
                .isInstanceOf(BingxException.Transient.class);
        assertThat(BingxErrorMapper.fromTransport(new ConnectTimeoutException("slow"), true))
                .isInstanceOf(BingxException.Transient.class);
        assertThat(BingxErrorMapper.fromTransport(new IllegalStateException("pool closed"), false))
                .isInstanceOf(BingxException.Transient.class);
    }
}
