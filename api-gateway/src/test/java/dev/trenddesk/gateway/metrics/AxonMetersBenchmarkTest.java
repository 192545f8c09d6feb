package dev.trenddesk.gateway.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What an event processor pays per event for its meters (figures, not assertions; docs/benchmarks/trading.md):
 * axon-micrometer's dimensional monitors behind the filter TrendDesk had before ADR 0023 (payload-type tag and
 * quantiles dropped, capacity gauges denied) against {@link AxonMeters}, on the Prometheus registry the
 * application exports. Run: {@code mvn -B -pl api-gateway -am test -Dfrontend.skip=true -Dgroups=benchmark
 * -Dtest.excludedGroups=none -Dtest=AxonMetersBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class AxonMetersBenchmarkTest {

    private static final int ROUNDS = 5;
    private static final int EVENTS = 200_000;
    /** Event types a processor sees: most of them it ignores (candles, equity, other users' events). */
    private static final List<Object> PAYLOADS =
            List.of("candle", 1, 2L, 3.0, 'c', true, (short) 4, (byte) 5, 6.0f, new Object());

    @Test
    void perEventCostOfTheMonitorsBeforeAndAfter() {
        MeterRegistry before = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        before.config().meterFilter(formerFilter());
        MessageMonitor<? extends Message<?>> axon =
                new GlobalMetricRegistry(before).registerComponentWithDefaultTags(EventProcessor.class, "bench");
        MessageMonitor<Message<?>> ours = new AxonMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .monitor(EventProcessor.class, "bench");
        List<EventMessage<?>> events = PAYLOADS.stream()
                .<EventMessage<?>>map(
                        p -> new GenericEventMessage<>(UUID.randomUUID().toString(), p, Map.of(), Instant.now()))
                .toList();
        for (int round = 0; round < ROUNDS; round++) {
            double axonNs = nanosPerEvent(cast(axon), events);
            double oursNs = nanosPerEvent(ours, events);
            System.out.printf(
                    "BENCH axon-meters round=%d axon-micrometer=%.0f ns/event AxonMeters=%.0f ns/event ratio=%.1f%n",
                    round, axonNs, oursNs, axonNs / oursNs);
        }
    }

    /** Nine of ten events ignored, one handled, as a processor's stream of every event in the store. */
    private static double nanosPerEvent(MessageMonitor<Message<?>> monitor, List<EventMessage<?>> events) {
        long start = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            MessageMonitor.MonitorCallback callback = monitor.onMessageIngested(events.get(i % events.size()));
            if (i % 10 == 0) {
                callback.reportSuccess();
            } else {
                callback.reportIgnored();
            }
        }
        return (System.nanoTime() - start) / (double) EVENTS;
    }

    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> cast(MessageMonitor<? extends Message<?>> monitor) {
        return (MessageMonitor<Message<?>>) monitor;
    }

    /** The MeterFilter of MetricsConfiguration before ADR 0023. */
    private static MeterFilter formerFilter() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getTag("payloadType") != null
                        ? MeterFilter.ignoreTags("payloadType").map(id)
                        : id;
            }

            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return id.getName().endsWith(".capacity") ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }

            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return DistributionStatisticConfig.builder()
                        .percentiles(new double[0])
                        .build()
                        .merge(config);
            }
        };
    }
}
