package dev.trenddesk.gateway.metrics;

import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlaced;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderRejected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Orders placed and rejected, and the time from a candle's close to the order it caused.
 *
 * <p>The path crosses processors, and in a cluster nodes: the feed stores {@code CandleClosed}, a saga
 * decides and asks for an order, order execution sends it and records {@code OrderPlaced}. As a
 * {@link CorrelationDataProvider}, this class stamps the stored time of the {@code CandleClosed} a
 * handler is working on as {@value #CANDLE_CLOSED_AT} (epoch ms) on every message that handler
 * causes, and carries it on through commands and {@code OrderPlacementRequested} (no other event); as a dispatch interceptor of the event bus it
 * sees each {@code OrderPlaced} / {@code OrderRejected} this node stores and, once the unit of work
 * commits, counts it and records now minus that stamp. The latency is measured on the node that
 * records the order, against the clock of the node that stored the candle.
 */
class TradingMeters implements CorrelationDataProvider, MessageDispatchInterceptor<EventMessage<?>> {

    /** Metadata key: when the candle that led to this message was stored (epoch milliseconds). */
    public static final String CANDLE_CLOSED_AT = "candleClosedAt";

    static final String LATENCY = "trenddesk.candle.order.latency";
    static final String PLACED = "trenddesk.orders.placed";
    static final String REJECTED = "trenddesk.orders.rejected";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Timer latency;
    private final Counter placed;
    private final ConcurrentMap<Integer, Counter> rejected = new ConcurrentHashMap<>();

    TradingMeters(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.latency = Timer.builder(LATENCY)
                .description("From a candle's CandleClosed being stored to the OrderPlaced it led to")
                .serviceLevelObjectives(
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30))
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.placed = Counter.builder(PLACED)
                .description("Orders the exchange took (OrderPlaced recorded on this node)")
                .register(registry);
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        if (message instanceof EventMessage<?> event) {
            if (CandleClosed.class.equals(event.getPayloadType())) {
                return Map.of(CANDLE_CLOSED_AT, event.getTimestamp().toEpochMilli());
            }
            if (!OrderPlacementRequested.class.equals(event.getPayloadType())) {
                // only the path candle → decision → order request → order placed carries the stamp: what a
                // handler does on a fill, an OrderPlaced or a deadline was not caused by a candle's close
                return Map.of();
            }
        }
        Object carried = message.getMetaData().get(CANDLE_CLOSED_AT);
        return carried == null ? Map.of() : Map.of(CANDLE_CLOSED_AT, carried);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            Class<?> type = event.getPayloadType();
            if (OrderPlaced.class.equals(type) || OrderRejected.class.equals(type)) {
                Runnable count = () -> count(event);
                if (CurrentUnitOfWork.isStarted()) {
                    CurrentUnitOfWork.get().afterCommit(uow -> count.run());
                } else {
                    count.run();
                }
            }
            return event;
        };
    }

    private void count(EventMessage<?> event) {
        if (event.getPayload() instanceof OrderRejected rejection) {
            rejected.computeIfAbsent(rejection.code(), code -> Counter.builder(REJECTED)
                            .description(
                                    "Orders refused, by the exchange's code (0: no code, e.g. given up or cancelled)")
                            .tag("code", Integer.toString(code))
                            .register(registry))
                    .increment();
            return;
        }
        placed.increment();
        Long candleAt = epochMillis(event.getMetaData().get(CANDLE_CLOSED_AT));
        if (candleAt != null) {
            long millis = clock.millis() - candleAt;
            if (millis >= 0) {
                latency.record(Duration.ofMillis(millis));
            }
        }
    }

    private static Long epochMillis(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
