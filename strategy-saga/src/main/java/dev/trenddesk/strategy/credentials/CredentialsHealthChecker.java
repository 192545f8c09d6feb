package dev.trenddesk.strategy.credentials;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsCommands.RecordHealthCheck;
import dev.trenddesk.api.credentials.CredentialsHealth;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.credentials.VerificationFailure;
import dev.trenddesk.vault.KeyVaultException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Periodic health checks of verified keys (default every 5 minutes per key). Each key has its own
 * due time, offset per user within the interval, so checks are staggered; each tick claims at most
 * the tick's share of the request budget (one balance request per check) with
 * {@code FOR UPDATE SKIP LOCKED}, so several saga nodes never check the same key twice. A result
 * that differs from the last recorded health is sent to the aggregate, which emits
 * CredentialsHealthChanged only on a change. Verifications left pending by a node that died are
 * started again here.
 */
@Component
public class CredentialsHealthChecker {

    private static final Logger log = LoggerFactory.getLogger(CredentialsHealthChecker.class);

    private final JdbcTemplate jdbc;
    private final CredentialsVerifier verifier;
    private final SystemCommands commands;
    private final CredentialsSettings settings;
    private final Clock clock;

    public CredentialsHealthChecker(
            JdbcTemplate jdbc,
            CredentialsVerifier verifier,
            SystemCommands commands,
            CredentialsSettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.verifier = verifier;
        this.commands = commands;
        this.settings = settings;
        this.clock = clock;
    }

    /** One tick: claims the due checks and runs them (the scheduler's entry point). */
    @Scheduled(
            fixedDelayString = "${trenddesk.credentials.health.tick:10s}",
            initialDelayString = "${trenddesk.credentials.health.tick:10s}")
    public void tick() {
        try {
            runDueChecks().block(settings.healthTick().plus(settings.verificationTimeout()));
            retryStalePending();
        } catch (RuntimeException e) {
            log.warn("Credentials health check tick failed: {}", e.toString());
        }
    }

    /** Claims and runs the checks due now; completes with how many ran. */
    public Mono<Integer> runDueChecks() {
        Instant now = clock.instant();
        long intervalMillis = settings.healthInterval().toMillis();
        List<Map<String, Object>> due = jdbc.queryForList(
                """
                update credentials_secrets c
                set next_health_check_at = case
                        when c.next_health_check_at + (? * interval '1 millisecond') > ?
                        then c.next_health_check_at + (? * interval '1 millisecond')
                        else ? end
                from (select user_id from credentials_secrets
                      where status = 'VERIFIED' and next_health_check_at <= ?
                      order by next_health_check_at
                      limit ? for update skip locked) d
                where c.user_id = d.user_id
                returning c.user_id, c.api_key_ciphertext, c.secret_key_ciphertext, c.health, c.exchange
                """,
                intervalMillis,
                Timestamp.from(now),
                intervalMillis,
                Timestamp.from(now.plusMillis(intervalMillis)),
                Timestamp.from(now),
                settings.checksPerTick());
        return Flux.fromIterable(due)
                .flatMap(row -> check(row).thenReturn(row), 16)
                .count()
                .map(Long::intValue);
    }

    /** Checks one user's key at once, whatever its schedule (tests and operators). */
    public Mono<Void> checkNow(UserId userId) {
        return Mono.fromCallable(() -> jdbc.queryForList("""
                        select user_id, api_key_ciphertext, secret_key_ciphertext, health, exchange from credentials_secrets
                        where user_id = ? and status = 'VERIFIED'
                        """, userId.value()))
                .flatMapMany(Flux::fromIterable)
                .flatMap(this::check)
                .then();
    }

