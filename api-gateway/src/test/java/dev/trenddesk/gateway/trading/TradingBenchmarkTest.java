package dev.trenddesk.gateway.trading;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** {@link TradingBenchmarkBase} with the simulator's per-IP and per-account rate limits ON (the exchange's own floor). */
@TestPropertySource(properties = {"trenddesk.simulator.clock-mode=STEPPED", "trenddesk.simulator.rate-limits=true"})
class TradingBenchmarkTest extends TradingBenchmarkBase {

    @DynamicPropertySource
    static void benchmark(DynamicPropertyRegistry registry) {
        benchmarkProperties(registry, "trading-bench-limits", true);
    }

    @Override
    String limits() {
        return "on";
    }
}
