package dev.trenddesk.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.api.audit.AuditQueries.ReplayStep;
import dev.trenddesk.api.audit.AuditQueries.ReplayUserStates;
import dev.trenddesk.api.audit.UserReplayStates;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionPaused;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.trading.TradingSessionId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user's replay along the user's rows: the aggregates before the page are replayed up to where the rows took
 * them, each step's aggregate up to its event (with any of its events in between), and no more than the cap.
 */
class UserReplayStatesTest {

    private static final TradingSessionId SID = TradingSessionId.of("00000000-0000-0000-0000-0000000000bb");
    private static final UserId UID = UserId.of("00000000-0000-0000-0000-000000000002");
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddedEventStore store;
    private TimeTravel travel;

    @BeforeEach
    void setUp() {
        store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        store.publish(
                event(
                        0,
                        new TradingSessionStarted(
                                SID, UID, TradingSettings.defaults(), new BigDecimal("10000"), T0, ExchangeName.BINGX)),
                event(1, new TradingSessionPaused(SID, UID, T0.plusSeconds(30))),
                event(
                        2,
                        new PositionOpened(
                                SID,
                                UID,
                                "ETH-USDT",
                                Direction.LONG,
                                ExchangePositionSide.LONG,
                                new BigDecimal("1.50"),
                                new BigDecimal("1600.00"),
                                null,
                                null,
                                "td1",
                                new BigDecimal("1.20"),
                                T0.plusSeconds(60))));
        travel = new TimeTravel(store, TimeTravelQueries.aggregateClasses());
    }

    @AfterEach
    void tearDown() {
        store.shutDown();
    }

    @Test
    void eachStepShowsItsAggregateRightAfterItsEventAndThePageStartsFromWhereTheRowsBeforeLeftIt() throws Exception {
        UserReplay replay = new UserReplay(travel, (user, firstSeq) -> List.of(Map.entry(SID.toString(), 0L)));
        UserReplayStates states = replay.states(new ReplayUserStates(
                UID.toString(), 10, stepsOf(new ReplayStep(null, null), new ReplayStep(SID.toString(), 2L)), 100));
        assertThat(states.capped()).isFalse();
        assertThat(states.initial()).hasSize(1);
        JsonNode before = JSON.readTree(states.initial().getFirst().state());
        assertThat(states.initial().getFirst().version()).isZero();
        assertThat(before.get("status").asText()).isEqualTo("RUNNING");
        assertThat(before.get("openPositions")).isEmpty();
        assertThat(states.steps().getFirst())
                .as("an event of no aggregate has no state")
                .isNull();
        UserReplayStates.AggregateState entered = states.steps().get(1);
        assertThat(entered.aggregateType()).isEqualTo("TradingSession");
        assertThat(entered.version()).isEqualTo(2);
        JsonNode after = JSON.readTree(entered.state());
        assertThat(after.get("status").asText())
                .as("the pause between the rows was applied too")
                .isEqualTo("PAUSED");
        assertThat(after.get("openPositions")).hasSize(1);
        assertThat(after.get("lastEvent").asText()).isEqualTo("PositionOpened");
        assertThat(states.replayed()).isEqualTo(3);
    }

    @Test
    void aPageNeedingMoreEventsThanTheCapIsRefusedNotCut() {
        UserReplay replay = new UserReplay(travel, (user, firstSeq) -> List.of());
        List<ReplayStep> steps = stepsOf(new ReplayStep(SID.toString(), 0L), new ReplayStep(SID.toString(), 2L));
        assertThat(replay.states(new ReplayUserStates(UID.toString(), 1, steps, 3))
                        .capped())
                .isFalse();
        UserReplayStates capped = replay.states(new ReplayUserStates(UID.toString(), 1, steps, 2));
        assertThat(capped.capped()).isTrue();
        assertThat(capped.steps()).isEmpty();
        assertThat(capped.initial()).isEmpty();
    }

    private static List<ReplayStep> stepsOf(ReplayStep... steps) {
        return new ArrayList<>(List.of(steps));
    }

    private static GenericDomainEventMessage<Object> event(long sequence, Object payload) {
        return new GenericDomainEventMessage<>(
                "TradingSession",
                SID.toString(),
                sequence,
                payload,
                MetaData.emptyInstance(),
                java.util.UUID.randomUUID().toString(),
                T0.plusSeconds(sequence * 30));
    }
}
