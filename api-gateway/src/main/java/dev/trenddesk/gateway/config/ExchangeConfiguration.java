package dev.trenddesk.gateway.config;

import dev.trenddesk.bingx.BingxClientConfig;
import dev.trenddesk.bingx.BingxClientFactory;
import dev.trenddesk.bingx.BingxEnvironment;
import dev.trenddesk.bingx.ratelimit.RateLimiterRegistry;
import dev.trenddesk.gateway.metrics.ExchangeActivity;
import dev.trenddesk.gateway.metrics.ExchangeBuckets;
import dev.trenddesk.gateway.metrics.ExchangeProbe;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.simulator.ClockMode;
import dev.trenddesk.simulator.PlaceAnswer;
import dev.trenddesk.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.StringUtils;

/**
 * The exchange: BingX live, BingX VST (demo funds) or the built-in simulator (local mode's
 * default), chosen by {@code trenddesk.exchange.environment}. One client factory for the whole
 * process, so every user shares one connection pool and the per-IP rate limits. Every REST request it
 * sends is reported to {@link ExchangeActivity} (metrics and the readiness check of the exchange).
 */
@Configuration(proxyBeanMethods = false)
public class ExchangeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ExchangeConfiguration.class);

    /**
     * The built-in simulator, started when the environment is sim and no external simulator URL is
     * given. With {@code trenddesk.simulator.persist} (the default) it keeps its accounts, orders,
     * positions and market clock in {@code trenddesk.simulator.data-dir}, so a restart, even after
     * kill -9, meets the exchange as it was. {@code trenddesk.simulator.intervals} (comma-separated, default
     * every interval 1m..1d) narrows the kline intervals it serves.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression(
            "'${trenddesk.exchange.environment:sim}'.equalsIgnoreCase('sim') and '${trenddesk.exchange.base-url:}'.isEmpty()")
    BingxSimulator builtInSimulator(
            @Value("${trenddesk.simulator.port:8090}") int port,
            @Value("${trenddesk.simulator.clock-mode:ACCELERATED}") String clockMode,
            @Value("${trenddesk.simulator.speed:120}") int speed,
            @Value("${trenddesk.simulator.rate-limits:true}") boolean rateLimits,
            @Value("${trenddesk.simulator.persist:true}") boolean persist,
            @Value("${trenddesk.simulator.data-dir:./data/simulator}") String dataDir,
            @Value("${trenddesk.simulator.intervals:}") String intervals,
            @Value("${trenddesk.simulator.place-answer:ACKNOWLEDGED}") String placeAnswer,
            @Value("${trenddesk.simulator.fill-delay:5ms}") Duration fillDelay,
            @Value("${trenddesk.simulator.market-start:}") String marketStart,
            JdbcTemplate jdbc) {
        SimulatorConfig.Builder config = SimulatorConfig.builder()
                .port(port)
                .clockMode(ClockMode.valueOf(clockMode.toUpperCase(Locale.ROOT)))
                .speed(speed)
                .rateLimitsEnabled(rateLimits)
                .placeAnswer(PlaceAnswer.valueOf(placeAnswer.toUpperCase(Locale.ROOT)))
                .fillDelay(fillDelay);
        if (persist) {
            config.dataDirectory(Path.of(dataDir).toAbsolutePath().normalize());
        }
        if (StringUtils.hasText(intervals)) {
            config.intervals(StringUtils.tokenizeToStringArray(intervals, ","));
        }
        // a market that starts at a chosen time (ISO instant, ahead of the wall clock), unless the platform
        // already published candles after it
        Instant start = StringUtils.hasText(marketStart) ? Instant.parse(marketStart.strip()) : Instant.now();
        if (StringUtils.hasText(marketStart)) {
            config.marketStart(start.toEpochMilli());
        }
        lastPublishedCandle(jdbc)
                .filter(last -> last.isAfter(start))
                .ifPresent(last ->
                        config.marketStart(last.plus(Duration.ofMinutes(5)).toEpochMilli()));
        BingxSimulator simulator = BingxSimulator.start(config.build());
        log.info(
                "Built-in BingX simulator listening on {} ({} x{}, place answer {}, {})",
                simulator.baseUrl(),
                clockMode,
                speed,
                placeAnswer,
                persist ? "state in " + Path.of(dataDir).toAbsolutePath().normalize() : "state in memory only");
        return simulator;
    }

    /**
     * An accelerated simulator's market runs ahead of the wall clock; when it starts without saved
     * state next to a platform that already published candles (memory-only, or data from a version
     * that kept none), it starts after the last candle the platform published, so the feed does not
     * wait for the clock to catch up. A simulator with saved state continues from its own clock.
     */
    private static Optional<Instant> lastPublishedCandle(JdbcTemplate jdbc) {
        try {
            return Optional.ofNullable(jdbc.queryForObject(
                            "select max(open_time) from market_candle_published", java.sql.Timestamp.class))
                    .map(java.sql.Timestamp::toInstant);
        } catch (DataAccessException noTableYet) {
            return Optional.empty();
        }
    }

    @Bean(destroyMethod = "close")
    BingxClientFactory bingxClientFactory(
            @Value("${trenddesk.exchange.environment:sim}") String environment,
            @Value("${trenddesk.exchange.base-url:}") String baseUrl,
            @Value("${trenddesk.exchange.ws-url:}") String wsUrl,
            ObjectProvider<BingxSimulator> simulator,
            ExchangeActivity activity) {
        BingxEnvironment env = BingxEnvironment.valueOf(environment.toUpperCase(Locale.ROOT));
        BingxClientConfig.Builder config = BingxClientConfig.builder().environment(env);
        Optional<BingxSimulator> builtIn = Optional.ofNullable(simulator.getIfAvailable());
        String rest = StringUtils.hasText(baseUrl)
                ? baseUrl
                : builtIn.map(BingxSimulator::baseUrl).orElse(null);
        String ws = StringUtils.hasText(wsUrl)
                ? wsUrl
                : builtIn.map(BingxSimulator::wsUrl).orElse(null);
        if (rest != null) {
            config.baseUrl(rest);
        }
        if (ws != null) {
            config.wsUrl(ws);
        }
        log.info("BingX environment {} at {}", env, rest == null ? env.defaultBaseUrl() : rest);
        return BingxClientFactory.create(
                config.build(),
                RateLimiterRegistry.shared(),
                (method, path, outcome, elapsed) ->
                        activity.completed(method, path, ExchangeActivity.Outcome.valueOf(outcome.name()), elapsed));
    }

    /** Asks for the server time when this node sent BingX nothing for a while (the exchange's readiness check). */
    @Bean(destroyMethod = "close")
    ExchangeProbe exchangeProbe(
            BingxClientFactory exchange,
            ExchangeActivity activity,
            Clock clock,
            @Value("${trenddesk.health.exchange.probe-interval:15s}") Duration interval) {
        return new ExchangeProbe(
                () -> exchange.publicClient().serverTime().block(Duration.ofSeconds(30)), activity, clock, interval);
    }

    /** The rate-limit bucket levels of the BingX client, by group, for the gauges. */
    @Bean
    ExchangeBuckets exchangeBuckets() {
        return () -> {
            Map<String, ExchangeBuckets.Level> levels = new TreeMap<>();
            RateLimiterRegistry.shared()
                    .levels()
                    .forEach((group, level) ->
                            levels.put(group, new ExchangeBuckets.Level(level.available(), level.permits())));
            return levels;
        };
    }
}
