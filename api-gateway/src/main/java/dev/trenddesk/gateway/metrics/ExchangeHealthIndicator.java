package dev.trenddesk.gateway.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * "exchange" (part of readiness): DOWN once every BingX request of this node — real ones, or the
 * {@link ExchangeProbe} on a quiet node — has failed to get an answer for {@code downAfter}. A refusal
 * or a rate limit is an answer: the exchange is reachable. Reads {@link ExchangeActivity} only; never
 * sends a request itself. Why readiness and what that means behind a balancer: docs/adr/0018.
 */
class ExchangeHealthIndicator implements HealthIndicator {

    private final ExchangeActivity activity;
    private final Clock clock;
    private final Duration downAfter;

    ExchangeHealthIndicator(ExchangeActivity activity, Clock clock, Duration downAfter) {
        this.activity = activity;
        this.clock = clock;
        this.downAfter = downAfter;
    }

    @Override
    public Health health() {
        Optional<Instant> since = activity.unreachableSince();
        Instant now = clock.instant();
        Health.Builder health = since.isPresent()
                        && !Duration.between(since.get(), now).minus(downAfter).isNegative()
                ? Health.down().withDetail("unreachableSince", since.get().toString())
                : Health.up();
        activity.lastAnswer().ifPresent(t -> health.withDetail("lastAnswer", t.toString()));
        activity.lastRequest().ifPresent(t -> health.withDetail("lastRequest", t.toString()));
        return health.build();
    }
}
