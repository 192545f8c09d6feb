package dev.trenddesk.gateway.audit;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import dev.trenddesk.query.audit.CheckpointSignatures;
import dev.trenddesk.vault.MasterKeyRing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ed25519 keys of the audit checkpoints (ADR 0025), one per master key, derived from it (HKDF): every node with
 * the master key signs with the same key and nothing new is configured or stored. The current master key's signs;
 * a previous one's (during a rotation) still verifies what it signed.
 */
public final class Ed25519CheckpointSignatures implements CheckpointSignatures {

    /** The HKDF purpose the seeds are derived for. */
    static final String PURPOSE = "trenddesk/audit-checkpoint/ed25519";

    private record Key(String id, byte[] publicKey, Ed25519Sign signer, Ed25519Verify verifier) {}

    private final Key current;
    private final Map<String, Key> byId;

    private Ed25519CheckpointSignatures(List<Key> keys) {
        this.current = keys.getFirst();
        Map<String, Key> all = new LinkedHashMap<>();
        keys.forEach(key -> all.putIfAbsent(key.id(), key));
        this.byId = Map.copyOf(all);
    }

    public static Ed25519CheckpointSignatures from(MasterKeyRing ring) {
        return fromSeeds(ring.derive(PURPOSE));
    }

    /** From 32-byte seeds, the signing one first. */
    static Ed25519CheckpointSignatures fromSeeds(List<byte[]> seeds) {
        try {
            List<Key> keys = new java.util.ArrayList<>();
            for (byte[] seed : seeds) {
                Ed25519Sign.KeyPair pair = Ed25519Sign.KeyPair.newKeyPairFromSeed(seed);
                keys.add(new Key(
                        id(pair.getPublicKey()),
                        pair.getPublicKey(),
                        new Ed25519Sign(pair.getPrivateKey()),
                        new Ed25519Verify(pair.getPublicKey())));
            }
            return new Ed25519CheckpointSignatures(keys);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JVM", e);
        }
    }

    /** "ck-" and the first 8 bytes of the public key's SHA-256, in hex. */
    private static String id(byte[] publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
            return "ck-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String keyId() {
        return current.id();
    }

    @Override
    public String publicKey() {
        return Base64.getEncoder().encodeToString(current.publicKey());
    }

    @Override
    public String sign(String text) {
        try {
            return Base64.getEncoder().encodeToString(current.signer().sign(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint", e);
        }
    }

    @Override
    public boolean knows(String keyId) {
        return byId.containsKey(keyId);
    }

    @Override
    public boolean verifies(String keyId, String text, String signature) {
        Key key = byId.get(keyId);
        if (key == null || signature == null) {
            return false;
        }
        try {
            key.verifier().verify(Base64.getDecoder().decode(signature), text.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
