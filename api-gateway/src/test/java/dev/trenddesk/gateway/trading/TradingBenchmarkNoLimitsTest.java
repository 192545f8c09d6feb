package dev.trenddesk.gateway.trading;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** {@link TradingBenchmarkBase} with the simulator's per-IP and per-account rate limits OFF (our own ceiling). */
@TestPropertySource(properties = {"trenddesk.simulator.clock-mode=STEPPED", "trenddesk.simulator.rate-limits=false"})
class TradingBenchmarkNoLimitsTest extends TradingBenchmarkBase {

    @DynamicPropertySource
    static void benchmark(DynamicPropertyRegistry registry) {
        benchmarkProperties(registry, "trading-bench-nolimits", false);
    }

    @Override
    String limits() {
        return "off";
    }
}
