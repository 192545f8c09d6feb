package dev.trenddesk.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.trenddesk.vault.KeyVaultException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Envelope encryption of users' secrets (ADR 0006). Each user has one AES-256-GCM data key (a Tink
 * keyset) that lives in {@code vault_data_keys}, wrapped by the master key; secrets are encrypted
 * with the user's data key, with associated data binding each ciphertext to its user and field, so
 * a ciphertext copied to another user or field does not decrypt. Nonces are never chosen by us:
 * Tink draws a fresh random 96-bit nonce for every encryption (and every wrap), and one data key
 * encrypts only a handful of values in its life, far below GCM's random-nonce limit.
 *
 * <p>{@link #shred} destroys a user's data key: every ciphertext of theirs, in events, snapshots or
 * anywhere else, becomes unreadable. {@link #rotate} re-wraps every data key under the current
 * master key while the platform runs; ciphertexts (and so events) are not touched.
 */
@Component
public class KeyVault {

    private static final Logger log = LoggerFactory.getLogger(KeyVault.class);
    private static final String FIELD_AD = "trenddesk/secret/v1|";
    private static final String WRAP_AD = "trenddesk/data-key/v1|";
    private static final int ROTATION_PAGE = 200;

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final JdbcTemplate jdbc;
    private final MasterKeyRing masterKeys;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    public KeyVault(JdbcTemplate jdbc, MasterKeyRing masterKeys) {
        this(jdbc, masterKeys, Clock.systemUTC());
    }

    KeyVault(JdbcTemplate jdbc, MasterKeyRing masterKeys, Clock clock) {
        this.jdbc = jdbc;
        this.masterKeys = masterKeys;
        this.clock = clock;
    }

    /** Encrypts {@code plaintext} for {@code field} of {@code userId}; creates the user's data key on first use. */
    public byte[] encrypt(UUID userId, String field, byte[] plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        Aead aead = dataKey(userId, true);
        try {
            return aead.encrypt(plaintext, associatedData(userId, field));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed for user " + userId + ", field " + field, e);
        }
    }

    /** Decrypts what {@link #encrypt} gave for the same user and field. */
    public byte[] decrypt(UUID userId, String field, byte[] ciphertext) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Aead aead = dataKey(userId, false);
        try {
            return aead.decrypt(ciphertext, associatedData(userId, field));
        } catch (GeneralSecurityException e) {
            throw new KeyVaultException(
                    Reason.CIPHERTEXT_REJECTED,
                    "the ciphertext of field " + field + " does not belong to user " + userId);
        }
    }

    /** {@link #encrypt} for text, answering base64 (the form events carry). */
    public String encryptText(UUID userId, String field, String plaintext) {
        return Base64.getEncoder().encodeToString(encrypt(userId, field, plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@link #decrypt} for base64 ciphertext of text. */
    public String decryptText(UUID userId, String field, String base64Ciphertext) {
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(base64Ciphertext);
        } catch (IllegalArgumentException e) {
            throw new KeyVaultException(
                    Reason.CIPHERTEXT_REJECTED, "the ciphertext of field " + field + " is not base64");
        }
        return new String(decrypt(userId, field, ciphertext), StandardCharsets.UTF_8);
    }

    /** Whether the user currently has a data key. */
    public boolean hasDataKey(UUID userId) {
        Integer count =
                jdbc.queryForObject("select count(*) from vault_data_keys where user_id = ?", Integer.class, userId);
        return count != null && count > 0;
    }

    /**
     * Crypto-shredding: destroys the user's data key and remembers that the user was erased, so no
     * new key is made for them. Idempotent; answers whether a key was destroyed now.
     */
    public boolean shred(UUID userId) {
        Instant now = clock.instant();
        jdbc.update(
                "insert into vault_shredded_users (user_id, shredded_at) values (?, ?) on conflict do nothing",
                userId,
                Timestamp.from(now));
        boolean destroyed = jdbc.update("delete from vault_data_keys where user_id = ?", userId) > 0;
        log.info("Data key of user {} {}", userId, destroyed ? "destroyed (crypto-shredded)" : "was already gone");
        return destroyed;
    }

    /** The fingerprint of the master key new data keys are wrapped with. */
    public String currentMasterKeyId() {
        return masterKeys.current().id();
    }

    /**
     * Re-wraps every data key under the current master key (each under a fresh nonce), page by
     * page, while encryption and decryption keep working: readers are never blocked, and every key
     * stays readable under its old or its new wrapping. Runs in the caller's transaction when there
     * is one (the rotation command's), so the rotation and its audit event commit together. A row
     * changed concurrently (shredded meanwhile) is left to its new state. Keys wrapped by a master
     * key that is not on the ring are counted and left untouched.
     */
    public RotationResult rotate() {
        MasterKeyRing.MasterKey target = masterKeys.current();
        int rewrapped = 0;
        int unreadable = 0;
        UUID after = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
        boolean first = true;
        while (true) {
            List<Map<String, Object>> page = first
                    ? jdbc.queryForList(
                            "select user_id, master_key_id, wrapped_key from vault_data_keys "
                                    + "order by user_id limit ?",
                            ROTATION_PAGE)
                    : jdbc.queryForList(
                            "select user_id, master_key_id, wrapped_key from vault_data_keys "
                                    + "where user_id > ? order by user_id limit ?",
                            after,
                            ROTATION_PAGE);
            first = false;
            if (page.isEmpty()) {
                break;
            }
            for (Map<String, Object> row : page) {
                UUID userId = (UUID) row.get("user_id");
                after = userId;
                String keyId = (String) row.get("master_key_id");
                byte[] wrapped = (byte[]) row.get("wrapped_key");
                Optional<MasterKeyRing.MasterKey> wrapper = masterKeys.find(keyId);
                if (wrapper.isEmpty()) {
                    unreadable++;
                    log.warn(
                            "Data key of user {} is wrapped by master key {}, which is not configured; left as is",
                            userId,
                            keyId);
                    continue;
                }
                try {
                    KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(
                            wrapped, wrapper.get().aead(), wrapAssociatedData(userId));
                    byte[] rewrappedKey = TinkProtoKeysetFormat.serializeEncryptedKeyset(
                            handle, target.aead(), wrapAssociatedData(userId));
                    rewrapped += jdbc.update(
                            "update vault_data_keys set wrapped_key = ?, master_key_id = ?, "
                                    + "rewrapped_at = ? where user_id = ? and wrapped_key = ?",
                            rewrappedKey,
                            target.id(),
                            Timestamp.from(clock.instant()),
                            userId,
                            wrapped);
                } catch (GeneralSecurityException e) {
                    unreadable++;
                    log.warn(
                            "Data key of user {} could not be unwrapped with master key {}; left as is", userId, keyId);
                }
            }
        }
        log.info(
                "Master key rotation: {} data keys re-wrapped under {}, {} unreadable",
                rewrapped,
                target.id(),
                unreadable);
        return new RotationResult(target.id(), rewrapped, unreadable);
    }

    private Aead dataKey(UUID userId, boolean create) {
        Objects.requireNonNull(userId, "userId");
        Optional<Map<String, Object>> row = jdbc
                .queryForList("select master_key_id, wrapped_key from vault_data_keys where user_id = ?", userId)
                .stream()
                .findFirst();
        if (row.isEmpty()) {
            if (isShredded(userId)) {
                throw new KeyVaultException(
                        Reason.SHREDDED, "user " + userId + " was erased: their data key is destroyed");
            }
            if (!create) {
                throw new KeyVaultException(Reason.NO_DATA_KEY, "user " + userId + " has no data key");
            }
            createDataKey(userId);
            return dataKey(userId, false);
        }
        String keyId = (String) row.get().get("master_key_id");
        MasterKeyRing.MasterKey wrapper = masterKeys
                .find(keyId)
                .orElseThrow(() -> new KeyVaultException(
                        Reason.UNKNOWN_MASTER_KEY,
                        "the data key of user " + userId + " is wrapped by master key " + keyId
                                + ", which is not configured (set it in TRENDDESK_MASTER_KEY_PREVIOUS)"));
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(
                            (byte[]) row.get().get("wrapped_key"), wrapper.aead(), wrapAssociatedData(userId))
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new KeyVaultException(
                    Reason.UNKNOWN_MASTER_KEY,
                    "the data key of user " + userId + " cannot be unwrapped with master key " + keyId,
                    e);
        }
    }

    private void createDataKey(UUID userId) {
        MasterKeyRing.MasterKey wrapper = masterKeys.current();
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] wrapped =
                    TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, wrapper.aead(), wrapAssociatedData(userId));
            // two nodes creating the first key of a user at once: the first insert wins, both use it
            jdbc.update("""
                    insert into vault_data_keys (user_id, master_key_id, wrapped_key, created_at)
                    select ?, ?, ?, ? where not exists (select 1 from vault_shredded_users where user_id = ?)
                    on conflict (user_id) do nothing
                    """, userId, wrapper.id(), wrapped, Timestamp.from(clock.instant()), userId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a data key", e);
        }
    }

    private boolean isShredded(UUID userId) {
        Integer count = jdbc.queryForObject(
                "select count(*) from vault_shredded_users where user_id = ?", Integer.class, userId);
        return count != null && count > 0;
    }

    private static byte[] associatedData(UUID userId, String field) {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("field is required");
        }
        return (FIELD_AD + userId + "|" + field).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wrapAssociatedData(UUID userId) {
        return (WRAP_AD + userId).getBytes(StandardCharsets.UTF_8);
    }
}
