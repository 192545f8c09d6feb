package dev.trenddesk.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import dev.trenddesk.strategy.credentials.VerifiedKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The BingX key itself: a key that can withdraw or transfer is refused; a read-only key is verified
 * read-only and cannot start a bot; a new key replaces a working one only once verified, and a bad
 * update leaves the working key (and the running bot) alone.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/key-hardening",
            "trenddesk.simulator.clock-mode=STEPPED",
            "trenddesk.trading.poll-interval=1s",
            "trenddesk.trading.pending-grace=2s",
            "trenddesk.exchange.egress-ips=203.0.113.10, 198.51.100.20"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BingxKeyHardeningTest {

    private static final String PERMISSIONS = "/openApi/v1/account/apiPermissions";

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CredentialsProvider credentials;

    private People people;
    private TradingWorld world;

    @BeforeAll
    void setUp() {
        people = new People(port);
        world = new TradingWorld(people, simulator.baseUrl(), jdbc, credentials);
    }

    @Test
    void aKeyThatCanWithdrawIsRefused() {
        People.Person trader = people.create("trader");
        Api api = trader.login();
        String[] keys = world.simAccount("READ", "TRADE", "WITHDRAW");

        Api.Response response = api.post("/api/me/bingx", Map.of("apiKey", keys[0], "secretKey", keys[1]));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("status").asText()).isEqualTo("FAILED");
        assertThat(body.get("failure").get("code").asText()).isEqualTo("FUNDS_PERMISSION");
        assertThat(body.get("failure").get("message").asText()).containsIgnoringCase("withdraw");
        assertThat(body.get("failure").get("detail").asText()).contains("withdraw");
        assertThat(credentials
                        .verifiedKey(UserId.of(trader.id()))
                        .map(VerifiedKey::key)
                        .block())
                .isNull();
    }

    @Test
    void aKeyThatCanTransferIsRefused() {
        Api api = people.create("trader").login();
        String[] keys = world.simAccount("READ", "TRADE", "TRANSFER");

        JsonNode body = api.post("/api/me/bingx", Map.of("apiKey", keys[0], "secretKey", keys[1]))
                .json();

        assertThat(body.get("status").asText()).isEqualTo("FAILED");
        assertThat(body.get("failure").get("code").asText()).isEqualTo("FUNDS_PERMISSION");
        assertThat(body.get("failure").get("detail").asText()).contains("transfer");
    }

    @Test
    void aReadOnlyKeyIsVerifiedReadOnlyAndCannotStartABot() {
        People.Person trader = people.create("trader");
        assertThat(people.admin()
                        .patch("/api/admin/users/" + trader.id(), Map.of("tradingEnabled", true))
                        .status())
                .isEqualTo(200);
        Api api = trader.login();
        assertThat(api.put("/api/me/settings", TradingWorld.eagerSettings("HEDGE"))
                        .status())
                .isEqualTo(200);
        String[] keys = world.simAccount("READ");

        JsonNode body = api.post("/api/me/bingx", Map.of("apiKey", keys[0], "secretKey", keys[1]))
                .json();

        assertThat(body.get("status").asText()).as(body.toString()).isEqualTo("VERIFIED");
        assertThat(body.get("readOnly").asBoolean()).isTrue();
        Api.Response start = api.post("/api/me/bot/start", Map.of());
        assertThat(start.status()).as(start.toString()).isIn(409, 422);
        assertThat(start.body()).contains("read-only");
        assertThat(api.get("/api/me/bot").json().get("status").asText()).isEqualTo("STOPPED");
    }

    @Test
    void theServersEgressIpsAreShownToTraders() {
        Api api = people.create("trader").login();
        JsonNode body = api.get("/api/me/bingx").json();
        List<String> ips = new java.util.ArrayList<>();
        body.get("egressIps").forEach(ip -> ips.add(ip.asText()));
        assertThat(ips).containsExactly("203.0.113.10", "198.51.100.20");
    }

    @Test
    void aFailedUpdateKeepsTheWorkingKeyAndTheBotTrading() {
        TradingWorld.Trader trader = world.trader(TradingWorld.eagerSettings("HEDGE"));
        String sessionId = world.startBot(trader);
        String oldMasked = "****" + trader.apiKey().substring(60);

        String badKey = TradingWorld.random(64);
        Api.Response update =
                trader.api().post("/api/me/bingx", Map.of("apiKey", badKey, "secretKey", TradingWorld.random(64)));

        assertThat(update.status()).as(update.toString()).isEqualTo(200);
        JsonNode body = update.json();
        assertThat(body.get("status").asText())
                .as("the working key stays verified")
                .isEqualTo("VERIFIED");
        assertThat(body.get("maskedApiKey").asText()).isEqualTo(oldMasked);
        assertThat(body.get("pendingKey").get("maskedApiKey").asText()).isEqualTo("****" + badKey.substring(60));
        assertThat(body.get("pendingKey").get("status").asText()).isEqualTo("FAILED");
        assertThat(body.get("pendingKey").get("failure").get("code").asText()).isEqualTo("BAD_API_KEY");
        assertThat(trader.api()
                        .get("/api/me/bingx")
                        .json()
                        .get("pendingKey")
                        .get("status")
                        .asText())
                .isEqualTo("FAILED");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(alerts(trader.id())).contains("CREDENTIALS_UPDATE_FAILED"));
        assertThat(credentials
                        .verifiedKey(UserId.of(trader.id()))
                        .map(VerifiedKey::key)
                        .block()
                        .apiKey())
                .as("trading still uses the old key")
                .isEqualTo(trader.apiKey());

        // the bot keeps trading on the old key's account
        world.stepUntil("OrderPlaced", 40, sessionId);
        assertThat(world.account(trader.apiKey()).get("orders")).isNotEmpty();
        assertThat(trader.api().get("/api/me/bot").json().get("status").asText())
                .isEqualTo("RUNNING");
    }

    @Test
    void aGoodNewKeyReplacesTheWorkingOneOnlyOnceVerified() throws Exception {
        People.Person trader = people.create("trader");
        Api api = trader.login();
        String[] first = world.simAccount("READ", "TRADE");
        String[] second = world.simAccount("READ", "TRADE");
        assertThat(api.post("/api/me/bingx", Map.of("apiKey", first[0], "secretKey", first[1]))
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("VERIFIED");

        world.fault(Map.of("type", "LATENCY", "millis", 4000, "count", 1, "path", PERMISSIONS));
        CompletableFuture<Api.Response> replacing = CompletableFuture.supplyAsync(
                () -> api.post("/api/me/bingx", Map.of("apiKey", second[0], "secretKey", second[1])));
        try {
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                JsonNode during = api.get("/api/me/bingx").json();
                assertThat(during.get("status").asText()).isEqualTo("VERIFIED");
                assertThat(during.get("maskedApiKey").asText()).isEqualTo("****" + first[0].substring(60));
                assertThat(during.path("pendingKey").path("status").asText()).isEqualTo("PENDING");
            });
            assertThat(credentials
                            .verifiedKey(UserId.of(trader.id()))
                            .map(VerifiedKey::key)
                            .block()
                            .apiKey())
                    .isEqualTo(first[0]);
            JsonNode replaced =
                    replacing.get(30, java.util.concurrent.TimeUnit.SECONDS).json();
            assertThat(replaced.get("status").asText()).isEqualTo("VERIFIED");
            assertThat(replaced.get("maskedApiKey").asText()).isEqualTo("****" + second[0].substring(60));
            assertThat(replaced.has("pendingKey")).isFalse();
        } finally {
            world.clearFaults();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(credentials
                        .verifiedKey(UserId.of(trader.id()))
                        .map(VerifiedKey::key)
                        .block()
                        .apiKey())
                .isEqualTo(second[0]));
    }

    private List<String> alerts(String userId) {
        return jdbc.queryForList("""
                select convert_from(payload, 'UTF8') from domain_event_entry
                where payload_type = 'dev.trenddesk.api.alert.AlertRaised' order by global_index""", String.class).stream()
                .map(json -> {
                    try {
                        return Api.JSON.readTree(json);
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                })
                .filter(alert -> alert.get("userId").asText().equals(userId))
                .map(alert -> alert.get("kind").asText())
                .toList();
    }
}
