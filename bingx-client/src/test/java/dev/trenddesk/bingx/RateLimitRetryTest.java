package dev.trenddesk.bingx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.bingx.error.BingxException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class RateLimitRetryTest {

    /** A call that fails with the given errors, one per subscription, then answers "done". */
    private static Mono<String> failing(AtomicInteger sends, BingxException... errors) {
        return Mono.defer(() -> {
            int send = sends.getAndIncrement();
            return send < errors.length ? Mono.error(errors[send]) : Mono.just("done");
        });
    }

    private static BingxException.RateLimited limited(Duration retryAfter) {
        return new BingxException.RateLimited(429, "Too Many Requests", 429, retryAfter);
    }

    @Test
    void sendsAgainAfterRateLimitRefusalsWaitingAsBingxAsked() {
        AtomicInteger sends = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> failing(sends, limited(Duration.ofSeconds(3)), limited(null))
                        .retryWhen(RateLimitRetry.of(3, Duration.ofMillis(500))))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(2_999))
                .thenAwait(Duration.ofMillis(1))
                // the second refusal has no retry-after: 500 ms × the second attempt
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("done")
                .verifyComplete();
        assertThat(sends).hasValue(3);
    }

    @Test
    void givesUpAfterTheGivenNumberOfRetries() {
        AtomicInteger sends = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> failing(sends, limited(null), limited(null), limited(null))
                        .retryWhen(RateLimitRetry.of(2, Duration.ofMillis(10))))
                .thenAwait(Duration.ofSeconds(1))
                .expectError(BingxException.RateLimited.class)
                .verify();
        assertThat(sends).hasValue(3);
    }

    @Test
    void otherFailuresAreNotSentAgain() {
        AtomicInteger sends = new AtomicInteger();
        StepVerifier.create(failing(sends, new BingxException.Transient(100500, "busy", 500, null))
                        .retryWhen(RateLimitRetry.of(3, Duration.ofMillis(10))))
                .expectError(BingxException.Transient.class)
                .verify(Duration.ofSeconds(5));
        assertThat(sends).hasValue(1);
    }
}
