package dev.trenddesk.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderFilled;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlaced;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderRejected;
import dev.trenddesk.api.trading.TradingSessionId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/** The candle's stamp travels only along candle → decision → order request → order placed, and orders are counted once stored. */
class TradingMetersTest {

    private static final Instant CANDLE_STORED = Instant.parse("2026-01-01T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TradingMeters meters =
            new TradingMeters(registry, Clock.fixed(CANDLE_STORED.plusMillis(750), ZoneOffset.UTC));

    @Test
    void aCandleStampsWhatItCausesAndTheStampTravelsThroughCommandsAndOrderRequests() {
        EventMessage<CandleClosed> candle =
                new GenericEventMessage<>(java.util.UUID.randomUUID().toString(), candle(), Map.of(), CANDLE_STORED);
        Map<String, Object> stamp = Map.copyOf(meters.correlationDataFor(candle));
        assertThat(stamp).containsEntry(TradingMeters.CANDLE_CLOSED_AT, CANDLE_STORED.toEpochMilli());

        MetaData carried = MetaData.from(stamp);
        assertThat(meters.correlationDataFor(new GenericCommandMessage<>("a command").andMetaData(carried)))
                .isEqualTo(stamp);
        assertThat(meters.correlationDataFor(event(requested()).andMetaData(carried)))
                .isEqualTo(stamp);
        // a handler of a fill or of OrderPlaced does not act on a candle's close
        assertThat(meters.correlationDataFor(event(placed()).andMetaData(carried)))
                .isEmpty();
        assertThat(meters.correlationDataFor(
                        event(new OrderFilled(null, null, "c", "ETH-USDT", "42", null, null, null, CANDLE_STORED))
                                .andMetaData(carried)))
                .isEmpty();
    }

    @Test
    void placedOrdersRecordTheLatencyFromTheStampAndRejectionsCountByCodeAfterCommit() {
        EventMessage<?> placed =
                event(placed()).andMetaData(Map.of(TradingMeters.CANDLE_CLOSED_AT, CANDLE_STORED.toEpochMilli()));
        EventMessage<?> unstamped = event(placed());
        EventMessage<?> rejected =
                event(new OrderRejected(null, null, "c", "ETH-USDT", 101204, "margin", CANDLE_STORED));

        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        var intercept = meters.handle(List.of(placed, unstamped, rejected));
        List.of(placed, unstamped, rejected).forEach(e -> intercept.apply(0, e));
        assertThat(registry.get(TradingMeters.PLACED).counter().count())
                .as("nothing before the commit")
                .isZero();
        uow.commit();

        assertThat(registry.get(TradingMeters.PLACED).counter().count()).isEqualTo(2);
        assertThat(registry.get(TradingMeters.LATENCY).timer().count()).isEqualTo(1);
        assertThat(registry.get(TradingMeters.LATENCY).timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(750);
        assertThat(registry.get(TradingMeters.REJECTED)
                        .tag("code", "101204")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aRolledBackOrderIsNotCounted() {
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        EventMessage<?> placed = event(placed());
        meters.handle(List.of(placed)).apply(0, placed);
        uow.rollback();

        assertThat(registry.get(TradingMeters.PLACED).counter().count()).isZero();
    }

    private static EventMessage<?> event(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }

    private static CandleClosed candle() {
        return new CandleClosed("ETH-USDT", Timeframe.M5, CANDLE_STORED, null, null, null, null, null, Map.of(), true);
    }

    private static OrderPlacementRequested requested() {
        return new OrderPlacementRequested(
                TradingSessionId.random(),
                null,
                "c",
                "ETH-USDT",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                CANDLE_STORED,
                CANDLE_STORED);
    }

    private static OrderPlaced placed() {
        return new OrderPlaced(TradingSessionId.random(), null, "c", "ETH-USDT", "42", CANDLE_STORED);
    }
}
