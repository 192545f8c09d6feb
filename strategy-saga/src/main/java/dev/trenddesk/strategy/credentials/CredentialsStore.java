package dev.trenddesk.strategy.credentials;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsConnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsDisconnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsHealthChanged;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerificationFailed;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerificationRequested;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsStatus;
import dev.trenddesk.api.user.UserEvent.UserErased;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code credentials_secrets} from the credentials events (JDBC inside Axon's unit of work,
 * idempotent, cleared on reset) and starts verification when a key is connected or a test is asked
 * for. Verification is a side effect: it never runs on replay ({@link ReplayStatus}), while the
 * table is rebuilt.
 */
@Component
@ProcessingGroup(CredentialsStore.GROUP)
public class CredentialsStore {

    public static final String GROUP = "credentials-store";

    private final JdbcTemplate jdbc;
    private final CredentialsVerifier verifier;
    private final CredentialsSettings settings;
    private final ApplicationEventPublisher publisher;

    public CredentialsStore(
            JdbcTemplate jdbc,
            CredentialsVerifier verifier,
            CredentialsSettings settings,
            ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.verifier = verifier;
        this.settings = settings;
        this.publisher = publisher;
    }

    /** A stored key's ciphertext and state, and the exchange it belongs to, as this table has it. */
    public record StoredKey(
            UserId userId,
            CredentialsStatus status,
            String apiKeyCiphertext,
            String secretKeyCiphertext,
            String attemptId,
            String health,
            boolean readOnly,
            ExchangeName exchange) {}

    @EventHandler
    void on(CredentialsConnected event, ReplayStatus replay, @MetaDataValue("traceId") String traceId) {
        if (event.isStaged()) {
            // the verified key stays in use; the new one waits beside it for its verification
            jdbc.update(
                    """
                    update credentials_secrets set staged_attempt_id = ?, staged_masked_api_key = ?,
                        staged_api_key_ciphertext = ?, staged_secret_key_ciphertext = ?, staged_at = ?,
                        staged_exchange = ?
                    where user_id = ?
                    """,
                    event.attemptId(),
                    event.maskedApiKey(),
                    event.apiKeyCiphertext(),
                    event.secretKeyCiphertext(),
                    Timestamp.from(event.at()),
                    event.exchange().name(),
                    event.userId().value());
            if (!replay.isReplay()) {
                verifier.verifyAndReport(
                                event.userId(),
                                event.exchange(),
                                event.attemptId(),
                                event.apiKeyCiphertext(),
                                event.secretKeyCiphertext(),
                                traceId)
                        .subscribe();
            }
            return;
        }
        jdbc.update(
                """
                insert into credentials_secrets (user_id, status, masked_api_key, api_key_ciphertext,
                    secret_key_ciphertext, attempt_id, health, next_health_check_at, updated_at, exchange)
                values (?, 'PENDING', ?, ?, ?, ?, null, null, ?, ?)
                on conflict (user_id) do update set status = 'PENDING', masked_api_key = excluded.masked_api_key,
                    exchange = excluded.exchange, staged_exchange = null,
                    api_key_ciphertext = excluded.api_key_ciphertext,
                    secret_key_ciphertext = excluded.secret_key_ciphertext, attempt_id = excluded.attempt_id,
                    health = null, next_health_check_at = null, updated_at = excluded.updated_at,
                    staged_attempt_id = null, staged_masked_api_key = null, staged_api_key_ciphertext = null,
                    staged_secret_key_ciphertext = null, staged_at = null, read_only = false
                """,
                event.userId().value(),
                event.maskedApiKey(),
                event.apiKeyCiphertext(),
                event.secretKeyCiphertext(),
                event.attemptId(),
                Timestamp.from(event.at()),
                event.exchange().name());
        if (!replay.isReplay()) {
            verifier.verifyAndReport(
                            event.userId(),
                            event.exchange(),
                            event.attemptId(),
                            event.apiKeyCiphertext(),
                            event.secretKeyCiphertext(),
                            traceId)
                    .subscribe();
        }
    }

    @EventHandler
    void on(CredentialsVerificationRequested event, ReplayStatus replay, @MetaDataValue("traceId") String traceId) {
        jdbc.update(
                "update credentials_secrets set attempt_id = ?, updated_at = ? where user_id = ?",
                event.attemptId(),
                Timestamp.from(event.at()),
                event.userId().value());
        if (!replay.isReplay()) {
            find(event.userId()).ifPresent(key -> verifier.verifyAndReport(
                            event.userId(),
                            key.exchange(),
                            event.attemptId(),
                            key.apiKeyCiphertext(),
                            key.secretKeyCiphertext(),
                            traceId)
                    .subscribe());
        }
    }

