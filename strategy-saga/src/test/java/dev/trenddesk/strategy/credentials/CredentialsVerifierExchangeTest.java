package dev.trenddesk.strategy.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsCommands.RecordCredentialsVerificationFailed;
import dev.trenddesk.api.credentials.SecretFields;
import dev.trenddesk.api.credentials.VerificationFailure;
import dev.trenddesk.strategy.exchange.Exchange;
import dev.trenddesk.strategy.exchange.ExchangeKey;
import dev.trenddesk.strategy.exchange.Exchanges;
import dev.trenddesk.strategy.exchange.TradingConnection;
import dev.trenddesk.vault.KeyVault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;

/**
 * A key is verified and health-checked at the adapter of the exchange it is recorded with; a key of an
 * exchange this process has no adapter for fails, naming it, and no other exchange is asked.
 */
class CredentialsVerifierExchangeTest {

    private final UserId user = new UserId(UUID.randomUUID());
    private final KeyVault vault = mock(KeyVault.class);
    private final SystemCommands commands = mock(SystemCommands.class);
    private final CredentialsSettings settings = new CredentialsSettings(
            Duration.ofMinutes(5),
            Duration.ofSeconds(10),
            20,
            Duration.ofMinutes(2),
            Duration.ofSeconds(2),
            "BTC-USDT");
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void setUp() {
        when(vault.decryptText(any(), eq(SecretFields.API_KEY), anyString())).thenReturn("api-key-0123456789");
        when(vault.decryptText(any(), eq(SecretFields.SECRET_KEY), anyString())).thenReturn("secret-0123456789");
        when(commands.send(any(), anyString(), any())).thenReturn(CompletableFuture.completedFuture(null));
        when(commands.sendFromReactive(any(), anyString(), any())).thenCallRealMethod();
    }

    private CredentialsVerifier verifier(Exchange... adapters) {
        return new CredentialsVerifier(vault, new Exchanges(List.of(adapters)), commands, settings, clock, "sim");
    }

    @Test
    void theKeyIsVerifiedAtTheAdapterOfItsRecordedExchange() {
        Exchange bingx = mock(Exchange.class);
        when(bingx.name()).thenReturn("BINGX");
        TradingConnection connection = mock(TradingConnection.class);
        when(connection.balance()).thenReturn(Mono.error(new IllegalStateException("refused in this test")));
        when(bingx.connect(any())).thenReturn(connection);

        verifier(bingx)
                .verifyAndReport(user, ExchangeName.BINGX, "a1", "ct", "ct", null)
                .block(Duration.ofSeconds(5));

        verify(bingx).connect(new ExchangeKey("api-key-0123456789", "secret-0123456789"));
        verify(connection).balance();
    }

    @Test
    void aKeyOfAnExchangeWithoutAdapterFailsItsVerificationNamingIt() {
        verifier()
                .verifyAndReport(user, ExchangeName.BINGX, "a1", "ct", "ct", null)
                .block(Duration.ofSeconds(5));

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands).send(sent.capture(), eq(SystemCommands.VERIFIER), any());
        assertThat(sent.getValue()).isInstanceOfSatisfying(RecordCredentialsVerificationFailed.class, failed -> {
            assertThat(failed.attemptId()).isEqualTo("a1");
            assertThat(failed.reason()).isEqualTo(VerificationFailure.EXCHANGE_UNREACHABLE);
            assertThat(failed.detail())
                    .isEqualTo("no exchange adapter is named BINGX in this process (the adapters here: [])");
        });
    }

    @Test
    void theHealthCheckOfSuchAKeyReportsItUnhealthyNamingTheExchange() {
        FailureClassifier.Classified seen = verifier()
                .checkHealth(ExchangeName.BINGX, new ExchangeKey("api-key-0123456789", "secret-0123456789"))
                .block(Duration.ofSeconds(5));
        assertThat(seen).isNotNull();
        assertThat(seen.reason()).isEqualTo(VerificationFailure.EXCHANGE_UNREACHABLE);
        assertThat(seen.detail()).startsWith("no exchange adapter is named BINGX");
    }
}
