package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A simulator can start its market clock at a given time, so a restarted demo continues where it was. */
class MarketStartTest {

    private static final long FIVE_MINUTES = 300_000L;

    @Test
    void steppedMarketStartsAtTheCandleOfTheGivenTime() {
        long start = 4_102_444_800_000L + 123_456L; // 2100-01-01T00:02:03.456Z
        try (BingxSimulator sim = BingxSimulator.start(SimulatorConfig.builder()
                .clockMode(ClockMode.STEPPED)
                .marketStart(start)
                .build())) {
            assertThat(sim.marketTime()).isEqualTo(Math.floorDiv(start, FIVE_MINUTES) * FIVE_MINUTES);
            assertThat(sim.stepCandles(2))
                    .isEqualTo(Math.floorDiv(start, FIVE_MINUTES) * FIVE_MINUTES + 2 * FIVE_MINUTES);
        }
    }

    @Test
    void acceleratedMarketRunsOnFromTheGivenTime() {
        long start = 4_102_444_800_000L;
        try (BingxSimulator sim = BingxSimulator.start(SimulatorConfig.builder()
                .clockMode(ClockMode.ACCELERATED)
                .speed(60)
                .marketStart(start)
                .build())) {
            assertThat(sim.marketTime()).isBetween(start, start + 10 * FIVE_MINUTES);
        }
    }

    @Test
    void withoutMarketStartTheMarketFollowsTheWallClock() {
        long before = System.currentTimeMillis();
        try (BingxSimulator sim = BingxSimulator.start(
                SimulatorConfig.builder().clockMode(ClockMode.REALTIME).build())) {
            assertThat(sim.marketTime()).isBetween(before, System.currentTimeMillis() + 1_000L);
        }
    }
}