    @EventHandler
    void on(CredentialsVerified event, ReplayStatus replay) {
        if (event.isStaged()) {
            // the staged key is verified: it becomes the key in use
            jdbc.update("""
                    update credentials_secrets set masked_api_key = staged_masked_api_key,
                        api_key_ciphertext = staged_api_key_ciphertext,
                        secret_key_ciphertext = staged_secret_key_ciphertext, attempt_id = staged_attempt_id,
                        exchange = coalesce(staged_exchange, exchange), staged_exchange = null,
                        staged_attempt_id = null, staged_masked_api_key = null, staged_api_key_ciphertext = null,
                        staged_secret_key_ciphertext = null, staged_at = null
                    where user_id = ? and staged_attempt_id = ?
                    """, event.userId().value(), event.attemptId());
        }
        jdbc.update(
                """
                update credentials_secrets set status = 'VERIFIED', health = 'HEALTHY', next_health_check_at = ?,
                    read_only = ?, updated_at = ? where user_id = ? and attempt_id = ?
                """,
                Timestamp.from(firstHealthCheck(event.userId(), event.at())),
                event.isReadOnly(),
                Timestamp.from(event.at()),
                event.userId().value(),
                event.attemptId());
        if (!replay.isReplay()) {
            afterCommit(new VerifiedKeyChanged(event.userId()));
        }
    }

    /** Publishes a Spring event once this handler's unit of work has committed (at once without one). */
    private void afterCommit(Object event) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> publisher.publishEvent(event));
        } else {
            publisher.publishEvent(event);
        }
    }

    @EventHandler
    void on(CredentialsVerificationFailed event) {
        if (event.isStaged()) {
            jdbc.update("""
                    update credentials_secrets set staged_attempt_id = null, staged_masked_api_key = null,
                        staged_api_key_ciphertext = null, staged_secret_key_ciphertext = null, staged_at = null,
                        staged_exchange = null
                    where user_id = ? and staged_attempt_id = ?
                    """, event.userId().value(), event.attemptId());
            return;
        }
        jdbc.update("""
                update credentials_secrets set status = 'FAILED', health = null, next_health_check_at = null,
                    updated_at = ? where user_id = ? and attempt_id = ?
                """, Timestamp.from(event.at()), event.userId().value(), event.attemptId());
    }

    @EventHandler
    void on(CredentialsHealthChanged event) {
        jdbc.update(
                "update credentials_secrets set health = ? where user_id = ?",
                event.health().name(),
                event.userId().value());
    }

    @EventHandler
    void on(CredentialsDisconnected event) {
        jdbc.update(
                "delete from credentials_secrets where user_id = ?",
                event.userId().value());
    }

    @EventHandler
    void on(UserErased event) {
        jdbc.update(
                "delete from credentials_secrets where user_id = ?",
                event.userId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from credentials_secrets");
    }

    /** The stored key of a user, if any. */
    public Optional<StoredKey> find(UserId userId) {
        return jdbc.queryForList("""
                select user_id, status, api_key_ciphertext, secret_key_ciphertext, attempt_id, health, read_only,
                    exchange
                from credentials_secrets where user_id = ?
                """, userId.value()).stream().findFirst().map(CredentialsStore::toKey);
    }

    static StoredKey toKey(Map<String, Object> row) {
        return new StoredKey(
                new UserId((java.util.UUID) row.get("user_id")),
                CredentialsStatus.valueOf((String) row.get("status")),
                (String) row.get("api_key_ciphertext"),
                (String) row.get("secret_key_ciphertext"),
                (String) row.get("attempt_id"),
                (String) row.get("health"),
                Boolean.TRUE.equals(row.get("read_only")),
                ExchangeName.valueOf((String) row.get("exchange")));
    }

    /**
     * The first health check after verification: a fixed offset per user within one interval, so
     * checks of many users spread evenly instead of arriving together.
     */
    Instant firstHealthCheck(UserId userId, Instant verifiedAt) {
        long interval = settings.healthInterval().toMillis();
        long offset = Math.floorMod(
                userId.value().getLeastSignificantBits() ^ userId.value().getMostSignificantBits(), interval);
        return verifiedAt.plus(Duration.ofMillis(Math.max(offset, 1)));
    }
}
