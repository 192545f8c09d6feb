package dev.trenddesk.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import dev.trenddesk.strategy.credentials.VerifiedKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test helpers for trading: a trader ready to trade (trading permission, settings, verified simulator
 * keys), the simulator's admin API (accounts, clock, faults), and the session's stored events.
 */
final class TradingWorld {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final People people;
    private String simUrl;
    private final JdbcTemplate jdbc;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final CredentialsProvider credentials;

    TradingWorld(People people, String simUrl, JdbcTemplate jdbc, CredentialsProvider credentials) {
        this.people = people;
        this.simUrl = simUrl;
        this.jdbc = jdbc;
        this.credentials = credentials;
    }

    /** The same world against a simulator at this URL. */
    TradingWorld withSimulator(String url) {
        this.simUrl = url;
        return this;
    }

    /** A trader with trading permission, these settings, and verified simulator keys. */
    record Trader(Person person, Api api, String apiKey, String secretKey) {
        String id() {
            return person.id();
        }
    }

    /**
     * Settings that enter on the first ready candle (ADX threshold 10, confidence 0) with a tight stop
     * and target, so a whole entry → stop / take-profit cycle happens within a few candles.
     */
    static Map<String, Object> eagerSettings(String positionMode) {
        return dev.trenddesk.gateway.support.TradingSettings.eager(positionMode);
    }

    Trader trader(Map<String, Object> settings) {
        return trader(settings, null);
    }

