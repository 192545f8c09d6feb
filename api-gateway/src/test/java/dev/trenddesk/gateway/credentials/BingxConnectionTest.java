package dev.trenddesk.gateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import dev.trenddesk.strategy.credentials.VerifiedKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Connecting a BingX key through the API against the built-in simulator: verified, bad key, bad
 * secret, read-only key, unreachable exchange; test, replace, disconnect; the admin overview.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BingxConnectionTest {

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CredentialsProvider provider;

    private People people;
    private Sim sim;

    @BeforeAll
    void setUp() {
        people = new People(port);
        sim = new Sim(simulator.baseUrl());
    }

    @Test
    void connectsSimulatorKeysAndShowsThemVerified() {
        Person trader = people.create("trader");
        Api api = trader.login();
        Sim.Keys keys = sim.tradingAccount();

        Api.Response connected = api.post("/api/me/bingx", keys.body());

        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        JsonNode body = connected.json();
        assertThat(body.get("status").asText()).isEqualTo("VERIFIED");
        assertThat(body.get("maskedApiKey").asText()).isEqualTo("****" + keys.last4());
        assertThat(body.get("accountType").asText()).isEqualTo("USDT_M_PERPETUAL_SIM");
        assertThat(body.get("asset").asText()).isEqualTo("USDT");
        assertThat(new BigDecimal(body.get("balance").asText())).isEqualByComparingTo("10000");
        assertThat(body.get("positionMode").asText()).isEqualTo("HEDGE");
        assertThat(body.get("leverage").asInt()).isEqualTo(5);
        assertThat(body.get("lastVerifiedAt").isNull()).isFalse();
        assertThat(body.get("health").get("status").asText()).isEqualTo("HEALTHY");
        assertThat(body.has("failure")).isFalse();
        assertThat(body.get("exchange").asText())
                .as("a key that names no exchange is a BingX key")
                .isEqualTo("BINGX");

        JsonNode status = api.get("/api/me/bingx").json();
        assertThat(status.get("status").asText()).isEqualTo("VERIFIED");
        assertThat(status.get("exchange").asText()).isEqualTo("BINGX");
        assertThat(status.get("maskedApiKey").asText()).isEqualTo("****" + keys.last4());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        provider.verifiedKey(UserId.of(trader.id()))
                                .map(VerifiedKey::key)
                                .block())
                .isNotNull()
                .satisfies(credentials -> assertThat(credentials.apiKey()).isEqualTo(keys.apiKey())));
    }

    @Test
    void anUnknownKeyFailsAsBadKey() {
        Api api = people.create("trader").login();
        Api.Response response = api.post("/api/me/bingx", Sim.randomKeys().body());
        assertFailed(response, "BAD_API_KEY", "100413");
    }

    @Test
    void aWrongSecretFailsAsBadSignature() {
        Api api = people.create("trader").login();
        Sim.Keys keys = sim.tradingAccount();
        Api.Response response = api.post("/api/me/bingx", Map.of("apiKey", keys.apiKey(), "secretKey", Sim.random(64)));
        assertFailed(response, "BAD_SIGNATURE", "100001");
    }

    @Test
    void aReadOnlyKeyIsVerifiedReadOnly() {
        Person trader = people.create("trader");
        Api api = trader.login();
        Sim.Keys keys = sim.account(Sim.randomKeys(), "READ");
        Api.Response response = api.post("/api/me/bingx", keys.body());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("VERIFIED");
        assertThat(response.json().get("readOnly").asBoolean()).isTrue();
        assertThat(response.json().get("ipWhitelist")).isEmpty();
        // a trading key is not read-only
        Api other = people.create("trader").login();
        JsonNode trading =
                other.post("/api/me/bingx", sim.tradingAccount().body()).json();
        assertThat(trading.get("readOnly").asBoolean()).isFalse();
    }

    @Test
    void anUnreachableExchangeFailsAsUnreachable() {
        Api api = people.create("trader").login();
        Sim.Keys keys = sim.tradingAccount();
        sim.fault(Map.of("type", "HTTP_ERROR", "status", 503, "count", 20, "path", "/openApi/swap/v2/user/balance"));
        try {
            Api.Response response = api.post("/api/me/bingx", keys.body());
            assertFailed(response, "EXCHANGE_UNREACHABLE", "503");
        } finally {
            sim.clearFaults();
        }
        Api.Response retried = api.post("/api/me/bingx/test", Map.of());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("status").asText()).isEqualTo("VERIFIED");
    }

    @Test
    void testConnectionVerifiesTheStoredKeyAgain() {
        Api api = people.create("trader").login();
        Sim.Keys keys = sim.tradingAccount();
        JsonNode first = api.post("/api/me/bingx", keys.body()).json();
        Api.Response tested = api.post("/api/me/bingx/test", Map.of());
        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        assertThat(tested.json().get("status").asText()).isEqualTo("VERIFIED");
        assertThat(tested.json().get("lastVerifiedAt").asText())
                .isGreaterThanOrEqualTo(first.get("lastVerifiedAt").asText());
    }

    @Test
    void testConnectionWithoutAKeyIsAConflict() {
        Api api = people.create("trader").login();
        Api.Response response = api.post("/api/me/bingx/test", Map.of());
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("detail").asText()).isEqualTo("connect a BingX key first");
        assertThat(api.get("/api/me/bingx").json().get("status").asText()).isEqualTo("DISCONNECTED");
    }

    @Test
    void replacingAKeyVerifiesTheNewOne() {
        Person trader = people.create("trader");
        Api api = trader.login();
        Sim.Keys first = sim.tradingAccount();
        Sim.Keys second = sim.tradingAccount();
        assertThat(api.post("/api/me/bingx", first.body()).json().get("status").asText())
                .isEqualTo("VERIFIED");
        JsonNode replaced = api.post("/api/me/bingx", second.body()).json();
        assertThat(replaced.get("status").asText()).isEqualTo("VERIFIED");
        assertThat(replaced.get("maskedApiKey").asText()).isEqualTo("****" + second.last4());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        provider.verifiedKey(UserId.of(trader.id()))
                                .map(VerifiedKey::key)
                                .block())
                .isNotNull()
                .satisfies(credentials -> assertThat(credentials.apiKey()).isEqualTo(second.apiKey())));
    }

    @Test
    void disconnectRemovesTheKey() {
        Person trader = people.create("trader");
        Api api = trader.login();
        api.post("/api/me/bingx", sim.tradingAccount().body());

        Api.Response deleted = api.delete("/api/me/bingx");

        assertThat(deleted.status()).isEqualTo(204);
        JsonNode status = api.get("/api/me/bingx").json();
        assertThat(status.get("status").asText()).isEqualTo("DISCONNECTED");
        assertThat(status.has("maskedApiKey")).isFalse();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(provider.verifiedKey(UserId.of(trader.id()))
                                .map(VerifiedKey::key)
                                .block())
                        .isNull());
        assertThat(api.delete("/api/me/bingx").status())
                .as("disconnecting twice")
                .isEqualTo(204);
        assertThat(api.post("/api/me/bingx/test", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void adminsSeeEveryConnectionWithoutSecrets() {
        Person trader = people.create("trader");
        Sim.Keys keys = sim.tradingAccount();
        trader.login().post("/api/me/bingx", keys.body());

        Api.Response list = people.admin().get("/api/admin/connections");

        assertThat(list.status()).isEqualTo(200);
        JsonNode mine = null;
        for (JsonNode row : list.json()) {
            if (row.get("userId").asText().equals(trader.id())) {
                mine = row;
            }
        }
        assertThat(mine).as("the trader's row").isNotNull();
        assertThat(mine.get("username").asText()).isEqualTo(trader.username());
        assertThat(mine.get("status").asText()).isEqualTo("VERIFIED");
        assertThat(mine.get("maskedApiKey").asText()).isEqualTo("****" + keys.last4());
        assertThat(list.body()).doesNotContain(keys.apiKey()).doesNotContain(keys.secretKey());
    }

    @Test
    void theExchangeTheKeyNamesIsRecordedAndShown() {
        Person trader = people.create("trader");
        Api api = trader.login();
        Sim.Keys keys = sim.tradingAccount();
        Map<String, Object> body = new java.util.HashMap<>(keys.body());
        body.put("exchange", "BINGX");

        Api.Response connected = api.post("/api/me/bingx", body);

        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        assertThat(connected.json().get("exchange").asText()).isEqualTo("BINGX");
        assertThat(jdbc.queryForObject(
                        "select exchange from connections_view where user_id = ?",
                        String.class,
                        UUID.fromString(trader.id())))
                .isEqualTo("BINGX");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                        "select exchange from credentials_secrets where user_id = ?",
                        String.class,
                        UUID.fromString(trader.id())))
                .isEqualTo("BINGX"));
        JsonNode admin = people.admin().get("/api/admin/connections").json();
        JsonNode mine = null;
        for (JsonNode connection : admin) {
            if (connection.get("userId").asText().equals(trader.id())) {
                mine = connection;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("exchange").asText()).isEqualTo("BINGX");

        assertThat(api.get("/api/me/bingx").json().get("exchange").asText()).isEqualTo("BINGX");
    }

    @Test
    void anUnknownExchangeIsRefusedWith422NamingTheFieldAndNothingIsStored() {
        Person trader = people.create("trader");
        Api api = trader.login();
        Sim.Keys keys = sim.tradingAccount();
        Map<String, Object> body = new java.util.HashMap<>(keys.body());
        body.put("exchange", "KRAKEN");

        Api.Response refused = api.post("/api/me/bingx", body);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("exchange");
        assertThat(refused.json().get("errors").get(0).get("message").asText()).isEqualTo("must be one of BINGX");
        UUID id = UUID.fromString(trader.id());
        assertThat(jdbc.queryForObject(
                        "select count(*) from domain_event_entry where aggregate_identifier = ?",
                        Integer.class,
                        "credentials-" + id))
                .as("no credentials event")
                .isZero();
    }

    @Test
    void badInputIsRefusedClearlyAndNothingIsStored() {
        Person trader = people.create("trader");
        Api api = trader.login();
        String longKey = "k".repeat(129);
        String nonAscii = "clé-secrète-ünïcødé-1234";

        Api.Response empty = api.post("/api/me/bingx", Map.of("apiKey", "", "secretKey", ""));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("apiKey").contains("secretKey").contains("is required");

        Api.Response tooLong = api.post("/api/me/bingx", Map.of("apiKey", longKey, "secretKey", Sim.random(64)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body())
                .contains("apiKey")
                .contains("8 to 128 characters")
                .doesNotContain(longKey);

        Api.Response unicode = api.post("/api/me/bingx", Map.of("apiKey", Sim.random(64), "secretKey", nonAscii));
        assertThat(unicode.status()).isEqualTo(422);
        assertThat(unicode.body())
                .contains("secretKey")
                .contains("printable ASCII")
                .doesNotContain(nonAscii);

        Api.Response spaces =
                api.post("/api/me/bingx", Map.of("apiKey", "abcd efgh ijkl", "secretKey", Sim.random(64)));
        assertThat(spaces.status()).isEqualTo(422);

        Api.Response missing = api.post("/api/me/bingx", Map.of("apiKey", Sim.random(64)));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).contains("secretKey");

        Api.Response unknownField = api.post(
                "/api/me/bingx", Map.of("apiKey", Sim.random(64), "secretKey", Sim.random(64), "passphrase", "x"));
        assertThat(unknownField.status()).isEqualTo(400);

        Api.Response notJson = api.sendRaw("POST", "/api/me/bingx", "{\"apiKey\": ");
        assertThat(notJson.status()).isEqualTo(400);

        Api.Response wrongType = api.sendRaw("POST", "/api/me/bingx", "{\"apiKey\": [1], \"secretKey\": \"x\"}");
        assertThat(wrongType.status()).isEqualTo(400);

        UUID id = UUID.fromString(trader.id());
        assertThat(jdbc.queryForObject(
                        "select count(*) from domain_event_entry where aggregate_identifier = ?",
                        Integer.class,
                        "credentials-" + id))
                .as("no credentials event")
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from vault_data_keys where user_id = ?", Integer.class, id))
                .as("no data key")
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from connections_view where user_id = ?", Integer.class, id))
                .as("no connection row")
                .isZero();
        assertThat(api.get("/api/me/bingx").json().get("status").asText()).isEqualTo("DISCONNECTED");
    }

    private static void assertFailed(Api.Response response, String reason, String detailPart) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("status").asText()).isEqualTo("FAILED");
        assertThat(body.get("failure").get("code").asText()).isEqualTo(reason);
        assertThat(body.get("failure").get("message").asText()).isNotBlank();
        assertThat(body.get("failure").get("detail").asText()).contains(detailPart);
    }
}
