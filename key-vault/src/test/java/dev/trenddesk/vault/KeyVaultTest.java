package dev.trenddesk.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The key vault against a real PostgreSQL with its own Flyway script. */
class KeyVaultTest {

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;

    private final byte[] k1 = randomKey();
    private final byte[] k2 = randomKey();

    @BeforeAll
    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
        jdbc.execute(new ClassPathResource("db/migration/vault/V10__key_vault.sql")
                .getContentAsString(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void emptyTables() {
        jdbc.update("delete from vault_data_keys");
        jdbc.update("delete from vault_shredded_users");
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private KeyVault vault(byte[] current, byte[]... previous) {
        return new KeyVault(jdbc, MasterKeyRing.of(current, List.of(previous)));
    }

    @Test
    void encryptsAndDecryptsWithAFreshNonceEachTime() {
        KeyVault vault = vault(k1);
        UUID user = UUID.randomUUID();
        String first = vault.encryptText(user, "bingx.secretKey", "my secret value");
        String second = vault.encryptText(user, "bingx.secretKey", "my secret value");
        assertThat(first).isNotEqualTo(second);
        assertThat(vault.decryptText(user, "bingx.secretKey", first)).isEqualTo("my secret value");
        assertThat(vault.decryptText(user, "bingx.secretKey", second)).isEqualTo("my secret value");
        assertThat(new String(Base64.getDecoder().decode(first), StandardCharsets.ISO_8859_1))
                .doesNotContain("secret");
    }

    @Test
    void aCiphertextCannotBeMovedToAnotherFieldOrUser() {
        KeyVault vault = vault(k1);
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        vault.encryptText(bob, "bingx.secretKey", "bob's own");
        String aliceSecret = vault.encryptText(alice, "bingx.secretKey", "alice secret");
        assertThatThrownBy(() -> vault.decryptText(alice, "bingx.apiKey", aliceSecret))
                .isInstanceOfSatisfying(KeyVaultException.class, e -> assertThat(e.reason())
                        .isEqualTo(KeyVaultException.Reason.CIPHERTEXT_REJECTED));
        assertThatThrownBy(() -> vault.decryptText(bob, "bingx.secretKey", aliceSecret))
                .isInstanceOfSatisfying(KeyVaultException.class, e -> assertThat(e.reason())
                        .isEqualTo(KeyVaultException.Reason.CIPHERTEXT_REJECTED));
    }

    @Test
    void dataKeysAreStoredWrappedAndOnePerUser() {
        KeyVault vault = vault(k1);
        UUID user = UUID.randomUUID();
        vault.encryptText(user, "f", "one");
        vault.encryptText(user, "f", "two");
        assertThat(jdbc.queryForObject("select count(*) from vault_data_keys where user_id = ?", Integer.class, user))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select master_key_id from vault_data_keys where user_id = ?", String.class, user))
                .isEqualTo(vault.currentMasterKeyId())
                .startsWith("mk-");
        byte[] wrapped =
                jdbc.queryForObject("select wrapped_key from vault_data_keys where user_id = ?", byte[].class, user);
        // the master key never appears in what is stored
        assertThat(HexFormat.of().formatHex(wrapped))
                .doesNotContain(HexFormat.of().formatHex(k1, 0, 16));
    }

    @Test
    void shreddingMakesEveryOldCiphertextUnreadableForGood() {
        KeyVault vault = vault(k1);
        UUID user = UUID.randomUUID();
        String ciphertext = vault.encryptText(user, "bingx.secretKey", "to be forgotten");
        assertThat(vault.shred(user)).isTrue();
        assertThat(vault.hasDataKey(user)).isFalse();
        assertThatThrownBy(() -> vault.decryptText(user, "bingx.secretKey", ciphertext))
                .isInstanceOfSatisfying(KeyVaultException.class, e -> assertThat(e.reason())
                        .isEqualTo(KeyVaultException.Reason.SHREDDED));
        assertThatThrownBy(() -> vault.encryptText(user, "bingx.secretKey", "new"))
                .isInstanceOfSatisfying(KeyVaultException.class, e -> assertThat(e.reason())
                        .isEqualTo(KeyVaultException.Reason.SHREDDED));
        assertThat(vault.shred(user)).isFalse();
    }

    @Test
    void aMasterKeyChangeRewrapsEveryDataKeyWithoutTouchingCiphertexts() {
        KeyVault old = vault(k1);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String ca = old.encryptText(a, "f", "secret a");
        String cb = old.encryptText(b, "f", "secret b");

        KeyVault changing = vault(k2, k1);
        assertThat(changing.decryptText(a, "f", ca)).isEqualTo("secret a");
        RotationResult result = changing.rotate();
        assertThat(result.rewrapped()).isEqualTo(2);
        assertThat(result.unreadable()).isZero();
        assertThat(result.masterKeyId())
                .isEqualTo(changing.currentMasterKeyId())
                .isNotEqualTo(old.currentMasterKeyId());
        assertThat(jdbc.queryForList("select distinct master_key_id from vault_data_keys", String.class))
                .containsExactly(changing.currentMasterKeyId());

        KeyVault rotated = vault(k2);
        assertThat(rotated.decryptText(a, "f", ca)).isEqualTo("secret a");
        assertThat(rotated.decryptText(b, "f", cb)).isEqualTo("secret b");
        assertThatThrownBy(() -> old.decryptText(a, "f", ca))
                .isInstanceOfSatisfying(KeyVaultException.class, e -> assertThat(e.reason())
                        .isEqualTo(KeyVaultException.Reason.UNKNOWN_MASTER_KEY));
    }

    @Test
    void rotationUnderTheSameMasterKeyRewrapsWithFreshNonces() {
        KeyVault vault = vault(k1);
        UUID user = UUID.randomUUID();
        String ciphertext = vault.encryptText(user, "f", "value");
        byte[] before =
                jdbc.queryForObject("select wrapped_key from vault_data_keys where user_id = ?", byte[].class, user);
        assertThat(vault.rotate().rewrapped()).isEqualTo(1);
        byte[] after =
                jdbc.queryForObject("select wrapped_key from vault_data_keys where user_id = ?", byte[].class, user);
        assertThat(after).isNotEqualTo(before);
        assertThat(vault.decryptText(user, "f", ciphertext)).isEqualTo("value");
    }

    @Test
    void rotationLeavesKeysOfAnUnknownMasterKeyAlone() {
        UUID user = UUID.randomUUID();
        vault(k1).encryptText(user, "f", "value");
        RotationResult result = vault(k2).rotate();
        assertThat(result.rewrapped()).isZero();
        assertThat(result.unreadable()).isEqualTo(1);
        assertThat(vault(k1).decryptText(user, "f", vault(k1).encryptText(user, "f", "value")))
                .isEqualTo("value");
    }

    @Test
    void localModeGeneratesAnOwnerOnlyKeyFileOnceAndReusesIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/master.key");
        byte[] first = MasterKeyConfiguration.localKey(file, "sim");
        assertThat(first).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(MasterKeyConfiguration.localKey(file, "sim")).isEqualTo(first);
    }

    @Test
    void refusesToStartWithoutAMasterKeyOutsideLocalMode(@TempDir Path dir) {
        assertThatThrownBy(() -> MasterKeyConfiguration.localKey(dir.resolve("master.key"), "live"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TRENDDESK_MASTER_KEY is required");
        assertThatThrownBy(() -> MasterKeyConfiguration.localKey(dir.resolve("master.key"), "vst"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(dir.resolve("master.key")).doesNotExist();
    }

    @Test
    void refusesAMasterKeyOfTheWrongShapeWithoutRepeatingIt() {
        assertThatThrownBy(() -> MasterKeyRing.parse("c2hvcnQ=", "TRENDDESK_MASTER_KEY"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly 32")
                .hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> MasterKeyRing.parse("not base64 at all!", "TRENDDESK_MASTER_KEY"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("not base64 at all!");
        byte[] key = randomKey();
        assertThat(MasterKeyRing.parse(Base64.getEncoder().encodeToString(key) + "\n", "x"))
                .isEqualTo(key);
    }
}
