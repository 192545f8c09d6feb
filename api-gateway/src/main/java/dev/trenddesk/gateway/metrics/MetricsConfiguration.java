package dev.trenddesk.gateway.metrics;

import dev.trenddesk.gateway.config.ConditionalOnRole;
import dev.trenddesk.gateway.feed.FeedHub;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
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
 * event processors and the exchange. Axon's meters come from axon-micrometer's auto-configuration,
 * the JVM's and the HTTP server's from Spring Boot's.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    /** The rate-limit bucket groups of the BingX client (ExchangeBuckets). */
    static final List<String> BUCKET_GROUPS =
            List.of("ip:market", "ip:account", "key:ORDER", "key:QUERY", "key:LEVERAGE");

    /** The components whose meters axon-micrometer makes (names "component.meter"). */
    static final List<String> AXON_COMPONENTS =
            List.of("eventProcessor.", "eventStore.", "eventBus.", "commandBus.", "queryBus.", "queryUpdateEmitter.");

    /**
     * Axon's meters at a size a scrape can carry: axon-micrometer tags every handling meter with the
     * message's payload type, so each processor had a timer per event type it saw, handled or not (15,000
     * series per node in a test). Without that tag there is one timer per processor (count, sum, max,
     * no client-side quantiles, which no query could aggregate across nodes). The capacity gauges go: made
     * per payload type, they cannot be merged into one value per processor.
     */
    @Bean
    MeterFilter axonMetersPerComponent() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return isAxon(id) && id.getTag("payloadType") != null
                        ? MeterFilter.ignoreTags("payloadType").map(id)
                        : id;
            }

            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return isAxon(id) && id.getName().endsWith(".capacity")
                        ? MeterFilterReply.DENY
                        : MeterFilterReply.NEUTRAL;
            }

            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return isAxon(id)
                        ? DistributionStatisticConfig.builder()
                                .percentiles(new double[0])
                                .build()
                                .merge(config)
                        : config;
            }
        };
    }

    private static boolean isAxon(Meter.Id id) {
        return AXON_COMPONENTS.stream().anyMatch(id.getName()::startsWith);
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
