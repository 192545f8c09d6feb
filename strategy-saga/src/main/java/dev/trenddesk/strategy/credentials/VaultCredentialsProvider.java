package dev.trenddesk.strategy.credentials;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsStatus;
import dev.trenddesk.vault.KeyVaultException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The {@link CredentialsProvider}: reads the user's ciphertext from {@code credentials_secrets} and
 * decrypts it with the key vault, in memory, for each call. Empty when the user has no key, the key
 * is not (or no longer) verified, or it cannot be decrypted (the user was erased).
 *
 * <p>The read runs on a small pool of its own, not on Reactor's shared bounded-elastic one: many
 * callers block for their credentials while they themselves run on bounded-elastic threads (user
 * streams, the poller, query handlers); had the read queued behind them on the same pool, a busy
 * moment (a thousand fills at once) would starve it until every caller timed out.
 */
@Component
public class VaultCredentialsProvider implements CredentialsProvider {

    private static final Logger log = LoggerFactory.getLogger(VaultCredentialsProvider.class);

    private final CredentialsStore store;
    private final CredentialsVerifier verifier;
    private final Scheduler reads = Schedulers.newBoundedElastic(8, 100_000, "credentials-read");

    public VaultCredentialsProvider(CredentialsStore store, CredentialsVerifier verifier) {
        this.store = store;
        this.verifier = verifier;
    }

    @Override
    public Mono<VerifiedKey> verifiedKey(UserId userId) {
        return Mono.fromCallable(() -> store.find(userId)
                        .filter(key -> key.status() == CredentialsStatus.VERIFIED)
                        .map(key -> new VerifiedKey(
                                key.exchange(),
                                verifier.decrypt(userId, key.apiKeyCiphertext(), key.secretKeyCiphertext())))
                        .orElse(null))
                .onErrorResume(KeyVaultException.class, e -> {
                    log.warn("Credentials of user {} cannot be decrypted: {}", userId, e.reason());
                    return Mono.empty();
                })
                .subscribeOn(reads);
    }

    @PreDestroy
    void close() {
        reads.dispose();
    }
}
