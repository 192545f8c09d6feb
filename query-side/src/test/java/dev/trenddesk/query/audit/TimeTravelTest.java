package dev.trenddesk.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.api.audit.AggregateHistory;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
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

    private static GenericDomainEventMessage<Object> event(long sequence, Object payload, Instant at) {
        return new GenericDomainEventMessage<>("TradingSession", SID.toString(), sequence, payload, MetaData.emptyInstance(),
                java.util.UUID.randomUUID().toString(), at);
    }

    private static BigDecimal risk(AggregateHistory history) throws Exception {
        JsonNode state = new ObjectMapper().readTree(history.state());
        return state.get("settings").get("riskPerTradePct").decimalValue();
    }
}
