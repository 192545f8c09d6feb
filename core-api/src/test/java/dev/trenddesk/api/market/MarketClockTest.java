package dev.trenddesk.api.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MarketClockTest {

    private static final Instant WALL = Instant.parse("2026-12-07T10:00:00Z");

    private final MarketClock market = new MarketClock(Clock.fixed(WALL, ZoneOffset.UTC));

    @Test
    void isTheWallClockUntilTheExchangeIsSeenAhead() {
        assertThat(market.instant()).isEqualTo(WALL);
        market.observe(WALL.minusSeconds(30)); // a candle that closed before now moves nothing
        assertThat(market.instant()).isEqualTo(WALL);
        Instant ahead = WALL.plus(Duration.ofDays(3)).plusSeconds(300);
        assertThat(market.observe(ahead)).isEqualTo(ahead);
        assertThat(market.dayStart()).isEqualTo(Instant.parse("2026-12-10T00:00:00Z"));
        market.observe(WALL.plus(Duration.ofDays(1))); // never back
        assertThat(market.instant()).isEqualTo(ahead);
    }

    @Test
    void takesTheExchangesOwnTimeAndIgnoresMisreadOnes() {
        Instant filled = WALL.plusSeconds(5);
        assertThat(market.exchangeTimeOr(filled)).isEqualTo(filled);
        assertThat(market.instant()).isEqualTo(filled);
        assertThat(market.exchangeTimeOr(null)).isEqualTo(filled);
        assertThat(market.exchangeTimeOr(Instant.EPOCH)).as("a time left out").isEqualTo(filled);
        market.observe(WALL.plus(Duration.ofDays(365 * 200))); // microseconds read as milliseconds
        assertThat(market.instant()).isEqualTo(filled);
    }
}
