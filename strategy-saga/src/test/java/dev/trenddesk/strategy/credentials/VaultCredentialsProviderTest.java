package dev.trenddesk.strategy.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsDisconnected;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.credentials.CredentialsStatus;
import dev.trenddesk.api.credentials.MasterKeyRotated;
import dev.trenddesk.api.user.UserEvent.UserErased;
import dev.trenddesk.strategy.exchange.ExchangeKey;
import dev.trenddesk.vault.KeyVaultException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Decrypted keys are remembered in memory for a short time and only while their stored row is unchanged; every
 * change of the key, a disconnect, an erasure and a master-key rotation drops them.
 */
class VaultCredentialsProviderTest {

    private static final UserId TRADER = UserId.of("00000000-0000-0000-0000-0000000000c1");
    private static final UserId OTHER = UserId.of("00000000-0000-0000-0000-0000000000c2");
    private static final Instant AT = Instant.parse("2026-12-06T06:00:00Z");

    private final Map<UserId, CredentialsStore.StoredKey> rows = new HashMap<>();
    private final AtomicInteger decryptions = new AtomicInteger();
    private final AtomicLong now = new AtomicLong();
    private VaultCredentialsProvider provider;
    private CredentialsCacheWipes wipes;

    @BeforeEach
    void setUp() {
        provider = new VaultCredentialsProvider(
                user -> Optional.ofNullable(rows.get(user)),
                (user, apiCiphertext, secretCiphertext) -> {
                    decryptions.incrementAndGet();
                    if (apiCiphertext.equals("shredded")) {
                        throw new KeyVaultException(KeyVaultException.Reason.CIPHERTEXT_REJECTED, "no data key");
                    }
                    return new ExchangeKey("plain-" + apiCiphertext, "secret-" + secretCiphertext);
                },
                Duration.ofSeconds(30),
                now::get);
        wipes = new CredentialsCacheWipes(provider);
        rows.put(TRADER, row(TRADER, "key-1", CredentialsStatus.VERIFIED));
        rows.put(OTHER, row(OTHER, "key-9", CredentialsStatus.VERIFIED));
    }

    @Test
    void theOrdersOfACandleDecryptTheKeyOnce() {
        assertThat(apiKey(TRADER)).isEqualTo("plain-key-1");
        assertThat(apiKey(TRADER)).isEqualTo("plain-key-1");
        assertThat(apiKey(TRADER)).isEqualTo("plain-key-1");
        assertThat(decryptions).hasValue(1);
    }

    @Test
    void aKeyIsDecryptedAgainAfterItsTimeToLive() {
        apiKey(TRADER);
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        apiKey(TRADER);
        assertThat(decryptions).hasValue(1);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        apiKey(TRADER);
        assertThat(decryptions).hasValue(2);
    }

    @Test
    void aNewKeyInTheRowIsUsedAtOnceOnEveryNode() {
        apiKey(TRADER);
        rows.put(TRADER, row(TRADER, "key-2", CredentialsStatus.VERIFIED));
        assertThat(apiKey(TRADER)).isEqualTo("plain-key-2");
        assertThat(decryptions).hasValue(2);
    }

    @Test
    void aDisconnectedKeyIsDroppedByTheNodeThatRecordedItAndByTheRowEverywhere() {
        apiKey(TRADER);
        wipes.on(new CredentialsDisconnected(CredentialsId.of(TRADER), TRADER, "ab***yz", AT));
        assertThat(provider.remembers(TRADER)).isFalse();

        apiKey(TRADER);
        rows.remove(TRADER); // the credentials store deletes the row
        assertThat(provider.verifiedKey(TRADER).blockOptional()).isEmpty();
        assertThat(provider.remembers(TRADER))
                .as("nothing left of a disconnected key")
                .isFalse();
    }

    @Test
    void aKeyNoLongerVerifiedIsNotGiven() {
        apiKey(TRADER);
        rows.put(TRADER, row(TRADER, "key-1", CredentialsStatus.FAILED));
        assertThat(provider.verifiedKey(TRADER).blockOptional()).isEmpty();
        assertThat(provider.remembers(TRADER)).isFalse();
    }

    @Test
    void anErasedUsersKeyIsDropped() {
        apiKey(TRADER);
        wipes.on(new UserErased(TRADER, AT));
        assertThat(provider.remembers(TRADER)).isFalse();
        rows.put(TRADER, row(TRADER, "shredded", CredentialsStatus.VERIFIED));
        assertThat(provider.verifiedKey(TRADER).blockOptional()).isEmpty();
        assertThat(provider.remembers(TRADER)).isFalse();
    }

    @Test
    void aMasterKeyRotationDropsEveryKey() {
        apiKey(TRADER);
        apiKey(OTHER);
        wipes.on(new MasterKeyRotated("rotation-1", "master-2", 2, 0, AT));
        assertThat(provider.remembers(TRADER)).isFalse();
        assertThat(provider.remembers(OTHER)).isFalse();
        apiKey(TRADER);
        assertThat(decryptions).hasValue(3);
    }

    @Test
    void aNewlyVerifiedKeyAnnouncedByTheStoreDropsTheOldOne() {
        apiKey(TRADER);
        provider.on(new VerifiedKeyChanged(TRADER));
        assertThat(provider.remembers(TRADER)).isFalse();
        assertThat(provider.remembers(OTHER)).isFalse();
    }

    @Test
    void aTimeToLiveOfZeroRemembersNothing() {
        VaultCredentialsProvider uncached = new VaultCredentialsProvider(
                user -> Optional.ofNullable(rows.get(user)),
                (user, apiCiphertext, secretCiphertext) -> {
                    decryptions.incrementAndGet();
                    return new ExchangeKey("plain-" + apiCiphertext, "secret-" + secretCiphertext);
                },
                Duration.ZERO,
                now::get);
        uncached.verifiedKey(TRADER).block();
        uncached.verifiedKey(TRADER).block();
        assertThat(decryptions).hasValue(2);
        assertThat(uncached.remembers(TRADER)).isFalse();
    }

    private String apiKey(UserId user) {
        return provider.verifiedKey(user).blockOptional().orElseThrow().key().apiKey();
    }

    private static CredentialsStore.StoredKey row(UserId user, String ciphertext, CredentialsStatus status) {
        return new CredentialsStore.StoredKey(
                user,
                status,
                ciphertext,
                ciphertext + "-secret",
                "attempt-" + ciphertext,
                "HEALTHY",
                false,
                ExchangeName.BINGX);
    }
}