    private Mono<Void> check(Map<String, Object> row) {
        UserId userId = new UserId((UUID) row.get("user_id"));
        String recorded = (String) row.get("health");
        return Mono.fromCallable(() -> verifier.decrypt(
                        userId, (String) row.get("api_key_ciphertext"), (String) row.get("secret_key_ciphertext")))
                .flatMap(credentials -> verifier.checkHealth(
                                ExchangeName.valueOf((String) row.get("exchange")), credentials)
                        .map(failure -> new Observation(CredentialsHealth.UNHEALTHY, failure.reason()))
                        .defaultIfEmpty(new Observation(CredentialsHealth.HEALTHY, null)))
                .flatMap(seen -> {
                    if (seen.health().name().equals(recorded) && seen.health() == CredentialsHealth.HEALTHY) {
                        return Mono.empty();
                    }
                    log.info(
                            "Health check of user {}'s BingX key: {}{}",
                            userId,
                            seen.health(),
                            seen.reason() == null ? "" : " (" + seen.reason() + ")");
                    return commands.sendFromReactive(
                                    new RecordHealthCheck(
                                            CredentialsId.of(userId), seen.health(), seen.reason(), clock.instant()),
                                    SystemCommands.HEALTH,
                                    null)
                            .then();
                })
                .onErrorResume(KeyVaultException.class, e -> {
                    log.warn(
                            "Health check of user {} skipped: credentials cannot be decrypted ({})",
                            userId,
                            e.reason());
                    return Mono.empty();
                })
                .onErrorResume(e -> {
                    log.warn("Health check of user {} could not be recorded: {}", userId, e.toString());
                    return Mono.empty();
                });
    }

    private void retryStalePending() {
        Instant now = clock.instant();
        List<Map<String, Object>> stale = jdbc.queryForList(
                """
                update credentials_secrets c set updated_at = ?
                from (select user_id from credentials_secrets where status = 'PENDING' and updated_at < ?
                      order by updated_at limit ? for update skip locked) d
                where c.user_id = d.user_id
                returning c.user_id, c.attempt_id, c.api_key_ciphertext, c.secret_key_ciphertext, c.exchange
                """, Timestamp.from(now), Timestamp.from(now.minus(settings.pendingRetry())), settings.checksPerTick());
        for (Map<String, Object> row : stale) {
            UserId userId = new UserId((UUID) row.get("user_id"));
            log.info("Verification of user {}'s BingX key still pending; starting it again", userId);
            verifier.verifyAndReport(
                            userId,
                            ExchangeName.valueOf((String) row.get("exchange")),
                            (String) row.get("attempt_id"),
                            (String) row.get("api_key_ciphertext"),
                            (String) row.get("secret_key_ciphertext"),
                            null)
                    .subscribe();
        }
        // staged replacement keys whose verification was lost (the verified key stays in use meanwhile); one
        // staged before keys named their exchange is of the exchange of the key in use (BingX), as its promotion says
        List<Map<String, Object>> staged = jdbc.queryForList(
                """
                update credentials_secrets c set staged_at = ?
                from (select user_id from credentials_secrets where staged_attempt_id is not null and staged_at < ?
                      order by staged_at limit ? for update skip locked) d
                where c.user_id = d.user_id
                returning c.user_id, c.staged_attempt_id, c.staged_api_key_ciphertext, c.staged_secret_key_ciphertext,
                    coalesce(c.staged_exchange, c.exchange) as staged_exchange
                """, Timestamp.from(now), Timestamp.from(now.minus(settings.pendingRetry())), settings.checksPerTick());
        for (Map<String, Object> row : staged) {
            UserId userId = new UserId((UUID) row.get("user_id"));
            log.info("Verification of user {}'s new BingX key still pending; starting it again", userId);
            verifier.verifyAndReport(
                            userId,
                            ExchangeName.valueOf((String) row.get("staged_exchange")),
                            (String) row.get("staged_attempt_id"),
                            (String) row.get("staged_api_key_ciphertext"),
                            (String) row.get("staged_secret_key_ciphertext"),
                            null)
                    .subscribe();
        }
    }

    private record Observation(CredentialsHealth health, VerificationFailure reason) {}
}
