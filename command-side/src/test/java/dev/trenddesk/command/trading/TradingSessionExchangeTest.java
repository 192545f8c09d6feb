package dev.trenddesk.command.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.TradingCommands.StartTradingSession;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.command.platform.PlatformHalts;
import dev.trenddesk.command.platform.PlatformSettingsStore;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session records the exchange it trades on (the exchange of the trader's verified credentials, which
 * the starter names) and time travel's view shows it; a start without one is refused.
 */
class TradingSessionExchangeTest {

    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");
    private static final TradingSessionId SID = TradingSessionId.of("00000000-0000-0000-0000-0000000000e1");
    private static final UserId UID = UserId.of("00000000-0000-0000-0000-0000000000e2");
    private static final BigDecimal BALANCE = new BigDecimal("2500");

    private AggregateTestFixture<TradingSession> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TradingSession.class);
        fixture.registerInjectableResource(mock(ActiveSessions.class));
        fixture.registerInjectableResource(mock(PlatformHalts.class));
        fixture.registerInjectableResource(mock(PlatformSettingsStore.class));
        fixture.registerInjectableResource(mock(dev.trenddesk.command.plan.PlanStore.class));
    }

    @Test
    void theStartedEventRecordsTheExchangeAndTheViewShowsIt() {
        fixture.givenNoPriorActivity()
                .when(new StartTradingSession(SID, UID, ExchangeName.BINGX, TradingSettings.defaults(), BALANCE, T0))
                .expectEvents(new TradingSessionStarted(
                        SID, UID, TradingSettings.defaults(), BALANCE, T0, ExchangeName.BINGX))
                .expectState(session -> assertThat(session.view().exchange()).isEqualTo(ExchangeName.BINGX));
    }

    @Test
    void aStartThatDoesNotNameTheExchangeIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new StartTradingSession(SID, UID, null, TradingSettings.defaults(), BALANCE, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("exchange: is required"))
                .expectNoEvents();
    }

    /** Snapshots taken before the state knew its exchange are of another revision: Axon replays the events. */
    @Test
    void theAggregateStateHasANewRevisionSoOlderSnapshotsAreNotUsed() {
        assertThat(TradingSession.class.getAnnotation(Revision.class))
                .isNotNull()
                .extracting(Revision::value)
                .isEqualTo("2");
    }
}
