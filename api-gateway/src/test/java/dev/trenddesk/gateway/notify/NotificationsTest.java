package dev.trenddesk.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.alert.AlertRaised.Severity;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.strategy.notify.WebhookSignature;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notifications over real HTTP: a trader points a webhook at a local HTTP server of this test and
 * Telegram at a fake Bot API of this test; positions opened and closed (projected through the
 * notifications processor's handler, as its processor would) and alerts (published on the bus, so the
 * real processor takes them, and one raised by a real password change) reach the channels that chose
 * them, signed; a failing receiver is tried again and the delivery recorded; the test button goes the
 * same way; no secret is ever answered or recorded in a delivery; other people see none of it.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/notifications",
            "trenddesk.notifications.allow-http-loopback=true",
            "trenddesk.notifications.poll-interval=100ms",
            "trenddesk.notifications.timeout=2s",
            "trenddesk.notifications.retry.initial-delay=200ms",
            "trenddesk.notifications.retry.max-delay=1s",
            "trenddesk.notifications.retry.max-attempts=4",
            "trenddesk.notifications.test-wait=10s"
        })
class NotificationsTest {

    static final String SECRET = "receiver-secret-0123456789";
    static final String TOKEN = "7000000001:AAHk_secretTelegramToken0123456789abcd";
    static final String CHAT = "-1001234567890";

