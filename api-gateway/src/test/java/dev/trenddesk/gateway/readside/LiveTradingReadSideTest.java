package dev.trenddesk.gateway.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.gateway.support.TradingSettings;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import dev.trenddesk.strategy.credentials.VerifiedKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The read side on real trading: a trader's bot trades on the built-in simulator (accelerated
 * clock) while their stream shows it live and another trader's stream stays silent; the
 * TradingSession can be seen as it was at any moment (time travel); and rebuilding the trading
 * read models from zero lands on the very state they had live.
 */
@IntegrationTest
class LiveTradingReadSideTest {

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    CredentialsProvider credentials;

    @Test
    void liveTradingStreamsToItsTraderOnlyTravelsInTimeAndRebuildsToTheSameState() throws Exception {
        People people = new People(port);
        Person a = readyToTrade(people);
        Person b = people.create("trader");
        Api apiA = a.login();
        Api auditor = people.create("auditor").login();
        Api admin = people.admin();
        try (SseClient streamA = SseClient.open(port, apiA, "/api/me/stream", null);
                SseClient streamB = SseClient.open(port, b.login(), "/api/me/stream", null)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !streamA.named("snapshot").isEmpty()
                            && !streamB.named("snapshot").isEmpty());
            Api.Response started = apiA.post("/api/me/bot/start", Map.of());
            assertThat(started.status()).as(started.toString()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> apiA.get("/api/me/sessions").json().size() == 1);
            String sessionId =
                    apiA.get("/api/me/sessions").json().get(0).get("sessionId").asText();
            Instant whileRunning = Instant.now();

            // live trading reaches A's stream: the session, then the strategy's signals and orders
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> !streamA.named("session").isEmpty()
                            && !streamA.named("signal").isEmpty()
                            && !streamA.named("order").isEmpty());
            JsonNode dashboard = apiA.get("/api/me/dashboard").json();
            assertThat(dashboard.get("bot").get("status").asText()).isEqualTo("RUNNING");
            assertThat(dashboard.get("signals")).isNotEmpty();
            assertThat(dashboard.get("connection").get("status").asText()).isEqualTo("VERIFIED");
            JsonNode card = null;
            for (JsonNode user : admin.get("/api/admin/overview").json().get("users")) {
                if (user.get("userId").asText().equals(a.id())) {
                    card = user;
                }
            }
            assertThat(card).isNotNull();
            assertThat(card.get("botStatus").asText()).isEqualTo("RUNNING");
            assertThat(card.get("connectionStatus").asText()).isEqualTo("VERIFIED");

            Api.Response stopped = apiA.post("/api/me/bot/stop", Map.of("flatten", true));
            assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> apiA.get("/api/me/sessions")
                    .json()
                    .get(0)
                    .get("status")
                    .asText()
                    .equals("STOPPED"));

            // B's stream never carried any of it
            assertThat(streamB.anyDataContains(sessionId)).isFalse();
            assertThat(streamB.anyDataContains(a.id())).isFalse();
            assertThat(streamB.named("session")).isEmpty();
            assertThat(streamB.named("order")).isEmpty();

            // time travel on the TradingSession
            JsonNode then = auditor.get("/api/audit/aggregates/" + sessionId + "?at=" + whileRunning)
                    .json();
            assertThat(then.get("aggregateType").asText()).isEqualTo("TradingSession");
            assertThat(then.get("state").get("status").asText()).isEqualTo("RUNNING");
            assertThat(then.get("events").get(0).get("eventType").asText()).isEqualTo("TradingSessionStarted");
            JsonNode now = auditor.get("/api/audit/aggregates/" + sessionId).json();
            assertThat(now.get("state").get("status").asText()).isEqualTo("STOPPED");
            assertThat(now.get("state").get("stoppedBy").asText()).isEqualTo(a.id());
            assertThat(now.get("events").size())
                    .isGreaterThan(then.get("events").size());
            assertThat(now.get("state").get("signals").asInt()).isGreaterThanOrEqualTo(1);

            // rebuild the trading read models: the same state as live, and the stream hears nothing of it
            // once the stop has played out (its flatten order answered), the read models stand still
            java.util.concurrent.atomic.AtomicReference<Map<String, JsonNode>> last =
                    new java.util.concurrent.atomic.AtomicReference<>();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        Map<String, JsonNode> current = readModels(apiA);
                        boolean settled = current.equals(last.get())
                                && !current.get("orders?limit=500").toString().contains("REQUESTED");
                        last.set(current);
                        return settled;
                    });
            Map<String, JsonNode> live = last.get();
            int eventsBefore = streamA.events().size()
                    - streamA.named("heartbeat").size()
                    - streamA.named("candle").size();
            Api.Response rebuild = admin.post("/api/admin/projections/trading-read-models/rebuild", Map.of());
            assertThat(rebuild.status()).as(rebuild.toString()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(readModels(apiA)).isEqualTo(live));
            assertThat(streamA.events().size()
                            - streamA.named("heartbeat").size()
                            - streamA.named("candle").size())
                    .as("a rebuild pushes nothing to live streams")
                    .isEqualTo(eventsBefore);
        }
    }

    private static Map<String, JsonNode> readModels(Api api) {
        Map<String, JsonNode> models = new LinkedHashMap<>();
        for (String part : List.of("sessions", "trades", "orders?limit=500", "signals?limit=200", "positions")) {
            models.put(part, api.get("/api/me/" + part).json());
        }
        models.put("account", api.get("/api/me/dashboard").json().get("account"));
        // values of open positions follow the market, not the events: leave them out
        for (JsonNode node : models.values()) {
            stripMarketValues(node);
        }
        return models;
    }

    private static void stripMarketValues(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.remove(List.of("markPrice", "unrealisedPnl", "balance"));
        }
        if (node != null) {
            node.forEach(LiveTradingReadSideTest::stripMarketValues);
        }
    }

    /** A trader with trading permission, eager settings and verified keys on the simulator. */
    private Person readyToTrade(People people) throws Exception {
        Person person = people.create("trader");
        assertThat(people.admin()
                        .patch("/api/admin/users/" + person.id(), Map.of("tradingEnabled", true))
                        .status())
                .isEqualTo(200);
        Api api = person.login();
        Map<String, Object> settings = TradingSettings.eager("HEDGE");
        assertThat(api.put("/api/me/settings", settings).status()).isEqualTo(200);
        String apiKey = UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
        String secretKey = UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
        String account = Api.JSON.writeValueAsString(Map.of(
                "apiKey",
                apiKey,
                "secretKey",
                secretKey,
                "balance",
                "10000",
                "permissions",
                List.of("READ", "TRADE"),
                "positionMode",
                "HEDGE",
                "leverage",
                5));
        HttpResponse<String> created = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/sim/accounts"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(account))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Api.Response connected = api.post("/api/me/bingx", Map.of("apiKey", apiKey, "secretKey", secretKey));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> credentials
                .verifiedKey(UserId.of(person.id()))
                .map(VerifiedKey::key)
                .blockOptional()
                .isPresent());
        return person;
    }
}