    /**
     * A trader whose simulator account answers placed orders its own way ({@code "ACKNOWLEDGED"} as BingX,
     * {@code "FILLED"} already filled; null: the simulator's configured answer).
     */
    Trader trader(Map<String, Object> settings, String placeAnswer) {
        Person person = people.create("trader");
        Api.Response granted = people.admin().patch("/api/admin/users/" + person.id(), Map.of("tradingEnabled", true));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        Api api = person.login();
        Api.Response saved = api.put("/api/me/settings", settings);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        String apiKey = random(64);
        String secretKey = random(64);
        Map<String, Object> account = new LinkedHashMap<>(Map.of(
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
        if (placeAnswer != null) {
            account.put("placeAnswer", placeAnswer);
        }
        int created = post("/sim/accounts", account);
        assertThat(created).isEqualTo(201);
        Api.Response connected = api.post("/api/me/bingx", Map.of("apiKey", apiKey, "secretKey", secretKey));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        assertThat(connected.json().get("status").asText()).isEqualTo("VERIFIED");
        // the trading side reads the key from the credentials store, written as the verification is processed
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> credentials
                .verifiedKey(dev.trenddesk.api.common.UserId.of(person.id()))
                .map(VerifiedKey::key)
                .blockOptional()
                .isPresent());
        return new Trader(person, api, apiKey, secretKey);
    }

    /** A simulator account with these permissions (READ, TRADE, TRANSFER, WITHDRAW); its key and secret. */
    String[] simAccount(String... permissions) {
        String apiKey = random(64);
        String secretKey = random(64);
        assertThat(post(
                        "/sim/accounts",
                        Map.of(
                                "apiKey",
                                apiKey,
                                "secretKey",
                                secretKey,
                                "balance",
                                "10000",
                                "permissions",
                                List.of(permissions),
                                "positionMode",
                                "HEDGE",
                                "leverage",
                                5)))
                .isEqualTo(201);
        return new String[] {apiKey, secretKey};
    }

    /** Closes {@code candles} candles of the stepped simulator. */
    void step(int candles) {
        assertThat(post("/sim/clock/step", Map.of("candles", candles))).isEqualTo(200);
    }

    void fault(Map<String, Object> fault) {
        assertThat(post("/sim/faults", fault)).isEqualTo(201);
    }

    void clearFaults() {
        send(HttpRequest.newBuilder(URI.create(simUrl + "/sim/faults")).DELETE().build());
    }

    /** The simulator's account: balance, positions, open orders and every order ever. */
    JsonNode account(String apiKey) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(simUrl + "/sim/accounts/" + apiKey))
                .GET()
                .build());
        try {
            return Api.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The orders the simulator holds with this clientOrderId (any status). */
    List<JsonNode> ordersWithClientOrderId(String apiKey, String clientOrderId) {
        List<JsonNode> out = new ArrayList<>();
        account(apiKey).get("orders").forEach(order -> {
            if (clientOrderId.equalsIgnoreCase(order.path("clientOrderId").asText())) {
                out.add(order);
            }
        });
        return out;
    }

    /** A stored event of a session. */
    record Stored(String type, JsonNode payload) {
        String simpleType() {
            return type.substring(type.lastIndexOf('$') + 1);
        }
    }

    /** The session's events in order. */
    List<Stored> events(String sessionId) {
        return jdbc.query(
                "select payload_type, convert_from(payload, 'UTF8') as json from domain_event_entry "
                        + "where aggregate_identifier = ? order by sequence_number",
                (rs, i) -> {
                    try {
                        return new Stored(rs.getString(1), Api.JSON.readTree(rs.getString(2)));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                },
                sessionId);
    }

    List<Stored> events(String sessionId, String simpleType) {
        return events(sessionId).stream()
                .filter(e -> e.simpleType().equals(simpleType))
                .toList();
    }

    /** Starts the trader's bot through the API and waits until the account is prepared; the session id. */
    String startBot(Trader trader) {
        Api.Response started = trader.api().post("/api/me/bot/start", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().get("status").asText()).isEqualTo("RUNNING");
        String sessionId = started.json().get("sessionId").asText();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> !events(sessionId, "ExchangeAccountPrepared").isEmpty());
        return sessionId;
    }

    /**
     * Steps one candle at a time, each time waiting until every given session has decided on it and
     * has no order pending, until the first session shows the event.
     */
    void stepUntil(String eventType, int maxCandles, String... sessionIds) {
        String watched = sessionIds[0];
        for (int candle = 0; candle < maxCandles; candle++) {
            if (!events(watched, eventType).isEmpty()) {
                return;
            }
            Map<String, Integer> decided = new LinkedHashMap<>();
            for (String id : sessionIds) {
                decided.put(id, events(id, "EquityObserved").size());
            }
            step(1);
            try {
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> decided.entrySet().stream()
                                        .allMatch(e -> events(e.getKey(), "EquityObserved")
                                                        .size()
                                                > e.getValue())
                                || !events(watched, eventType).isEmpty());
                // no order in flight when the market moves: the ledger has every order the sessions requested (it
                // follows the saga's commit by a poll of its own) and none of them is still requested or placed
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> java.util.Arrays.stream(
                                sessionIds)
                        .allMatch(id -> ledgerOrders(id)
                                        >= events(id, "OrderPlacementRequested").size()
                                && pendingOrders(id) == 0));
            } catch (org.awaitility.core.ConditionTimeoutException ignored) {
                // a candle older than the session is not decided on: step on
            }
        }
        assertThat(events(watched, eventType))
                .as(eventType + " within " + maxCandles + " candles")
                .isNotEmpty();
    }

    /** Steps one candle and waits until every given session has decided on it and has no order pending. */
    void stepDecided(String... sessionIds) {
        Map<String, Integer> decided = new LinkedHashMap<>();
        for (String id : sessionIds) {
            decided.put(id, events(id, "EquityObserved").size());
        }
        step(1);
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> decided.entrySet().stream()
                    .allMatch(e -> events(e.getKey(), "EquityObserved").size() > e.getValue()));
        } catch (org.awaitility.core.ConditionTimeoutException ignored) {
            // a candle older than the session is not decided on
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> java.util.Arrays.stream(sessionIds)
                .allMatch(id -> pendingOrders(id) == 0));
    }

    /** Orders of the session the trading ledger knows of, whatever their status. */
    int ledgerOrders(String sessionId) {
        Integer count = jdbc.queryForObject(
                "select count(*) from trading_ledger_order where session_id = ?::uuid", Integer.class, sessionId);
        return count == null ? 0 : count;
    }

    int pendingOrders(String sessionId) {
        Integer count = jdbc.queryForObject(
                "select count(*) from trading_ledger_order where session_id = ?::uuid "
                        + "and status in ('REQUESTED', 'PLACED')",
                Integer.class,
                sessionId);
        return count == null ? 0 : count;
    }

    /**
     * A simulator restart that lost its state: every account, order and position is gone; the trader's
     * account is created again with the same keys and a fresh balance (the bot's key still works).
     */
    void restartSimulatorLosingPositions(Trader... traders) {
        assertThat(post("/sim/reset", Map.of())).isEqualTo(200);
        for (Trader trader : traders) {
            assertThat(post(
                            "/sim/accounts",
                            Map.of(
                                    "apiKey",
                                    trader.apiKey(),
                                    "secretKey",
                                    trader.secretKey(),
                                    "balance",
                                    "10000",
                                    "permissions",
                                    List.of("READ", "TRADE"),
                                    "positionMode",
                                    "HEDGE",
                                    "leverage",
                                    5)))
                    .isEqualTo(201);
        }
    }

    private int post(String path, Object body) {
        try {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(simUrl + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)))
                    .build());
            return response.statusCode();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String random(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
