package dev.trenddesk.gateway.metrics;

import dev.trenddesk.gateway.config.ConditionalOnRole;
import dev.trenddesk.gateway.feed.FeedHub;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * TrendDesk's own meters ({@code trenddesk_*}, docs/observability.md) and the readiness checks of the
 * event processors and the exchange. Axon's message meters come from {@link AxonMeters}, the JVM's and
 * the HTTP server's from Spring Boot's.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    /** The rate-limit bucket groups of the BingX client (ExchangeBuckets). */
    static final List<String> BUCKET_GROUPS =
            List.of("ip:market", "ip:account", "key:ORDER", "key:QUERY", "key:LEVERAGE");

    /** Axon's message meters, one set per component (ADR 0023), instead of axon-micrometer's monitors. */
    @Bean
    AxonMeters axonMeters(MeterRegistry registry) {
        return new AxonMeters(registry);
    }

    @Bean
    ExchangeActivity exchangeActivity(MeterRegistry registry, Clock clock) {
        return new ExchangeActivity(registry, clock);
    }

    @Bean
    ExchangeHealthIndicator exchangeHealthIndicator(
            ExchangeActivity activity,
            Clock clock,
            @Value("${trenddesk.health.exchange.down-after:30s}") Duration downAfter) {
        return new ExchangeHealthIndicator(activity, clock, downAfter);
    }

    @Bean
    ProcessorsHealthIndicator processorsHealthIndicator(
            EventProcessingConfiguration processing,
            EventStore eventStore,
            @Value("${trenddesk.health.processors.max-lag:10000}") long maxLag) {
        return new ProcessorsHealthIndicator(processing, eventStore, maxLag);
    }

    @Bean
    TradingMeters tradingMeters(MeterRegistry registry, Clock clock) {
        return new TradingMeters(registry, clock);
    }

    /** Counts orders as this node stores their events (TradingMeters is also a correlation data provider). */
    @Bean
    SmartInitializingSingleton orderEventsCounted(EventBus eventBus, TradingMeters meters) {
        return () -> eventBus.registerDispatchInterceptor(meters);
    }

    @Bean
    LoginMeters loginMeters(MeterRegistry registry) {
        return new LoginMeters(registry);
    }

    /** Gauges of this node: exchange rate-limit levels and, by role, SSE clients. */
    @Bean
    SmartInitializingSingleton nodeGauges(
            MeterRegistry registry, ObjectProvider<FeedHub> feed, ObjectProvider<ExchangeBuckets> buckets) {
        return () -> {
            RateLimitLevels levels = new RateLimitLevels(buckets.getIfAvailable(() -> Map::of));
            for (String group : BUCKET_GROUPS) {
                Gauge.builder("trenddesk.exchange.ratelimit.available", levels, l -> l.available(group))
                        .description("Free tokens of the emptiest BingX rate-limit bucket of the group on this node "
                                + "(key:* groups: the busiest API key's)")
                        .tag("bucket", group)
                        .strongReference(true)
                        .register(registry);
                Gauge.builder("trenddesk.exchange.ratelimit.headroom", levels, l -> l.headroom(group))
                        .description("Free share (0..1) of the emptiest BingX rate-limit bucket of the group")
                        .tag("bucket", group)
                        .strongReference(true)
                        .register(registry);
            }
            feed.ifAvailable(hub -> Gauge.builder("trenddesk.sse.clients", hub, FeedHub::connectedClients)
                    .description("SSE streams open on this node")
                    .register(registry));
        };
    }

    @Bean
    @ConditionalOnRole("saga")
    BotsOnThisNode botsOnThisNode(
            JdbcTemplate jdbc, EventProcessingConfiguration processing, Clock clock, MeterRegistry registry) {
        BotsOnThisNode bots = new BotsOnThisNode(jdbc, processing, clock);
        Gauge.builder("trenddesk.bots.running", bots, BotsOnThisNode::count)
                .description("Bots (sessions running or paused) whose TradingSaga runs on this node")
                .register(registry);
        return bots;
    }

    /** Bucket levels read once per second at most, however many gauges ask. */
    static final class RateLimitLevels {
        private final ExchangeBuckets buckets;
        private long readAt;
        private Map<String, ExchangeBuckets.Level> levels = Map.of();

        RateLimitLevels(ExchangeBuckets buckets) {
            this.buckets = buckets;
        }

        private synchronized Map<String, ExchangeBuckets.Level> levels() {
            long now = System.nanoTime();
            if (levels.isEmpty() || now - readAt > 1_000_000_000L) {
                levels = buckets.levels();
                readAt = now;
            }
            return levels;
        }

        double available(String group) {
            ExchangeBuckets.Level level = levels().get(group);
            return level == null ? Double.NaN : level.available();
        }

        double headroom(String group) {
            ExchangeBuckets.Level level = levels().get(group);
            return level == null ? Double.NaN : (double) level.available() / level.permits();
        }
    }
}
