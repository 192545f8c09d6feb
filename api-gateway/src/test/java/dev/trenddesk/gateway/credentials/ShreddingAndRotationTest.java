package dev.trenddesk.gateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.SecretFields;
import dev.trenddesk.api.user.UserCommands.EraseUser;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import dev.trenddesk.strategy.credentials.VerifiedKey;
import dev.trenddesk.vault.KeyVault;
import dev.trenddesk.vault.KeyVaultException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Crypto-shredding (after EraseUser an old CredentialsConnected ciphertext can no longer be
 * decrypted) and master-key rotation through the admin API (every data key re-wrapped, events
 * untouched, credentials still readable, audited with the admin).
 */
@IntegrationTest
class ShreddingAndRotationTest {

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KeyVault vault;

    @Autowired
    CommandGateway commands;

    @Autowired
    CredentialsProvider provider;

    private People people;
    private Sim sim;

    @BeforeEach
    void setUp() {
        people = new People(port);
        sim = new Sim(simulator.baseUrl());
    }

    private Sim.Keys connectVerified(Person trader) {
        Sim.Keys keys = sim.tradingAccount();
        Api.Response response = trader.login().post("/api/me/bingx", keys.body());
        assertThat(response.json().get("status").asText())
                .as(response.toString())
                .isEqualTo("VERIFIED");
        // the saga role's copy follows the events on its own processor
        await().atMost(Duration.ofSeconds(10))
                .until(() -> provider.verifiedKey(UserId.of(trader.id()))
                                .map(VerifiedKey::key)
                                .block()
                        != null);
        return keys;
    }

    private JsonNode connectedEvent(UUID user) throws Exception {
        List<byte[]> payloads = jdbc.queryForList("""
                select payload from domain_event_entry where aggregate_identifier = ?
                and payload_type = 'dev.trenddesk.api.credentials.CredentialsEvent$CredentialsConnected'
                order by sequence_number""", byte[].class, "credentials-" + user);
        assertThat(payloads).isNotEmpty();
        return Api.JSON.readTree(payloads.getLast());
    }

    @Test
    void erasingAUserMakesTheirOldCiphertextsUnreadable() throws Exception {
        Person trader = people.create("trader");
        Sim.Keys keys = connectVerified(trader);
        UUID user = UUID.fromString(trader.id());
        JsonNode connected = connectedEvent(user);
        String secretCiphertext = connected.get("secretKeyCiphertext").asText();
        String keyCiphertext = connected.get("apiKeyCiphertext").asText();
        assertThat(vault.decryptText(user, SecretFields.SECRET_KEY, secretCiphertext))
                .isEqualTo(keys.secretKey());

        commands.sendAndWait(new EraseUser(new UserId(user), Instant.now()));

        assertThat(jdbc.queryForObject("select count(*) from vault_data_keys where user_id = ?", Integer.class, user))
                .isZero();
        assertThat(connectedEvent(user).get("secretKeyCiphertext").asText())
                .as("the event is untouched")
                .isEqualTo(secretCiphertext);
        assertThatThrownBy(() -> vault.decryptText(user, SecretFields.SECRET_KEY, secretCiphertext))
                .isInstanceOfSatisfying(KeyVaultException.class, e -> assertThat(e.reason())
                        .isEqualTo(KeyVaultException.Reason.SHREDDED));
        assertThatThrownBy(() -> vault.decryptText(user, SecretFields.API_KEY, keyCiphertext))
                .isInstanceOf(KeyVaultException.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(provider.verifiedKey(new UserId(user))
                            .map(VerifiedKey::key)
                            .block())
                    .isNull();
            assertThat(jdbc.queryForObject("select status from connections_view where user_id = ?", String.class, user))
                    .isEqualTo("DISCONNECTED");
        });
        assertThat(jdbc.queryForObject("""
                select count(*) from domain_event_entry where aggregate_identifier = ?
                and payload_type = 'dev.trenddesk.api.user.UserEvent$UserErased'""", Integer.class, user.toString())).isEqualTo(1);
    }

    @Test
    void rotationRewrapsEveryDataKeyOnlineWithoutTouchingEvents() throws Exception {
        Person trader = people.create("trader");
        Sim.Keys keys = connectVerified(trader);
        UUID user = UUID.fromString(trader.id());
        byte[] wrappedBefore = wrapped(user);
        String eventsBefore = eventDigest();
        long eventCountBefore = credentialEventCount();

        Api.Response rotated = people.admin().post("/api/admin/key-vault/rotate", Map.of());

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        JsonNode body = rotated.json();
        assertThat(body.get("masterKeyId").asText()).isEqualTo(vault.currentMasterKeyId());
        Integer dataKeys = jdbc.queryForObject("select count(*) from vault_data_keys", Integer.class);
        assertThat(body.get("rewrapped").asInt()).isPositive().isLessThanOrEqualTo(dataKeys);
        assertThat(body.get("unreadable").asInt()).isZero();
        assertThat(wrapped(user)).as("re-wrapped under a fresh nonce").isNotEqualTo(wrappedBefore);
        assertThat(eventDigest()).as("credential events untouched").isEqualTo(eventsBefore);
        assertThat(credentialEventCount()).isEqualTo(eventCountBefore);
        assertThat(provider.verifiedKey(new UserId(user))
                        .map(VerifiedKey::key)
                        .block()
                        .secretKey())
                .isEqualTo(keys.secretKey());
        assertThat(trader.login()
                        .post("/api/me/bingx/test", Map.of())
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("VERIFIED");

        String adminId = jdbc.queryForObject(
                "select user_id::text from user_directory where username = ?", String.class, IntegrationTest.ADMIN);
        List<Map<String, Object>> audit = jdbc.queryForList("""
                select payload, meta_data from domain_event_entry
                where payload_type = 'dev.trenddesk.api.credentials.MasterKeyRotated'""");
        assertThat(audit).anySatisfy(row -> {
            JsonNode payload = read((byte[]) row.get("payload"));
            JsonNode metadata = read((byte[]) row.get("meta_data"));
            assertThat(payload.get("rotationId").asText())
                    .isEqualTo(body.get("rotationId").asText());
            assertThat(metadata.get("actorId").asText()).isEqualTo(adminId);
            assertThat(metadata.get("actorRole").asText()).isEqualTo("admin");
        });
    }

    private byte[] wrapped(UUID user) {
        return jdbc.queryForObject("select wrapped_key from vault_data_keys where user_id = ?", byte[].class, user);
    }

    private long credentialEventCount() {
        return jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier like 'credentials-%'", Long.class);
    }

    private String eventDigest() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Map<String, Object> row : jdbc.queryForList("""
                select global_index, payload, meta_data from domain_event_entry
                where aggregate_identifier like 'credentials-%' order by global_index""")) {
            sha.update(row.get("global_index").toString().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte[]) row.get("payload"));
            sha.update((byte[]) row.get("meta_data"));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static JsonNode read(byte[] json) {
        try {
            return Api.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
