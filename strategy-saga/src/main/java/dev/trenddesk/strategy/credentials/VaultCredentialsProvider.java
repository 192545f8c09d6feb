package dev.trenddesk.strategy.credentials;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsStatus;
import dev.trenddesk.strategy.exchange.ExchangeKey;
import dev.trenddesk.vault.KeyVaultException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The {@link CredentialsProvider}: reads the user's ciphertext from {@code credentials_secrets} and
 * decrypts it with the key vault, in memory. Empty when the user has no key, the key is not (or no longer)
 * verified, or it cannot be decrypted (the user was erased).
 *
 * <p>The decrypted key is remembered in memory only (never written anywhere) for at most
 * {@code trenddesk.credentials.cache-ttl} (30 s), so the orders of a candle do not each unwrap the user's data key and
 * decrypt key and secret again (docs/benchmarks/trading.md). It is used only while the stored row is the one it was
 * decrypted from: every read still reads the row, and a row with other ciphertexts, another exchange or another
 * status (a new key, a disconnect, a failed verification, an erased user) drops it — on every node. This node also
 * drops a user's key as soon as it handles that user's new key, disconnect or erasure, and every key when the master
 * key is rotated ({@link CredentialsCacheWipes}).
 *
 * <p>The read runs on a small pool of its own, not on Reactor's shared bounded-elastic one: many
 * callers block for their credentials while they themselves run on bounded-elastic threads (user
 * streams, the poller, query handlers); had the read queued behind them on the same pool, a busy
 * moment (a thousand fills at once) would starve it until every caller timed out.
 */
@Component
public class VaultCredentialsProvider implements CredentialsProvider {

    private static final Logger log = LoggerFactory.getLogger(VaultCredentialsProvider.class);

    /** Decrypts a stored key's two ciphertexts. */
    interface Decryption {
        ExchangeKey decrypt(UserId userId, String apiKeyCiphertext, String secretKeyCiphertext);
    }

    private final Function<UserId, Optional<CredentialsStore.StoredKey>> rows;
    private final Decryption decryption;
    private final long ttlNanos;
    private final LongSupplier ticker;
    private final Map<UserId, Remembered> remembered = new ConcurrentHashMap<>();
    private final Scheduler reads = Schedulers.newBoundedElastic(8, 100_000, "credentials-read");

    @Autowired
    public VaultCredentialsProvider(
            CredentialsStore store,
            CredentialsVerifier verifier,
            @Value("${trenddesk.credentials.cache-ttl:30s}") Duration ttl) {
        this(store::find, verifier::decrypt, ttl, System::nanoTime);
    }

    VaultCredentialsProvider(
            Function<UserId, Optional<CredentialsStore.StoredKey>> rows,
            Decryption decryption,
            Duration ttl,
            LongSupplier ticker) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("trenddesk.credentials.cache-ttl must not be negative, was " + ttl);
        }
        this.rows = rows;
        this.decryption = decryption;
        this.ttlNanos = ttl.toNanos();
        this.ticker = ticker;
    }

    @Override
    public Mono<VerifiedKey> verifiedKey(UserId userId) {
        return Mono.fromCallable(() -> read(userId))
                .onErrorResume(KeyVaultException.class, e -> {
                    remembered.remove(userId);
                    log.warn("Credentials of user {} cannot be decrypted: {}", userId, e.reason());
                    return Mono.empty();
                })
                .subscribeOn(reads);
    }

    private VerifiedKey read(UserId userId) {
        Optional<CredentialsStore.StoredKey> row =
                rows.apply(userId).filter(key -> key.status() == CredentialsStatus.VERIFIED);
        if (row.isEmpty()) {
            remembered.remove(userId);
            return null;
        }
        CredentialsStore.StoredKey stored = row.get();
        long now = ticker.getAsLong();
        Remembered known = remembered.get(userId);
        if (known != null && known.from(stored) && now - known.decryptedAt() < ttlNanos) {
            return known.key();
        }
        VerifiedKey key = new VerifiedKey(
                stored.exchange(), decryption.decrypt(userId, stored.apiKeyCiphertext(), stored.secretKeyCiphertext()));
        if (ttlNanos > 0) {
            remembered.put(
                    userId,
                    new Remembered(
                            stored.apiKeyCiphertext(), stored.secretKeyCiphertext(), stored.exchange(), key, now));
        } else {
            remembered.remove(userId);
        }
        return key;
    }

    /** Drops the user's remembered key (a new key verified, the key disconnected, the user erased). */
    public void forget(UserId userId) {
        remembered.remove(userId);
    }

    /** Drops every remembered key (the master key was rotated). */
    public void forgetAll() {
        remembered.clear();
    }

    /** Whether a decrypted key of the user is held in memory now (tests). */
    boolean remembers(UserId userId) {
        return remembered.containsKey(userId);
    }

    @EventListener
    void on(VerifiedKeyChanged changed) {
        forget(changed.userId());
    }

    @PreDestroy
    void close() {
        forgetAll();
        reads.dispose();
    }

    /** A decrypted key, the row it was decrypted from and when (ticker nanoseconds). */
    private record Remembered(
            String apiKeyCiphertext,
            String secretKeyCiphertext,
            ExchangeName exchange,
            VerifiedKey key,
            long decryptedAt) {

        boolean from(CredentialsStore.StoredKey stored) {
            return Objects.equals(apiKeyCiphertext, stored.apiKeyCiphertext())
                    && Objects.equals(secretKeyCiphertext, stored.secretKeyCiphertext())
                    && exchange == stored.exchange();
        }
    }
}
