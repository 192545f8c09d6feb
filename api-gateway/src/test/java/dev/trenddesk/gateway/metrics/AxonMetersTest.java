package dev.trenddesk.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.junit.jupiter.api.Test;

class AxonMetersTest {

    private final MockClock clock = new MockClock();
    private final MeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final AxonMeters meters = new AxonMeters(registry);

    @Test
    void anEventProcessorCountsAndTimesEachOutcomeUnderItsNameAndNoPayloadType() {
        MessageMonitor<Message<?>> monitor = meters.monitor(EventProcessor.class, "trading-execution");
        int metersBefore = registry.getMeters().size();

        MessageMonitor.MonitorCallback handled = monitor.onMessageIngested(event("Placed", Duration.ofMillis(250)));
        clock.add(Duration.ofMillis(40));
        handled.reportSuccess();
        monitor.onMessageIngested(event("CandleClosed", Duration.ZERO)).reportIgnored();
        MessageMonitor.MonitorCallback failing = monitor.onMessageIngested(event("Placed", Duration.ofMillis(5)));
        clock.add(Duration.ofMillis(10));
        failing.reportFailure(new IllegalStateException("boom"));

        assertThat(registry.getMeters()).as("no meter made per message").hasSize(metersBefore);
        assertThat(registry.find("eventProcessor.successTimer")
                        .tag("processorName", "trading-execution")
                        .timer()
                        .totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(40.0);
        assertThat(registry.get("eventProcessor.failureTimer").timer().count()).isOne();
        assertThat(registry.get("eventProcessor.ignoredTimer").timer().count()).isOne();
        assertThat(registry.get("eventProcessor.allTimer").timer().count()).isEqualTo(3);
        assertThat(registry.get("eventProcessor.allTimer").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(50.0);
        assertThat(registry.get("eventProcessor.ingestedCounter").counter().count())
                .isEqualTo(3);
        assertThat(registry.get("eventProcessor.successCounter").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("eventProcessor.failureCounter").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("eventProcessor.processedCounter").counter().count())
                .as("handled or failed, not ignored")
                .isEqualTo(2);
        assertThat(registry.get("eventProcessor.ignoredCounter").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("eventProcessor.latency")
                        .tag("processorName", "trading-execution")
                        .gauge()
                        .value())
                .as("age in ms of the last event ingested")
                .isEqualTo(5.0);
        assertThat(registry.getMeters())
                .allSatisfy(
                        meter -> assertThat(meter.getId().getTag("payloadType")).isNull());
    }

    @Test
    void eachProcessorHasItsOwnMetersAndABusHasNoProcessorTag() {
        meters.monitor(EventProcessor.class, "audit")
                .onMessageIngested(event("Placed", Duration.ZERO))
                .reportSuccess();
        meters.monitor(EventProcessor.class, "trading-execution")
                .onMessageIngested(event("Placed", Duration.ZERO))
                .reportIgnored();
        meters.monitor(CommandBus.class, "commandBus")
                .onMessageIngested(GenericCommandMessage.asCommandMessage("PlaceOrder"))
                .reportSuccess();

        assertThat(registry.get("eventProcessor.successTimer")
                        .tag("processorName", "audit")
                        .timer()
                        .count())
                .isOne();
        assertThat(registry.get("eventProcessor.successTimer")
                        .tag("processorName", "trading-execution")
                        .timer()
                        .count())
                .isZero();
        assertThat(registry.get("commandBus.successTimer").timer().getId().getTags())
                .isEmpty();
        assertThat(registry.find("commandBus.latency").gauge()).isNull();
        assertThat(registry.get("commandBus.successTimer").timer().count()).isOne();
    }

    @Test
    void componentsAxonDidNotMeasureGetNoMonitor() {
        assertThat(meters.monitor(String.class, "something")).isSameAs(NoOpMessageMonitor.instance());
    }

    private GenericEventMessage<String> event(String payload, Duration age) {
        Instant at = Instant.ofEpochMilli(clock.wallTime()).minus(age);
        return new GenericEventMessage<>(UUID.randomUUID().toString(), payload, MetaData.emptyInstance(), at);
    }
}
