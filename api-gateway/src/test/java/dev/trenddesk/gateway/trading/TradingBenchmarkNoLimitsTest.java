package dev.trenddesk.gateway.trading;

import org.springframework.test.context.TestPropertySource;

/** {@link TradingBenchmarkBase} with the simulator's per-IP and per-account rate limits OFF (our own ceiling). */
@TestPropertySource(
        properties = {
            "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/trading-bench-nolimits",
            "trenddesk.simulator.clock-mode=STEPPED",
            "trenddesk.simulator.rate-limits=false"
        })
class TradingBenchmarkNoLimitsTest extends TradingBenchmarkBase {

    @Override
    String limits() {
        return "off";
    }
}
