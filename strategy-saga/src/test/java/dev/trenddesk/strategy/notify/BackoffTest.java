package dev.trenddesk.strategy.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheInitialDelayUpToTheMaximumAndStopsAfterTheLastAttempt() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(30), 8);
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(80));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(backoff.after(6)).isEqualTo(Duration.ofSeconds(320));
        assertThat(backoff.after(7)).isEqualTo(Duration.ofSeconds(640));
        assertThat(backoff.after(8)).as("eight attempts in all").isNull();
    }

    @Test
    void capsAtTheMaximumWithoutOverflow() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 100);
        assertThat(backoff.after(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(backoff.after(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.after(70)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.after(99)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.after(100)).isNull();
    }

    @Test
    void oneAttemptMeansNoRetry() {
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1).after(1))
                .isNull();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
