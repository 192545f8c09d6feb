package dev.trenddesk.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.metrics.ExchangeActivity.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** The exchange is DOWN only after every request failed to get an answer for down-after; any answer is UP. */
class ExchangeHealthIndicatorTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExchangeActivity activity = new ExchangeActivity(registry, clock);
    private final ExchangeHealthIndicator health = new ExchangeHealthIndicator(activity, clock, Duration.ofSeconds(30));

    @Test
    void upBeforeAnyRequestAndWhileFailuresAreRecent() {
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        fail();
        now = now.plusSeconds(29);
        fail();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void downOnceEveryRequestFailedForDownAfterAndUpAgainOnAnyAnswer() {
        fail();
        now = now.plusSeconds(30);
        fail();
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsKey("unreachableSince");

        activity.completed("POST", "/openApi/swap/v2/trade/order", Outcome.RATE_LIMITED, Duration.ofMillis(5));
        assertThat(health.health().getStatus()).as("a 429 is an answer").isEqualTo(Status.UP);
        assertThat(registry.get(ExchangeActivity.RATE_LIMITED)
                        .tag("endpoint", "/openApi/swap/v2/trade/order")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(ExchangeActivity.REQUEST)
                        .tag("outcome", "unreachable")
                        .timer()
                        .count())
                .isEqualTo(2);
    }

    private void fail() {
        activity.completed("GET", "/openApi/swap/v2/server/time", Outcome.UNREACHABLE, Duration.ofSeconds(2));
    }
}