    record Received(String path, Map<String, String> headers, byte[] body) {
        JsonNode json() {
            try {
                return Api.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    static HttpServer webhookServer;
    static HttpServer telegramServer;
    static final List<Received> webhooks = new CopyOnWriteArrayList<>();
    static final List<Received> telegrams = new CopyOnWriteArrayList<>();
    /** Statuses the webhook answers next (then 200). */
    static final Deque<Integer> webhookFailures = new ArrayDeque<>();

    static {
        try {
            webhookServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            webhookServer.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
                webhooks.add(new Received(exchange.getRequestURI().getPath(), headers, body));
                Integer status;
                synchronized (webhookFailures) {
                    status = webhookFailures.poll();
                }
                byte[] answer = (status == null ? "ok" : "temporarily unavailable").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            webhookServer.start();
            telegramServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            telegramServer.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                telegrams.add(new Received(exchange.getRequestURI().getPath(), Map.of(), body));
                boolean known = exchange.getRequestURI().getPath().equals("/bot" + TOKEN + "/sendMessage");
                byte[] answer = (known
                                ? "{\"ok\":true,\"result\":{\"message_id\":1}}"
                                : "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(known ? 200 : 401, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            telegramServer.start();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void telegram(DynamicPropertyRegistry registry) {
        registry.add(
                "trenddesk.notifications.telegram-base-url",
                () -> "http://127.0.0.1:" + telegramServer.getAddress().getPort());
    }

    @AfterAll
    static void stopServers() {
        webhookServer.stop(0);
        telegramServer.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    EventBus eventBus;

    @Autowired
    JdbcTemplate jdbc;

    People people;

    @BeforeEach
    void people() {
        people = new People(port);
    }

    @BeforeAll
    static void clear() {
        webhooks.clear();
        telegrams.clear();
    }

    String hookUrl(String path) {
        return "http://127.0.0.1:" + webhookServer.getAddress().getPort() + path;
    }

    Map<String, Object> settings(String hookPath, List<String> hookEvents, List<String> telegramEvents) {
        return Map.of(
                "webhook",
                Map.of("url", hookUrl(hookPath), "secret", SECRET, "events", hookEvents),
                "telegram",
                Map.of("botToken", TOKEN, "chatId", CHAT, "events", telegramEvents));
    }

    @Test
    void positionsAndAlertsReachTheChannelsThatChoseThemSignedAndOnlyOnce() {
        Person trader = people.create("trader");
        Api api = trader.login();
        String hook = "/hook/" + trader.username();
        Api.Response saved = api.put(
                "/api/me/notifications",
                settings(hook, List.of("ENTRY", "EXIT", "SECURITY"), List.of("EXIT", "ORDER_REJECTED")));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().at("/webhook/secretMask").asText()).isEqualTo("****6789");
        assertThat(saved.json().at("/telegram/botTokenMask").asText()).isEqualTo("****abcd");
        assertThat(saved.json().at("/telegram/chatId").asText()).isEqualTo(CHAT);
        assertThat(saved.json().has("generatedSecret")).isFalse();
        assertNoSecret(saved.body());
        Api.Response read = api.get("/api/me/notifications");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().at("/webhook/events").toString()).isEqualTo("[\"ENTRY\",\"EXIT\",\"SECURITY\"]");
        assertNoSecret(read.body());

        UserId user = UserId.of(trader.id());
        TradingSessionId session = TradingSessionId.random();
        Instant at = Instant.now();
        route(new PositionOpened(
                session,
                user,
                "ETH-USDT",
                Direction.LONG,
                ExchangePositionSide.LONG,
                new BigDecimal("0.5"),
                new BigDecimal("1950"),
                new BigDecimal("1900"),
                new BigDecimal("2050"),
                "td-open-1",
                new BigDecimal("0.49"),
                at));
        EventMessage<?> closed = GenericEventMessage.asEventMessage(new PositionClosed(
                session,
                user,
                "ETH-USDT",
                Direction.LONG,
                new BigDecimal("0.5"),
                new BigDecimal("1950"),
                new BigDecimal("2050"),
                new BigDecimal("50"),
                new BigDecimal("0.98"),
                ExitReason.TAKE_PROFIT,
                at.plusSeconds(600)));
        route(closed);
        route(closed); // redelivered: queued once per channel
        eventBus.publish(GenericEventMessage.asEventMessage(new AlertRaised(
                "test:rejected:" + UUID.randomUUID(),
                user,
                Severity.WARNING,
                "ORDER_REJECTED",
                "BingX rejected the order: 80001 insufficient margin",
                Instant.now())));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(hooksTo(hook)).hasSize(2);
            assertThat(telegramTexts()).hasSize(2);
        });
        List<Received> hooks = hooksTo(hook);
        for (Received r : hooks) {
            assertSigned(r);
        }
        JsonNode entry = hooks.stream()
                .map(Received::json)
                .filter(j -> j.get("kind").asText().equals("ENTRY"))
                .findFirst()
                .orElseThrow();
        assertThat(entry.get("title").asText()).isEqualTo("Position opened: LONG ETH-USDT");
        assertThat(entry.at("/details/entryPrice").asText()).isEqualTo("1950");
        JsonNode exit = hooks.stream()
                .map(Received::json)
                .filter(j -> j.get("kind").asText().equals("EXIT"))
                .findFirst()
                .orElseThrow();
        assertThat(exit.at("/details/netPnl").asText()).isEqualTo("49.02");
        assertThat(exit.get("title").asText()).contains("net P&L +49.02 USDT");
        assertThat(telegramTexts())
                .anySatisfy(t -> assertThat(t).contains("Position closed: LONG ETH-USDT", "+49.02"))
                .anySatisfy(t -> assertThat(t).contains("Order rejected", "insufficient margin"));

        // a real password change raises a security alert, which only the webhook chose
        Api.Response changed = api.put(
                "/api/me/password",
                Map.of("currentPassword", trader.password(), "newPassword", trader.password() + "-changed-now"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(hooksTo(hook))
                .extracting(r -> r.json().get("kind").asText())
                .contains("SECURITY"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode deliveries = api.get("/api/me/notifications/deliveries").json();
            assertThat(deliveries).hasSize(5);
            assertThat(deliveries).allSatisfy(d -> {
                assertThat(d.get("status").asText()).isEqualTo("DELIVERED");
                assertThat(d.get("attempts").asInt()).isEqualTo(1);
            });
        });
        String deliveries = api.get("/api/me/notifications/deliveries").body();
        assertNoSecret(deliveries);
        assertThat(jdbc.queryForObject(
                        "select count(*) from notification_deliveries where user_id = ?::uuid and "
                                + "(body like '%' || ? || '%' or details like '%' || ? || '%' or coalesce(last_error, '') like '%' || ? || '%')",
                        Integer.class, trader.id(), SECRET, TOKEN, TOKEN))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from notification_channels where user_id = ?::uuid and "
                                + "(secret_ciphertext like '%' || ? || '%' or secret_ciphertext like '%' || ? || '%')",
                        Integer.class, trader.id(), SECRET, TOKEN))
                .isZero();
    }

