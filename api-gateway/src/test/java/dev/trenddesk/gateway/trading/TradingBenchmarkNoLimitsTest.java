package dev.trenddesk.gateway.trading;

import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Trading benchmarks with the simulator's per-IP and per-account rate limits OFF (our own ceiling) (figures, not
 * assertions; see docs/benchmarks/trading.md): 10 bots, candle close → order accepted p50 / p99; then
 * N bots (default 1,000, {@code -Dtrading.benchmark.bots=N}) on ETH-USDT signalling on the same candle
 * — time until every order is accepted — and the heap in use with N running sessions.
 */
@Tag("benchmark")
@IntegrationTest
@TestPropertySource(properties = {
        "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/trading-bench-nolimits",
        "trenddesk.simulator.clock-mode=STEPPED",
        "trenddesk.simulator.rate-limits=false"})
class TradingBenchmarkNoLimitsTest {

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CredentialsProvider credentials;

    @Test
    void tenBotsThenAThousandOnOneCandle() throws Exception {
        TradingWorld world = new TradingWorld(new People(port), simulator.baseUrl(), jdbc, credentials);
        TradingBenchmarks bench = new TradingBenchmarks(world, jdbc);

        List<String> ten = bench.startBots(10);
        bench.stepUntilPlaced(ten, 1.0, 20);
        TradingBenchmarks.Latencies small = bench.latencies(ten);
        System.out.printf("BENCH trading limits=off bots=10 candle=%s placed=%d p50=%s p99=%s%n", small.candle(),
                small.each().size(), TradingBenchmarks.ms(small.percentile(50)), TradingBenchmarks.ms(small.percentile(99)));

        int bots = Integer.getInteger("trading.benchmark.bots", 1000);
        long setup = System.nanoTime();
        List<String> many = bench.startBots(bots);
        System.out.printf("BENCH trading limits=off started=%d setup=%ds heapUsedMiB=%d%n", many.size(),
                (System.nanoTime() - setup) / 1_000_000_000L, TradingBenchmarks.heapUsedMib());
        bench.stepUntilPlaced(many, 0.95, 20);
        TradingBenchmarks.Latencies wave = bench.latencies(many);
        System.out.printf("BENCH trading limits=off bots=%d candle=%s placed=%d fanOut=%s p50=%s p99=%s%n", bots,
                wave.candle(), wave.each().size(), TradingBenchmarks.ms(wave.fanOut()),
                TradingBenchmarks.ms(wave.percentile(50)), TradingBenchmarks.ms(wave.percentile(99)));
        System.out.println("BENCH heap after the wave MiB=" + TradingBenchmarks.heapUsedMib());
    }
}
