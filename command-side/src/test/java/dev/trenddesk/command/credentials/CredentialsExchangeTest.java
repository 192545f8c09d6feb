package dev.trenddesk.command.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsCommands.ConnectCredentials;
import dev.trenddesk.api.credentials.CredentialsCommands.RequireTradingKey;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsConnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsDisconnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerificationFailed;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.credentials.VerificationFailure;
import dev.trenddesk.command.user.UserDirectory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.axonframework.serialization.Revision;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The credentials know which exchange their key belongs to: the connect command names it, the event records
 * it, a staged key's exchange becomes the key in use's when it is verified, the aggregate's view (time
 * travel) shows it, and a bot's start is told it.
 */
class CredentialsExchangeTest {

    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");
    private static final UserId TRADER = UserId.of("00000000-0000-0000-0000-0000000000c1");
    private static final CredentialsId ID = CredentialsId.of(TRADER);
    private static final String CT = Base64.getEncoder().encodeToString(new byte[40]);

    private AggregateTestFixture<ExchangeCredentials> fixture;

    @BeforeEach
    void setUp() {
        UserDirectory directory = mock(UserDirectory.class);
        when(directory.roleOf(TRADER)).thenReturn(Optional.of(Role.TRADER));
        fixture = new AggregateTestFixture<>(ExchangeCredentials.class);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(new DisconnectGuards(List.of()));
    }

    private static CredentialsConnected connected(String attempt, Boolean staged) {
        return new CredentialsConnected(
                ID,
                TRADER,
                staged == null ? "****Ab12" : "****Cd34",
                CT,
                CT,
                attempt,
                staged != null,
                T0,
                staged,
                ExchangeName.BINGX);
    }

    private static CredentialsVerified verified(String attempt, Boolean staged) {
        return new CredentialsVerified(
                ID,
                TRADER,
                attempt,
                "USDT_M_PERPETUAL",
                "USDT",
                new BigDecimal("500"),
                PositionMode.HEDGE,
                5,
                T0.plusSeconds(1),
                false,
                List.of(),
                staged);
    }

    @Test
    void theConnectedKeyRecordsTheExchangeTheCommandNames() {
        fixture.givenNoPriorActivity()
                .when(new ConnectCredentials(ID, TRADER, ExchangeName.BINGX, "****Ab12", CT, CT, "a1", T0))
                .expectEvents(connected("a1", null))
                .expectState(state -> {
                    assertThat(state.view().exchange()).isEqualTo(ExchangeName.BINGX);
                    assertThat(state.view().stagedExchange()).isNull();
                });
    }

    @Test
    void aKeyWithoutAnExchangeIsRefusedNamingTheField() {
        fixture.givenNoPriorActivity()
                .when(new ConnectCredentials(ID, TRADER, null, "****Ab12", CT, CT, "a1", T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("exchange: is required"))
                .expectNoEvents();
    }

    @Test
    void aStagedKeysExchangeIsShownBesideTheKeyInUseAndTakesOverWhenVerified() {
        fixture.given(connected("a1", null), verified("a1", null))
                .when(new ConnectCredentials(ID, TRADER, ExchangeName.BINGX, "****Cd34", CT, CT, "a2", T0))
                .expectEvents(connected("a2", true))
                .expectState(state -> {
                    assertThat(state.view().exchange()).isEqualTo(ExchangeName.BINGX);
                    assertThat(state.view().stagedMaskedApiKey()).isEqualTo("****Cd34");
                    assertThat(state.view().stagedExchange()).isEqualTo(ExchangeName.BINGX);
                });
        ExchangeCredentials promoted =
                replay(connected("a1", null), verified("a1", null), connected("a2", true), verified("a2", true));
        assertThat(promoted.view().maskedApiKey()).isEqualTo("****Cd34");
        assertThat(promoted.view().exchange()).isEqualTo(ExchangeName.BINGX);
        assertThat(promoted.view().stagedExchange()).isNull();
        ExchangeCredentials refused = replay(
                connected("a1", null),
                verified("a1", null),
                connected("a2", true),
                new CredentialsVerificationFailed(
                        ID, TRADER, "a2", VerificationFailure.BAD_API_KEY, "100413", T0, true));
        assertThat(refused.view().exchange()).isEqualTo(ExchangeName.BINGX);
        assertThat(refused.view().stagedExchange()).isNull();
    }

    @Test
    void aTradingKeyAnswersItsExchangeForTheBotsStart() {
        fixture.given(connected("a1", null), verified("a1", null))
                .when(new RequireTradingKey(ID))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ExchangeName.BINGX)
                .expectNoEvents();
    }

    @Test
    void theRemovedKeysExchangeStaysOnRecord() {
        ExchangeCredentials disconnected = replay(
                connected("a1", null),
                verified("a1", null),
                new CredentialsDisconnected(ID, TRADER, "****Ab12", T0.plusSeconds(5)));
        assertThat(disconnected.view().exchange()).isEqualTo(ExchangeName.BINGX);
    }

    /** Snapshots taken before the state knew its exchange are of another revision: Axon replays the events. */
    @Test
    void theAggregateStateHasANewRevisionSoOlderSnapshotsAreNotUsed() {
        assertThat(ExchangeCredentials.class.getAnnotation(Revision.class))
                .isNotNull()
                .extracting(Revision::value)
                .isEqualTo("2");
    }

    private static ExchangeCredentials replay(Object... events) {
        ExchangeCredentials credentials = new ExchangeCredentials();
        for (Object event : events) {
            switch (event) {
                case CredentialsConnected e -> credentials.on(e);
                case CredentialsVerified e -> credentials.on(e);
                case CredentialsVerificationFailed e -> credentials.on(e);
                case CredentialsDisconnected e -> credentials.on(e);
                default -> throw new IllegalArgumentException(event.toString());
            }
        }
        return credentials;
    }
}
