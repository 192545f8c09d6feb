package dev.trenddesk.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.api.audit.AggregateHistory;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionReduced;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionSettingsChanged;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.trading.TradingSessionId;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

class TimeTravelTest {

    private static final TradingSessionId SID = TradingSessionId.of("00000000-0000-0000-0000-0000000000aa");
    private static final UserId UID = UserId.of("00000000-0000-0000-0000-000000000001");
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    /** A session's state as of a moment shows the settings it traded on then. */
    @Test
    void aSessionsStateShowsTheSettingsItRanWithAtThatMoment() throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        TradingSettings start = TradingSettings.defaults();
        TradingSettings lower = new TradingSettings(start.maxPositions(), new BigDecimal("1.0"),
                start.dailyLossLimitPct(), start.maxDrawdownPct(), start.leverage(), start.positionMode(),
                start.adxThreshold(), start.timeframe(), start.signalConfidence(), start.stopAtr(), start.takeProfitR(),
                start.symbols());
        store.publish(event(0, new TradingSessionStarted(SID, UID, start, new BigDecimal("10000"), T0), T0),
                event(1, new TradingSessionSettingsChanged(SID, UID, lower, T0.plusSeconds(600)),
                        T0.plusSeconds(600)));
        TimeTravel travel = new TimeTravel(store);
        try {
            assertThat(risk(travel.asOf(SID.toString(), T0.plusSeconds(60)).orElseThrow())).isEqualByComparingTo("2.0");
            AggregateHistory after = travel.asOf(SID.toString(), T0.plusSeconds(700)).orElseThrow();
            assertThat(risk(after)).isEqualByComparingTo("1.0");
            assertThat(new ObjectMapper().readTree(after.state()).get("lastEvent").asText())
                    .isEqualTo("TradingSessionSettingsChanged");
        } finally {
            store.shutDown();
        }
    }

    /** A position reduced at the exchange stays open with the rest; the reduced part counts as a trade. */
    @Test
    void aReducedPositionStaysOpenWithTheRemainingQuantity() throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        store.publish(event(0, new TradingSessionStarted(SID, UID, TradingSettings.defaults(), new BigDecimal("10000"), T0), T0),
                event(1, new PositionOpened(SID, UID, "ETH-USDT", Direction.LONG, ExchangePositionSide.LONG,
                        new BigDecimal("1.50"), new BigDecimal("1600.00"), null, null, "td1", new BigDecimal("1.20"),
                        T0.plusSeconds(60)), T0.plusSeconds(60)),
                event(2, new PositionReduced(SID, UID, "ETH-USDT", Direction.LONG, ExchangePositionSide.LONG,
                        new BigDecimal("0.75"), new BigDecimal("0.75"), new BigDecimal("1600.00"),
                        new BigDecimal("1610.00"), new BigDecimal("7.50"), new BigDecimal("0.60"), ExitReason.MANUAL,
                        "201", T0.plusSeconds(120)), T0.plusSeconds(120)));
        TimeTravel travel = new TimeTravel(store);
        try {
            JsonNode state = new ObjectMapper().readTree(
                    travel.asOf(SID.toString(), T0.plusSeconds(180)).orElseThrow().state());
            assertThat(state.get("openPositions").get("ETH-USDT:LONG").get("quantity").decimalValue())
                    .isEqualByComparingTo("0.75");
            assertThat(state.get("openPositions").get("ETH-USDT:LONG").get("entryPrice").decimalValue())
                    .isEqualByComparingTo("1600.00");
            assertThat(state.get("trades").asInt()).isEqualTo(1);
            assertThat(state.get("netPnl").decimalValue()).isEqualByComparingTo("6.90");
        } finally {
            store.shutDown();
        }
    }

    private static GenericDomainEventMessage<Object> event(long sequence, Object payload, Instant at) {
        return new GenericDomainEventMessage<>("TradingSession", SID.toString(), sequence, payload, MetaData.emptyInstance(),
                java.util.UUID.randomUUID().toString(), at);
    }

    private static BigDecimal risk(AggregateHistory history) throws Exception {
        JsonNode state = new ObjectMapper().readTree(history.state());
        return state.get("settings").get("riskPerTradePct").decimalValue();
    }
}
