package dev.trenddesk.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master key (the one data keys are wrapped with now) and, during a master-key change, the
 * previous ones (still able to unwrap). A master key is 32 random bytes, written base64 (standard
 * alphabet, padded) in {@code TRENDDESK_MASTER_KEY}; it is used as an AES-256-GCM key through
 * Tink's {@link AesGcmJce} (random 96-bit nonce per wrap, 128-bit tag). A key is named by a
 * fingerprint ({@code mk-} + the first 8 bytes of SHA-256 over a label and the key, hex), which
 * reveals nothing usable about it.
 */
public final class MasterKeyRing {

    /** Length of a master key in bytes. */
    public static final int KEY_BYTES = 32;

    private final MasterKey current;
    private final Map<String, MasterKey> byId;
    /** The raw keys, current first: only for {@link #derive}. */
    private final List<byte[]> raw;

    private MasterKeyRing(MasterKey current, Map<String, MasterKey> byId, List<byte[]> raw) {
        this.current = current;
        this.byId = byId;
        this.raw = raw;
    }

    /** A ring of the current key and any previous keys (raw bytes, 32 each). */
    public static MasterKeyRing of(byte[] current, List<byte[]> previous) {
        MasterKey now = MasterKey.of(current);
        Map<String, MasterKey> keys = new LinkedHashMap<>();
        keys.put(now.id(), now);
        List<byte[]> raw = new ArrayList<>(List.of(current.clone()));
        for (byte[] old : previous) {
            MasterKey key = MasterKey.of(old);
            if (keys.putIfAbsent(key.id(), key) == null) {
                raw.add(old.clone());
            }
        }
        return new MasterKeyRing(now, Map.copyOf(keys), List.copyOf(raw));
    }

    /**
     * 32 bytes for {@code purpose} from each master key, current first (HKDF-SHA256, the purpose as its info), so
     * another secret follows the master key without being configured or stored: every node with the same master
     * key derives the same bytes, and no derived value tells anything about the master key or the other purposes.
     */
    public List<byte[]> derive(String purpose) {
        List<byte[]> derived = new ArrayList<>(raw.size());
        for (byte[] key : raw) {
            try {
                derived.add(Hkdf.computeHkdf(
                        "HMACSHA256",
                        key,
                        "trenddesk-master-key-derivation".getBytes(StandardCharsets.US_ASCII),
                        purpose.getBytes(StandardCharsets.UTF_8),
                        KEY_BYTES));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HKDF-SHA256 is not available in this JVM", e);
            }
        }
        return derived;
    }

    /**
     * Parses a master key written base64; refuses anything that is not exactly 32 bytes, with a
     * message that never repeats the value.
     */
    public static byte[] parse(String base64, String settingName) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(settingName + " is not valid base64: it must be 32 random bytes, "
                    + "base64-encoded (e.g. `openssl rand -base64 32`)");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException(settingName + " decodes to " + raw.length + " bytes; it must be exactly "
                    + KEY_BYTES + " random bytes, base64-encoded (e.g. `openssl rand -base64 32`)");
        }
        return raw;
    }

    /** Parses a comma-separated list of base64 master keys (empty text: none). */
    public static List<byte[]> parseList(String commaSeparated, String settingName) {
        List<byte[]> keys = new ArrayList<>();
        if (commaSeparated == null) {
            return keys;
        }
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) {
                keys.add(parse(part, settingName));
            }
        }
        return keys;
    }

    /** The key new data keys are wrapped with. */
    public MasterKey current() {
        return current;
    }

    /** The key with this fingerprint, if it is on the ring. */
    public Optional<MasterKey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** One master key: its fingerprint and the AEAD made from it. */
    public record MasterKey(String id, Aead aead) {

        static MasterKey of(byte[] raw) {
            if (raw.length != KEY_BYTES) {
                throw new IllegalArgumentException("a master key has " + KEY_BYTES + " bytes");
            }
            try {
                return new MasterKey(fingerprint(raw), new AesGcmJce(raw));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
            }
        }

        private static String fingerprint(byte[] raw) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update("trenddesk-master-key-id".getBytes(StandardCharsets.US_ASCII));
                byte[] digest = sha.digest(raw);
                return "mk-" + HexFormat.of().formatHex(digest, 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "MasterKey[" + id + "]";
        }
    }
}
