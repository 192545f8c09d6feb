package dev.trenddesk.gateway.trading;

import org.springframework.test.context.TestPropertySource;

/** {@link TradingBenchmarkBase} with the simulator's per-IP and per-account rate limits ON (the exchange's own floor). */
@TestPropertySource(
        properties = {
            "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/trading-bench-limits",
            "trenddesk.simulator.clock-mode=STEPPED",
            "trenddesk.simulator.rate-limits=true"
        })
class TradingBenchmarkTest extends TradingBenchmarkBase {

    @Override
    String limits() {
        return "on";
    }
}
