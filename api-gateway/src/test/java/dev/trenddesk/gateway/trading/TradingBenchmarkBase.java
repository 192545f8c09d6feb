package dev.trenddesk.gateway.trading;

import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The trading benchmarks (figures, not assertions; see docs/benchmarks/trading.md): 10 bots, candle
 * close → order accepted p50 / p99; then N bots (default 1,000, {@code -Dtrading.benchmark.bots=N}) on
 * ETH-USDT signalling on the same candle — time until every order is accepted — and the heap in use
 * with N running sessions. Subclasses choose the simulator's rate limits.
 */
@Tag("benchmark")
@IntegrationTest
abstract class TradingBenchmarkBase {

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CredentialsProvider credentials;

    /** "on" or "off", as printed with the figures. */
    abstract String limits();

    @Test
    void tenBotsThenAThousandOnOneCandle() throws Exception {
        TradingWorld world = new TradingWorld(new People(port), simulator.baseUrl(), jdbc, credentials);
        new TradingBenchmarks(world, jdbc).tenBotsThenMany(limits());
    }
}
