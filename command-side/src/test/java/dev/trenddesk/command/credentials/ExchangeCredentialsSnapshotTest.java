package dev.trenddesk.command.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsEvent.AccountBalanceObserved;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsConnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsHealthChanged;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsHealth;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.credentials.VerificationFailure;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;

/**
 * The idle balance poll adds an AccountBalanceObserved per changed reading, forever: the aggregate is
 * snapshotted so a command does not replay them all. Its snapshot holds no key material.
 */
class ExchangeCredentialsSnapshotTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final UserId TRADER = UserId.of("00000000-0000-0000-0000-0000000000a1");
    private static final CredentialsId ID = CredentialsId.of(TRADER);
    private static final String KEY_CT =
            Base64.getEncoder().encodeToString("api-key-ciphertext-0123456789abcdef".getBytes());
    private static final String SECRET_CT =
            Base64.getEncoder().encodeToString("secret-ciphertext-0123456789abcdef".getBytes());

    @Test
    void isSnapshottedByATriggerTheConfigurationDefines() {
        Aggregate aggregate = ExchangeCredentials.class.getAnnotation(Aggregate.class);
        assertThat(aggregate.snapshotTriggerDefinition()).isEqualTo("exchangeCredentialsSnapshotTrigger");
        assertThat(Arrays.stream(ExchangeCredentialsConfiguration.class.getDeclaredMethods())
                        .filter(m -> m.getName().equals(aggregate.snapshotTriggerDefinition()))
                        .map(Method::getReturnType))
                .containsExactly(SnapshotTriggerDefinition.class);
    }

    /** Snapshots are written by the storage Jackson mapper: the whole state must survive a round trip. */
    @Test
    void stateSurvivesAJacksonSnapshotRoundTripWithoutKeyMaterial() throws Exception {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .findAndRegisterModules();
        ExchangeCredentials credentials = new ExchangeCredentials();
        credentials.on(new CredentialsConnected(
                ID, TRADER, "****Ab12", KEY_CT, SECRET_CT, "a1", false, T0, null, ExchangeName.BINGX));
        credentials.on(new CredentialsVerified(
                ID,
                TRADER,
                "a1",
                "PERPETUAL_FUTURES",
                "USDT",
                new BigDecimal("10000.00"),
                PositionMode.HEDGE,
                5,
                T0,
                true,
                List.of("10.0.0.1"),
                null));
        credentials.on(new CredentialsConnected(
                ID, TRADER, "****Cd34", KEY_CT, SECRET_CT, "a2", true, T0, true, ExchangeName.BINGX));
        credentials.on(new CredentialsHealthChanged(
                ID, TRADER, CredentialsHealth.UNHEALTHY, VerificationFailure.values()[0], T0));
        credentials.on(new AccountBalanceObserved(
                ID, TRADER, new BigDecimal("10012.50"), new BigDecimal("9000.25"), T0.plusSeconds(60)));

        String json = mapper.writeValueAsString(credentials);
        ExchangeCredentials copy = mapper.readValue(json, ExchangeCredentials.class);
        assertThat(mapper.writeValueAsString(copy)).isEqualTo(json);
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = mapper.readValue(json, Map.class);
        assertThat(tree)
                .containsKeys(
                        "id",
                        "userId",
                        "status",
                        "maskedApiKey",
                        "attemptId",
                        "resultAttemptId",
                        "health",
                        "healthReason",
                        "stagedAttemptId",
                        "stagedMaskedApiKey",
                        "lastConnectAttemptId",
                        "observedEquity",
                        "observedAvailable",
                        "observedAt",
                        "readOnly",
                        "exchange",
                        "stagedExchange");
        assertThat(json)
                .contains("VERIFIED")
                .contains("****Ab12")
                .contains("****Cd34")
                .contains("10012.50")
                .contains("\"readOnly\":true");
        assertThat(json).doesNotContain(KEY_CT).doesNotContain(SECRET_CT);
    }
}
