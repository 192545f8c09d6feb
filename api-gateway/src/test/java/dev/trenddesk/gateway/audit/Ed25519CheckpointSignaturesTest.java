package dev.trenddesk.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.subtle.Ed25519Verify;
import dev.trenddesk.api.audit.AuditCheckpoint;
import dev.trenddesk.vault.MasterKeyRing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checkpoint keys: derived from the master keys, the current one signs, a previous one still verifies. */
class Ed25519CheckpointSignaturesTest {

    private static final byte[] OLD = key(1);
    private static final byte[] NEW = key(2);
    private static final String TEXT =
            AuditCheckpoint.signedText(42, "ab".repeat(32), Instant.parse("2026-12-07T01:00:00Z"));

    private static byte[] key(int fill) {
        byte[] key = new byte[MasterKeyRing.KEY_BYTES];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void everyNodeWithTheMasterKeySignsWithTheSameKeyAndAnyoneCanCheckItWithThePublishedHalf() throws Exception {
        Ed25519CheckpointSignatures one = Ed25519CheckpointSignatures.from(MasterKeyRing.of(OLD, List.of()));
        Ed25519CheckpointSignatures two = Ed25519CheckpointSignatures.from(MasterKeyRing.of(OLD, List.of()));
        assertThat(one.keyId()).isEqualTo(two.keyId()).startsWith("ck-");
        assertThat(one.publicKey()).isEqualTo(two.publicKey());

        String signature = one.sign(TEXT);
        assertThat(two.verifies(one.keyId(), TEXT, signature)).isTrue();
        // the published public key alone verifies it, with no TrendDesk code
        new Ed25519Verify(Base64.getDecoder().decode(one.publicKey()))
                .verify(Base64.getDecoder().decode(signature), TEXT.getBytes(StandardCharsets.UTF_8));

        assertThat(two.verifies(one.keyId(), TEXT.replace("\n42\n", "\n41\n"), signature))
                .as("another row")
                .isFalse();
        assertThat(two.verifies(one.keyId(), TEXT, "not base64!")).isFalse();
    }

    @Test
    void afterARotationTheNewMasterKeySignsAndTheOldOnesCheckpointsStillVerify() {
        Ed25519CheckpointSignatures before = Ed25519CheckpointSignatures.from(MasterKeyRing.of(OLD, List.of()));
        String old = before.sign(TEXT);
        Ed25519CheckpointSignatures during = Ed25519CheckpointSignatures.from(MasterKeyRing.of(NEW, List.of(OLD)));
        assertThat(during.keyId()).isNotEqualTo(before.keyId());
        assertThat(during.knows(before.keyId())).isTrue();
        assertThat(during.verifies(before.keyId(), TEXT, old)).isTrue();
        assertThat(during.verifies(during.keyId(), TEXT, old))
                .as("not the new key's signature")
                .isFalse();

        Ed25519CheckpointSignatures after = Ed25519CheckpointSignatures.from(MasterKeyRing.of(NEW, List.of()));
        assertThat(after.knows(before.keyId())).as("the retired key is gone").isFalse();
        assertThat(after.verifies(before.keyId(), TEXT, old)).isFalse();
    }

    @Test
    void theDerivedSeedDependsOnTheMasterKeyAndThePurpose() {
        MasterKeyRing ring = MasterKeyRing.of(NEW, List.of(OLD));
        List<byte[]> checkpoint = ring.derive(Ed25519CheckpointSignatures.PURPOSE);
        assertThat(checkpoint).hasSize(2);
        assertThat(checkpoint.get(0))
                .hasSize(32)
                .isNotEqualTo(checkpoint.get(1))
                .isNotEqualTo(NEW);
        assertThat(ring.derive("another purpose").get(0)).isNotEqualTo(checkpoint.get(0));
        assertThat(MasterKeyRing.of(NEW, List.of())
                        .derive(Ed25519CheckpointSignatures.PURPOSE)
                        .get(0))
                .isEqualTo(checkpoint.get(0));
    }
}