    @Test
    void aFailingReceiverIsTriedAgainWithBackOffAndAFourHundredIsNot() {
        Person trader = people.create("trader");
        Api api = trader.login();
        String hook = "/flaky/" + trader.username();
        assertThat(api.put(
                                "/api/me/notifications",
                                Map.of("webhook", Map.of("url", hookUrl(hook), "events", List.of("EXIT"))))
                        .status())
                .isEqualTo(200);
        synchronized (webhookFailures) {
            webhookFailures.add(503);
            webhookFailures.add(500);
        }
        UserId user = UserId.of(trader.id());
        route(new PositionClosed(
                TradingSessionId.random(),
                user,
                "BTC-USDT",
                Direction.SHORT,
                new BigDecimal("0.01"),
                new BigDecimal("60000"),
                new BigDecimal("61000"),
                new BigDecimal("-10"),
                new BigDecimal("0.6"),
                ExitReason.STOP_LOSS,
                Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode d = api.get("/api/me/notifications/deliveries").json().get(0);
            assertThat(d.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(d.get("attempts").asInt()).isEqualTo(3);
            assertThat(d.get("lastStatusCode").asInt()).isEqualTo(200);
        });
        List<Received> attempts = hooksTo(hook);
        assertThat(attempts).hasSize(3);
        assertThat(attempts)
                .extracting(r -> r.headers().get("x-trenddesk-delivery"))
                .as("one delivery id over every attempt, so a receiver can drop a duplicate")
                .containsOnly(attempts.getFirst().headers().get("x-trenddesk-delivery"));
        assertThat(attempts.get(0).json().at("/details/netPnl").asText()).isEqualTo("-10.6");

        synchronized (webhookFailures) {
            webhookFailures.add(400);
        }
        route(new PositionClosed(
                TradingSessionId.random(),
                user,
                "BTC-USDT",
                Direction.LONG,
                new BigDecimal("0.01"),
                new BigDecimal("60000"),
                new BigDecimal("60100"),
                new BigDecimal("1"),
                new BigDecimal("0.6"),
                ExitReason.STRATEGY_EXIT,
                Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode d = api.get("/api/me/notifications/deliveries").json().get(0);
            assertThat(d.get("status").asText()).isEqualTo("FAILED");
            assertThat(d.get("attempts").asInt()).isEqualTo(1);
            assertThat(d.get("lastError").asText()).startsWith("HTTP 400");
        });
    }

    @Test
    void theTestButtonGoesThroughTheDeliveryPathAndReportsTheOutcome() {
        Person trader = people.create("trader");
        Api api = trader.login();
        assertThat(api.post("/api/me/notifications/webhook/test", Map.of())
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("NOTIFICATION_CHANNEL_NOT_CONFIGURED");
        String hook = "/test-button/" + trader.username();
        Api.Response saved = api.put(
                "/api/me/notifications",
                Map.of(
                        "webhook",
                        Map.of("url", hookUrl(hook), "events", List.of()),
                        "telegram",
                        Map.of("botToken", TOKEN, "chatId", "@trenddesk_alerts", "enabled", false)));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        String generated = saved.json().get("generatedSecret").asText();
        assertThat(generated).startsWith("tdwh_").hasSizeGreaterThan(40);
        assertThat(saved.json().at("/webhook/secretMask").asText())
                .isEqualTo("****" + generated.substring(generated.length() - 4));
        assertThat(api.get("/api/me/notifications").body()).doesNotContain(generated);

        Api.Response test = api.post("/api/me/notifications/webhook/test", Map.of());
        assertThat(test.status()).as(test.toString()).isEqualTo(200);
        assertThat(test.json().get("status").asText()).isEqualTo("DELIVERED");
        assertThat(test.json().get("kind").asText()).isEqualTo("TEST");
        Received received = hooksTo(hook).getFirst();
        assertThat(WebhookSignature.verify(
                        generated, received.body(), received.headers().get("x-trenddesk-signature")))
                .isTrue();

        Api.Response telegram = api.post("/api/me/notifications/telegram/test", Map.of());
        assertThat(telegram.status()).as(telegram.toString()).isEqualTo(200);
        assertThat(telegram.json().get("status").asText()).isEqualTo("DELIVERED");
        assertNoSecret(telegram.body());

        // a wrong token: Telegram's 401 is final, reported without the token
        String wrong = "7000000002:BBHk_wrongTelegramToken0123456789abcd";
        assertThat(api.put(
                                "/api/me/notifications",
                                Map.of(
                                        "telegram",
                                        Map.of("botToken", wrong, "chatId", CHAT, "events", List.of("EXIT"))))
                        .status())
                .isEqualTo(200);
        Api.Response refused = api.post("/api/me/notifications/telegram/test", Map.of());
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().get("status").asText()).isEqualTo("FAILED");
        assertThat(refused.json().get("lastError").asText()).isEqualTo("HTTP 401: Unauthorized");
        assertThat(refused.body()).doesNotContain(wrong);
        assertThat(api.get("/api/me/notifications").json().has("webhook"))
                .as("the webhook was left out of the PUT, so it was removed")
                .isFalse();
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        Api api = people.create("trader").login();
        assertField(api, Map.of("webhook", Map.of("url", "ftp://example.com/x")), "webhook.url");
        assertField(api, Map.of("webhook", Map.of("url", "http://example.com/x")), "webhook.url");
        assertField(api, Map.of("webhook", Map.of("url", "https://user:pw@example.com/x")), "webhook.url");
        assertField(api, Map.of("webhook", Map.of("url", "not a url")), "webhook.url");
        assertField(
                api, Map.of("webhook", Map.of("url", "https://example.com/x", "secret", "short")), "webhook.secret");
        assertField(
                api,
                Map.of("webhook", Map.of("url", "https://example.com/x", "events", List.of("TEST"))),
                "webhook.events[0]");
        assertField(api, Map.of("telegram", Map.of("botToken", TOKEN, "chatId", "abc")), "telegram.chatId");
        assertField(api, Map.of("telegram", Map.of("botToken", "nope", "chatId", CHAT)), "telegram.botToken");
        assertField(api, Map.of("telegram", Map.of("chatId", CHAT)), "telegram.botToken");
        Api.Response unknown = api.put(
                "/api/me/notifications",
                Map.of("webhook", Map.of("url", "https://example.com/x", "events", List.of("LUNCH"))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(api.post("/api/me/notifications/pigeon/test", Map.of()).status())
                .isEqualTo(400);
    }

    @Test
    void withoutAnSmtpServerEmailIsOfferedAsUnavailableAndCannotBeSwitchedOn() {
        Person trader = people.create("trader");
        Api api = trader.login();
        JsonNode read = api.get("/api/me/notifications").json();
        assertThat(read.get("emailAvailable").asBoolean()).isFalse();
        assertThat(read.get("emailAddress").asText()).isEqualTo(trader.username() + "@example.com");
        assertField(api, Map.of("email", Map.of("events", List.of("EXIT"))), "email.enabled");
        assertField(api, Map.of("email", Map.of("enabled", true, "events", List.of("EXIT"))), "email.enabled");
        Api.Response off = api.put("/api/me/notifications", Map.of("email", Map.of("enabled", false)));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json().at("/email/enabled").asBoolean()).isFalse();
        Api.Response test = api.post("/api/me/notifications/email/test", Map.of());
        assertThat(test.status()).as(test.toString()).isEqualTo(200);
        assertThat(test.json().get("status").asText()).isEqualTo("FAILED");
        assertThat(test.json().get("lastError").asText())
                .isEqualTo("e-mail is not available: no SMTP server is configured");
    }

    @Test
    void nobodyElseReadsOrUsesATradersChannels() {
        Person owner = people.create("trader");
        Api api = owner.login();
        assertThat(api.put("/api/me/notifications", settings("/private", List.of("EXIT"), List.of("EXIT")))
                        .status())
                .isEqualTo(200);
        Api other = people.create("trader").login();
        Api.Response theirs = other.get("/api/me/notifications");
        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.json().has("webhook")).isFalse();
        assertThat(other.get("/api/me/notifications/deliveries").json()).isEmpty();
        assertThat(other.get("/api/users/" + owner.id() + "/notifications").status())
                .isEqualTo(404);
        assertThat(people.admin()
                        .get("/api/users/" + owner.id() + "/notifications")
                        .status())
                .isEqualTo(404);
        assertThat(people.create("viewer").login().get("/api/me/notifications").status())
                .isEqualTo(403);
    }

    private void assertField(Api api, Map<String, Object> body, String field) {
        Api.Response response = api.put("/api/me/notifications", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors"))
                .as(response.toString())
                .anySatisfy(e -> assertThat(e.get("field").asText()).isEqualTo(field));
    }

    private static void assertSigned(Received r) {
        assertThat(WebhookSignature.verify(SECRET, r.body(), r.headers().get("x-trenddesk-signature")))
                .as("signature of %s", new String(r.body(), StandardCharsets.UTF_8))
                .isTrue();
        assertThat(r.headers().get("x-trenddesk-timestamp"))
                .isEqualTo(r.json().get("timestamp").asText());
        assertThat(Math.abs(Instant.now().getEpochSecond()
                        - Long.parseLong(r.headers().get("x-trenddesk-timestamp"))))
                .isLessThan(60);
        assertThat(r.headers().get("x-trenddesk-event"))
                .isEqualTo(r.json().get("kind").asText());
    }

    private static void assertNoSecret(String body) {
        assertThat(body).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain("AAHk_secret");
    }

    private static List<Received> hooksTo(String path) {
        return webhooks.stream().filter(r -> r.path().equals(path)).toList();
    }

    private static List<String> telegramTexts() {
        return telegrams.stream()
                .filter(r -> r.path().equals("/bot" + TOKEN + "/sendMessage"))
                .filter(r -> r.json().get("chat_id").asText().equals(CHAT))
                .map(r -> r.json().get("text").asText())
                .toList();
    }

    private void route(Object payload) {
        route(GenericEventMessage.asEventMessage(payload));
    }

    /** Hands the event to the notifications processor's handler as its processor would (a tracked message in a transaction). */
    private void route(EventMessage<?> event) {
        AnnotationEventHandlerAdapter adapter =
                new AnnotationEventHandlerAdapter(context.getBean("notificationRouter"));
        var message = new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(Long.MAX_VALUE - 1), event);
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            try {
                adapter.handle(message);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
