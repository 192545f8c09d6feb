package dev.trenddesk.gateway.trading;

import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import dev.trenddesk.vault.KeyVault;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The trading benchmarks (figures, not assertions; see docs/benchmarks/trading.md): 10 bots, candle
 * close → order accepted p50 / p99; then N bots (default 1,000, {@code -Dtrading.benchmark.bots=N}) on
 * ETH-USDT signalling on the same candle — time until every order is accepted — and the heap in use
 * with N running sessions. Subclasses choose the simulator's rate limits. Every run has a database of
 * its own (a fresh embedded PostgreSQL with {@code pg_stat_statements} preloaded); the simulator runs
 * built in or in a process of its own ({@link TradingBenchmarkSimulator}).
 */
@Tag("benchmark")
@IntegrationTest
abstract class TradingBenchmarkBase {

    private static final long RUN = System.nanoTime();

    @LocalServerPort
    int port;

    @Autowired
    ObjectProvider<BingxSimulator> builtInSimulator;

    @Autowired
    CredentialsProvider credentials;

    @Autowired
    DatabaseEndpoint database;

    @Autowired
    CommandGateway commands;

    @Autowired
    QueryGateway queries;

    @Autowired
    KeyVault vault;

    /** "on" or "off", as printed with the figures. */
    abstract String limits();

    /** A fresh database for this run, pg_stat_statements preloaded, and the simulator where the run wants it. */
    static void benchmarkProperties(DynamicPropertyRegistry registry, String name, boolean rateLimits) {
        String dataDir =
                System.getProperty("trenddesk.test.build-dir", "target") + "/test-postgres/" + name + "-" + RUN;
        registry.add("trenddesk.database.embedded.data-dir", () -> dataDir);
        registry.add("trenddesk.database.embedded.preload-libraries", () -> "pg_stat_statements");
        TradingBenchmarkSimulator.register(registry, rateLimits);
    }

    @Test
    void tenBotsThenAThousandOnOneCandle() throws Exception {
        String simulatorUrl = TradingBenchmarkSimulator.baseUrl()
                .orElseGet(() -> builtInSimulator.getObject().baseUrl());
        // the benchmark's own reads take connections of their own, never one of the application's pool
        // (with thousands of sessions that pool runs dry in the wave, and the reads would fail)
        JdbcTemplate jdbc = new JdbcTemplate(
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
        People people = new People(port);
        TradingWorld world = new TradingWorld(people, simulatorUrl, jdbc, credentials);
        String adminId = people.admin().get("/api/me").json().get("id").asText();
        TradingBenchmarkSetup fast = new TradingBenchmarkSetup(world, commands, queries, vault, credentials, adminId);
        new TradingBenchmarks(world, jdbc, new TradingBenchmarks.Statements(database.embedded()), fast)
                .tenBotsThenMany(limits());
    }
}
