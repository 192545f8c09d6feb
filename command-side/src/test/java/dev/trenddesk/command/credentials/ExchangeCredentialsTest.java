package dev.trenddesk.command.credentials;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsCommands.ConnectCredentials;
import dev.trenddesk.api.credentials.CredentialsCommands.DisconnectCredentials;
import dev.trenddesk.api.credentials.CredentialsCommands.RecordCredentialsVerificationFailed;
import dev.trenddesk.api.credentials.CredentialsCommands.RecordCredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsCommands.RecordHealthCheck;
import dev.trenddesk.api.credentials.CredentialsCommands.TestCredentials;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsConnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsDisconnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsHealthChanged;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerificationFailed;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerificationRequested;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsHealth;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.credentials.VerificationFailure;
import dev.trenddesk.command.user.UserDirectory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExchangeCredentialsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final UserId TRADER = UserId.of("00000000-0000-0000-0000-0000000000a1");
    private static final UserId ADMIN = UserId.of("00000000-0000-0000-0000-0000000000a2");
    private static final CredentialsId ID = CredentialsId.of(TRADER);
    private static final String KEY_CT = Base64.getEncoder().encodeToString(new byte[40]);
    private static final String SECRET_CT = Base64.getEncoder().encodeToString(new byte[60]);

    private AggregateTestFixture<ExchangeCredentials> fixture;
    private final List<String> refusedBy = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() {
        UserDirectory directory = mock(UserDirectory.class);
        when(directory.roleOf(TRADER)).thenReturn(Optional.of(Role.TRADER));
        when(directory.roleOf(ADMIN)).thenReturn(Optional.of(Role.ADMIN));
        fixture = new AggregateTestFixture<>(ExchangeCredentials.class);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(new DisconnectGuards(List.of(userId -> {
            if (refusedBy.contains(userId.toString())) {
                throw new IllegalStateException("stop your bot first");
            }
        })));
    }

    private static ConnectCredentials connect(String attempt) {
        return new ConnectCredentials(ID, TRADER, ExchangeName.BINGX, "****Ab12", KEY_CT, SECRET_CT, attempt, T0);
    }

    private static CredentialsConnected connected(String attempt, boolean replaced) {
        return new CredentialsConnected(
                ID, TRADER, "****Ab12", KEY_CT, SECRET_CT, attempt, replaced, T0, null, ExchangeName.BINGX);
    }

    /** A new key for a user whose key is verified: staged, the verified key stays in use. */
    private static CredentialsConnected staged(String attempt) {
        return new CredentialsConnected(
                ID, TRADER, "****Cd34", KEY_CT, SECRET_CT, attempt, true, T0, true, ExchangeName.BINGX);
    }

    private static ConnectCredentials connectOther(String attempt) {
        return new ConnectCredentials(ID, TRADER, ExchangeName.BINGX, "****Cd34", KEY_CT, SECRET_CT, attempt, T0);
    }

    private static RecordCredentialsVerified recordVerified(String attempt) {
        return new RecordCredentialsVerified(
                ID,
                attempt,
                "PERPETUAL_FUTURES_SIM",
                "USDT",
                new BigDecimal("10000.00"),
                PositionMode.HEDGE,
                5,
                false,
                List.of(),
                T0.plusSeconds(1));
    }

    private static CredentialsVerified verified(String attempt) {
        return new CredentialsVerified(
                ID,
                TRADER,
                attempt,
                "PERPETUAL_FUTURES_SIM",
                "USDT",
                new BigDecimal("10000.00"),
                PositionMode.HEDGE,
                5,
                T0.plusSeconds(1),
                false,
                List.of(),
                null);
    }

    @Test
    void connectingStoresCiphertextOnlyAndStartsPending() {
        fixture.givenNoPriorActivity()
                .when(connect("a1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(connected("a1", false));
    }

    @Test
    void refusesConnectFromSomeoneWhoIsNotATrader() {
        fixture.givenNoPriorActivity()
                .when(new ConnectCredentials(
                        CredentialsId.of(ADMIN), ADMIN, ExchangeName.BINGX, "****Ab12", KEY_CT, SECRET_CT, "a1", T0))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage("only traders can connect a BingX key")
                .expectNoEvents();
    }

    @Test
    void refusesPlaintextInsteadOfCiphertext() {
        fixture.givenNoPriorActivity()
                .when(new ConnectCredentials(
                        ID, TRADER, ExchangeName.BINGX, "****Ab12", "not-base64 plaintext key!", SECRET_CT, "a1", T0))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAMaskThatShowsMoreThanFourCharacters() {
        fixture.givenNoPriorActivity()
                .when(new ConnectCredentials(ID, TRADER, ExchangeName.BINGX, "abcdefAb12", KEY_CT, SECRET_CT, "a1", T0))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void refusesACredentialsIdOfAnotherUser() {
        fixture.givenNoPriorActivity()
                .when(new ConnectCredentials(
                        CredentialsId.of(ADMIN), TRADER, ExchangeName.BINGX, "****Ab12", KEY_CT, SECRET_CT, "a1", T0))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void verificationOfTheCurrentAttemptVerifies() {
        fixture.given(connected("a1", false)).when(recordVerified("a1")).expectEvents(verified("a1"));
    }

    @Test
    void verificationFailureIsRecordedWithItsReason() {
        fixture.given(connected("a1", false))
                .when(new RecordCredentialsVerificationFailed(
                        ID, "a1", VerificationFailure.BAD_SIGNATURE, "BingX code 100001", T0.plusSeconds(1)))
                .expectEvents(new CredentialsVerificationFailed(
                        ID,
                        TRADER,
                        "a1",
                        VerificationFailure.BAD_SIGNATURE,
                        "BingX code 100001",
                        T0.plusSeconds(1),
                        null));
    }

    @Test
    void ignoresTheResultOfAReplacedKeysVerification() {
        fixture.given(connected("a1", false), connected("a2", true))
                .when(recordVerified("a1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void ignoresASecondResultForTheSameAttempt() {
        fixture.given(connected("a1", false), verified("a1"))
                .when(new RecordCredentialsVerificationFailed(
                        ID, "a1", VerificationFailure.EXCHANGE_UNREACHABLE, "HTTP 503", T0.plusSeconds(2)))
                .expectNoEvents();
    }

    @Test
    void replacingAVerifiedKeyStagesTheNewOne() {
        fixture.given(connected("a1", false), verified("a1"))
                .when(connectOther("a2"))
                .expectEvents(staged("a2"));
    }

    @Test
    void replacingAKeyThatIsNotVerifiedReplacesItAtOnce() {
        fixture.given(
                        connected("a1", false),
                        new CredentialsVerificationFailed(
                                ID, TRADER, "a1", VerificationFailure.BAD_SIGNATURE, "BingX code 100001", T0, null))
                .when(connect("a2"))
                .expectEvents(connected("a2", true));
        fixture.given(connected("a1", false)).when(connect("a2")).expectEvents(connected("a2", true));
    }

    @Test
    void aStagedKeysFailureDropsItAndTheVerifiedKeyStaysInUse() {
        fixture.given(connected("a1", false), verified("a1"), staged("a2"))
                .when(new RecordCredentialsVerificationFailed(
                        ID, "a2", VerificationFailure.BAD_API_KEY, "BingX code 100413", T0.plusSeconds(2)))
                .expectEvents(new CredentialsVerificationFailed(
                        ID,
                        TRADER,
                        "a2",
                        VerificationFailure.BAD_API_KEY,
                        "BingX code 100413",
                        T0.plusSeconds(2),
                        true));
        // still verified: health checks of the old key go on, and a disconnect names the old key
        List<Object> afterFailure = List.of(
                connected("a1", false),
                verified("a1"),
                staged("a2"),
                new CredentialsVerificationFailed(ID, TRADER, "a2", VerificationFailure.BAD_API_KEY, "x", T0, true));
        fixture.given(afterFailure)
                .when(new RecordHealthCheck(
                        ID, CredentialsHealth.UNHEALTHY, VerificationFailure.EXCHANGE_UNREACHABLE, T0.plusSeconds(300)))
                .expectEvents(new CredentialsHealthChanged(
                        ID,
                        TRADER,
                        CredentialsHealth.UNHEALTHY,
                        VerificationFailure.EXCHANGE_UNREACHABLE,
                        T0.plusSeconds(300)));
        fixture.given(afterFailure)
                .when(new DisconnectCredentials(ID, T0.plusSeconds(9)))
                .expectEvents(new CredentialsDisconnected(ID, TRADER, "****Ab12", T0.plusSeconds(9)));
        fixture.given(afterFailure).when(recordVerified("a2")).expectNoEvents();
    }

    @Test
    void aStagedKeysVerificationPromotesIt() {
        fixture.given(connected("a1", false), verified("a1"), staged("a2"))
                .when(recordVerified("a2"))
                .expectEvents(new CredentialsVerified(
                        ID,
                        TRADER,
                        "a2",
                        "PERPETUAL_FUTURES_SIM",
                        "USDT",
                        new BigDecimal("10000.00"),
                        PositionMode.HEDGE,
                        5,
                        T0.plusSeconds(1),
                        false,
                        List.of(),
                        true));
        fixture.given(
                        connected("a1", false),
                        verified("a1"),
                        staged("a2"),
                        new CredentialsVerified(
                                ID,
                                TRADER,
                                "a2",
                                "PERPETUAL_FUTURES_SIM",
                                "USDT",
                                new BigDecimal("10000.00"),
                                PositionMode.HEDGE,
                                5,
                                T0,
                                false,
                                List.of(),
                                true))
                .when(new DisconnectCredentials(ID, T0.plusSeconds(9)))
                .expectEvents(new CredentialsDisconnected(ID, TRADER, "****Cd34", T0.plusSeconds(9)));
    }

    @Test
    void aNewerStagedKeyReplacesAnOlderPendingOne() {
        fixture.given(connected("a1", false), verified("a1"), staged("a2"), staged("a3"))
                .when(recordVerified("a2"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(connected("a1", false), verified("a1"), staged("a2"))
                .when(connectOther("a2"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReadOnlyKeyIsRecordedReadOnly() {
        fixture.given(connected("a1", false))
                .when(new RecordCredentialsVerified(
                        ID,
                        "a1",
                        "PERPETUAL_FUTURES_SIM",
                        "USDT",
                        new BigDecimal("10000.00"),
                        PositionMode.HEDGE,
                        5,
                        true,
                        List.of("203.0.113.7"),
                        T0.plusSeconds(1)))
                .expectEvents(new CredentialsVerified(
                        ID,
                        TRADER,
                        "a1",
                        "PERPETUAL_FUTURES_SIM",
                        "USDT",
                        new BigDecimal("10000.00"),
                        PositionMode.HEDGE,
                        5,
                        T0.plusSeconds(1),
                        true,
                        List.of("203.0.113.7"),
                        null));
    }

    @Test
    void theSameConnectDeliveredTwiceConnectsOnce() {
        fixture.given(connected("a1", false))
                .when(connect("a1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void testConnectionRequestsAnotherVerification() {
        fixture.given(connected("a1", false), verified("a1"))
                .when(new TestCredentials(ID, "t1", T0.plusSeconds(5)))
                .expectEvents(new CredentialsVerificationRequested(ID, TRADER, "t1", T0.plusSeconds(5)));
    }

    @Test
    void testConnectionWithoutAKeyIsAConflict() {
        fixture.given(connected("a1", false), new CredentialsDisconnected(ID, TRADER, "****Ab12", T0))
                .when(new TestCredentials(ID, "t1", T0.plusSeconds(5)))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage("connect a BingX key first");
    }

    @Test
    void healthCheckRecordsOnlyChanges() {
        fixture.given(connected("a1", false), verified("a1"))
                .when(new RecordHealthCheck(ID, CredentialsHealth.HEALTHY, null, T0.plusSeconds(300)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(connected("a1", false), verified("a1"))
                .when(new RecordHealthCheck(
                        ID, CredentialsHealth.UNHEALTHY, VerificationFailure.EXCHANGE_UNREACHABLE, T0.plusSeconds(300)))
                .expectEvents(new CredentialsHealthChanged(
                        ID,
                        TRADER,
                        CredentialsHealth.UNHEALTHY,
                        VerificationFailure.EXCHANGE_UNREACHABLE,
                        T0.plusSeconds(300)));
        fixture.given(
                        connected("a1", false),
                        verified("a1"),
                        new CredentialsHealthChanged(
                                ID,
                                TRADER,
                                CredentialsHealth.UNHEALTHY,
                                VerificationFailure.EXCHANGE_UNREACHABLE,
                                T0.plusSeconds(300)))
                .when(new RecordHealthCheck(
                        ID, CredentialsHealth.UNHEALTHY, VerificationFailure.EXCHANGE_UNREACHABLE, T0.plusSeconds(600)))
                .expectNoEvents();
        fixture.given(
                        connected("a1", false),
                        verified("a1"),
                        new CredentialsHealthChanged(
                                ID,
                                TRADER,
                                CredentialsHealth.UNHEALTHY,
                                VerificationFailure.EXCHANGE_UNREACHABLE,
                                T0.plusSeconds(300)))
                .when(new RecordHealthCheck(ID, CredentialsHealth.HEALTHY, null, T0.plusSeconds(600)))
                .expectEvents(
                        new CredentialsHealthChanged(ID, TRADER, CredentialsHealth.HEALTHY, null, T0.plusSeconds(600)));
    }

    @Test
    void healthChecksOfKeysThatAreNotVerifiedAreIgnored() {
        fixture.given(connected("a1", false))
                .when(new RecordHealthCheck(ID, CredentialsHealth.UNHEALTHY, VerificationFailure.BAD_API_KEY, T0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void disconnectRemovesTheKey() {
        fixture.given(connected("a1", false), verified("a1"))
                .when(new DisconnectCredentials(ID, T0.plusSeconds(9)))
                .expectEvents(new CredentialsDisconnected(ID, TRADER, "****Ab12", T0.plusSeconds(9)));
    }

    @Test
    void disconnectIsRefusedWhenAGuardRefuses() {
        refusedBy.add(TRADER.toString());
        fixture.given(connected("a1", false), verified("a1"))
                .when(new DisconnectCredentials(ID, T0.plusSeconds(9)))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage("stop your bot first")
                .expectNoEvents();
    }

    @Test
    void disconnectingTwiceChangesNothing() {
        fixture.given(connected("a1", false), new CredentialsDisconnected(ID, TRADER, "****Ab12", T0))
                .when(new DisconnectCredentials(ID, T0.plusSeconds(9)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aResultArrivingAfterDisconnectIsIgnored() {
        fixture.given(connected("a1", false), new CredentialsDisconnected(ID, TRADER, "****Ab12", T0))
                .when(recordVerified("a1"))
                .expectNoEvents();
    }

    @Test
    void reconnectingAfterDisconnectIsNotAReplacement() {
        fixture.given(connected("a1", false), new CredentialsDisconnected(ID, TRADER, "****Ab12", T0))
                .when(connect("a2"))
                .expectEvents(connected("a2", false));
    }
}
