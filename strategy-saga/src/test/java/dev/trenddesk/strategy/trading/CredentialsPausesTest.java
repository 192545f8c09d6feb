package dev.trenddesk.strategy.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsHealthChanged;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerificationFailed;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsHealth;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.credentials.VerificationFailure;
import dev.trenddesk.api.trading.PauseReason;
import dev.trenddesk.api.trading.TradingCommands.PauseTradingSession;
import dev.trenddesk.api.trading.TradingCommands.ResumeTradingSession;
import dev.trenddesk.api.trading.TradingSessionId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which credentials events pause a running bot, and which lift that pause (the session decides whether it applies). */
class CredentialsPausesTest {

    private static final Instant AT = Instant.parse("2026-12-05T08:00:00Z");
    private final UserId user = new UserId(UUID.randomUUID());
    private final CredentialsId credentials = CredentialsId.of(user);
    private final TradingSessionId session = new TradingSessionId(UUID.randomUUID());
    private final List<Object> sent = new CopyOnWriteArrayList<>();
    private CredentialsPauses pauses;

    @BeforeEach
    void setUp() {
        TradingLedger ledger = mock(TradingLedger.class);
        when(ledger.activeSessionsOf(user)).thenReturn(List.of(session));
        CommandGateway commands = mock(CommandGateway.class);
        when(commands.sendAndWait(any())).thenAnswer(call -> {
            sent.add(((CommandMessage<?>) call.getArgument(0)).getPayload());
            return null;
        });
        pauses = new CredentialsPauses(ledger, commands);
    }

    @Test
    void aKeyThatFailsItsVerificationPausesTheBotWithTheReason() {
        pauses.on(new CredentialsVerificationFailed(
                credentials, user, "a2", VerificationFailure.BAD_API_KEY, "100413", AT, null));
        assertThat(sent).singleElement().isInstanceOfSatisfying(PauseTradingSession.class, pause -> {
            assertThat(pause.sessionId()).isEqualTo(session);
            assertThat(pause.reason()).isEqualTo(PauseReason.CREDENTIALS);
            assertThat(pause.detail()).contains("100413");
        });
    }

    @Test
    void aRefusedReplacementKeepsTheBotRunningOnTheVerifiedKey() {
        pauses.on(new CredentialsVerificationFailed(
                credentials, user, "a3", VerificationFailure.BAD_SIGNATURE, "100001", AT, true));
        assertThat(sent).isEmpty();
    }

    @Test
    void aHealthCheckPausesOnlyForTheKeysOwnFaults() {
        pauses.on(new CredentialsHealthChanged(
                credentials, user, CredentialsHealth.UNHEALTHY, VerificationFailure.EXCHANGE_UNREACHABLE, AT));
        assertThat(sent).as("BingX unreachable says nothing about the key").isEmpty();
        pauses.on(new CredentialsHealthChanged(
                credentials, user, CredentialsHealth.UNHEALTHY, VerificationFailure.IP_NOT_WHITELISTED, AT));
        assertThat(sent).singleElement().isInstanceOf(PauseTradingSession.class);
    }

    @Test
    void aKeyThatVerifiesOrHealsLiftsOnlyACredentialsPause() {
        pauses.on(verified(false));
        pauses.on(new CredentialsHealthChanged(credentials, user, CredentialsHealth.HEALTHY, null, AT));
        assertThat(sent).hasSize(2).allSatisfy(command -> assertThat(command)
                .isEqualTo(new ResumeTradingSession(session, AT, PauseReason.CREDENTIALS)));
    }

    @Test
    void aReadOnlyKeyPausesTheBot() {
        pauses.on(verified(true));
        assertThat(sent).singleElement().isInstanceOfSatisfying(PauseTradingSession.class, pause -> assertThat(
                        pause.detail())
                .contains("read-only"));
    }

    private CredentialsVerified verified(boolean readOnly) {
        return new CredentialsVerified(
                credentials,
                user,
                "a4",
                "USDT_M_PERPETUAL_SIM",
                "USDT",
                new BigDecimal("10000"),
                PositionMode.HEDGE,
                5,
                AT,
                readOnly,
                List.of(),
                null);
    }
}
