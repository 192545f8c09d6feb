package dev.trenddesk.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.security.LimitsProperties.Band;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Limits component on a hand-moved clock: progressive login slow-down, Retry-After, caps. */
class LimitsUnitTest {

    static final class Clock implements TimeMeter {
        long nanos;

        void advance(Duration d) {
            nanos += d.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private static LimitsProperties settings() {
        List<Band> rated = List.of(new Band(2, Duration.ofMinutes(1)));
        return new LimitsProperties(
                new LimitsProperties.Login(
                        List.of(new Band(100, Duration.ofMinutes(1))),
                        List.of(new Band(5, Duration.ofMinutes(5)), new Band(20, Duration.ofHours(24)))),
                new LimitsProperties.Backtest(1, 2, Duration.ofSeconds(5)),
                new LimitsProperties.Rated(rated),
                new LimitsProperties.Rated(rated),
                new LimitsProperties.Rated(rated),
                new LimitsProperties.Streams(2, Duration.ofSeconds(10)),
                10_000);
    }

    @Test
    void failedLoginsSlowDownProgressivelyPerUsernameAndIp() {
        Clock clock = new Clock();
        Limits limits = new Limits(settings(), clock);
        for (int i = 0; i < 5; i++) {
            assertThat(limits.admitLogin("10.0.0.1", "alice")).isEmpty();
        }
        Limits.Refusal refusal = limits.admitLogin("10.0.0.1", "alice").orElseThrow();
        assertThat(refusal.seconds())
                .as("5 per 5 minutes: the next one in a minute")
                .isBetween(59L, 60L);
        assertThat(limits.admitLogin("10.0.0.2", "alice"))
                .as("another address is not held back")
                .isEmpty();
        assertThat(limits.admitLogin("10.0.0.1", "ALICE "))
                .as("the username is matched loosely")
                .isPresent();

        // one a minute until 20 in the day...
        for (int i = 6; i <= 20; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(limits.admitLogin("10.0.0.1", "alice"))
                    .as("attempt " + i)
                    .isEmpty();
        }
        clock.advance(Duration.ofMinutes(1));
        // ...then the day's band: about 72 minutes a try
        assertThat(limits.admitLogin("10.0.0.1", "alice").orElseThrow().seconds())
                .isGreaterThan(30 * 60);
    }

    @Test
    void aSuccessGivesTheAttemptBackAndClearsThePair() {
        Limits limits = new Limits(settings(), new Clock());
        for (int i = 0; i < 4; i++) {
            assertThat(limits.admitLogin("10.0.0.1", "bob")).isEmpty();
        }
        assertThat(limits.admitLogin("10.0.0.1", "bob")).isEmpty();
        limits.loginSucceeded("10.0.0.1", "bob");
        for (int i = 0; i < 5; i++) {
            assertThat(limits.admitLogin("10.0.0.1", "bob")).isEmpty();
        }
    }

    @Test
    void permitsAreGivenBackOnceAndEmptyKeysForgotten() {
        Limits limits = new Limits(settings(), new Clock());
        Limits.Admission first = limits.admitBacktest("u1");
        assertThat(first.admitted()).isTrue();
        assertThat(limits.admitBacktest("u1").refusal().seconds()).isEqualTo(5);
        assertThat(limits.admitBacktest("u2").admitted()).isTrue();
        assertThat(limits.admitBacktest("u3").refusal().detail()).contains("the server");
        first.permit().close();
        first.permit().close();
        assertThat(limits.inUse(Limits.Cap.BACKTEST_PER_USER, "u1")).isZero();
        assertThat(limits.inUse(Limits.Cap.BACKTEST_GLOBAL, "*")).isEqualTo(1);
        assertThat(limits.admitBacktest("u3").admitted()).isTrue();
    }
}
