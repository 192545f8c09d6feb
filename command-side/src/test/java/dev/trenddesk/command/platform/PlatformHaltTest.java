package dev.trenddesk.command.platform;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.platform.PlatformCommands;
import dev.trenddesk.api.platform.PlatformCommands.EngageKillSwitch;
import dev.trenddesk.api.platform.PlatformCommands.ReleaseKillSwitch;
import dev.trenddesk.api.platform.PlatformEvent.KillSwitchEngaged;
import dev.trenddesk.api.platform.PlatformEvent.KillSwitchReleased;
import dev.trenddesk.command.Refusals;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformHaltTest {

    private static final String ID = PlatformCommands.HALT_ID;
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-12-01T11:00:00Z");

    private AggregateTestFixture<PlatformHalt> fixture;
    private PlatformHalts halts;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PlatformHalt.class);
        halts = mock(PlatformHalts.class);
        fixture.registerInjectableResource(halts);
    }

    @Test
    void engagesWithAReasonAndTheFlattenChoiceMirroringItForTheSessions() {
        fixture.givenNoPriorActivity()
                .when(new EngageKillSwitch(ID, "  exchange outage  ", true, T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new KillSwitchEngaged(ID, "exchange outage", true, T0));
        verify(halts).engaged("exchange outage", T0);
    }

    @Test
    void engagingNeedsAReason() {
        for (String none : new String[] {null, "", "   "}) {
            fixture.givenNoPriorActivity()
                    .when(new EngageKillSwitch(ID, none, false, T0))
                    .expectException(InvalidInputException.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("reason"))
                    .expectNoEvents();
        }
        for (String garbled : new String[] {
            "x".repeat(PlatformHalt.MAX_REASON + 1), "bell\u0007", "x\ud800", "\u202eevil", "nul\u0000"
        }) {
            fixture.givenNoPriorActivity()
                    .when(new EngageKillSwitch(ID, garbled, false, T0))
                    .expectException(InvalidInputException.class)
                    .expectNoEvents();
        }
        fixture.givenNoPriorActivity()
                .when(new EngageKillSwitch(ID, "Überlastung 😀", false, T0))
                .expectEvents(new KillSwitchEngaged(ID, "Überlastung 😀", false, T0));
    }

    @Test
    void engagingTwiceIsRefused() {
        fixture.given(new KillSwitchEngaged(ID, "exchange outage", false, T0))
                .when(new EngageKillSwitch(ID, "again", true, T1))
                .expectException(Refusals.refusedWith(RejectionCode.KILL_SWITCH_ALREADY_ENGAGED))
                .expectNoEvents();
        verify(halts, never()).engaged("again", T1);
    }

    @Test
    void releasesWithAnOptionalReasonAndMayEngageAgainAfterwards() {
        fixture.given(new KillSwitchEngaged(ID, "exchange outage", false, T0))
                .when(new ReleaseKillSwitch(ID, " ", T1))
                .expectEvents(new KillSwitchReleased(ID, null, T1));
        verify(halts).released();
        fixture.given(new KillSwitchEngaged(ID, "exchange outage", false, T0))
                .when(new ReleaseKillSwitch(ID, "BingX is back", T1))
                .expectEvents(new KillSwitchReleased(ID, "BingX is back", T1));
        fixture.given(new KillSwitchEngaged(ID, "exchange outage", false, T0), new KillSwitchReleased(ID, null, T1))
                .when(new EngageKillSwitch(ID, "again", false, T1))
                .expectEvents(new KillSwitchEngaged(ID, "again", false, T1));
    }

    @Test
    void releasingWhenNotEngagedIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ReleaseKillSwitch(ID, null, T0))
                .expectException(Refusals.refusedWith(RejectionCode.KILL_SWITCH_NOT_ENGAGED))
                .expectNoEvents();
        fixture.given(new KillSwitchEngaged(ID, "r", false, T0), new KillSwitchReleased(ID, null, T1))
                .when(new ReleaseKillSwitch(ID, null, T1))
                .expectException(Refusals.refusedWith(RejectionCode.KILL_SWITCH_NOT_ENGAGED))
                .expectNoEvents();
        verify(halts, never()).released();
    }
}
