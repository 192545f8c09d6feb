package dev.trenddesk.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * E-mail notifications over real SMTP: the whole application sends to an embedded SMTP server of this
 * test (GreenMail) at the trader's account address; the channel is switched on and off and removed
 * through the API; the test button works for it; a server that is down is tried again until it is back;
 * the server's password is never answered or recorded.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/email-notifications",
            "trenddesk.notifications.poll-interval=100ms",
            "trenddesk.notifications.timeout=2s",
            "trenddesk.notifications.retry.initial-delay=1s",
            "trenddesk.notifications.retry.max-delay=2s",
            "trenddesk.notifications.retry.max-attempts=8",
            "trenddesk.notifications.test-wait=10s",
            "trenddesk.notifications.daily-summary.check-interval=300ms",
            // the market stands still, so its day (the summary's) is the wall clock's, which the trades below use
            "trenddesk.simulator.clock-mode=STEPPED",
            "trenddesk.notifications.smtp.username=",
            "trenddesk.notifications.smtp.password=" + EmailNotificationsTest.PASSWORD,
            "trenddesk.notifications.smtp.from=alerts@trenddesk.test",
            "trenddesk.notifications.smtp.starttls=false"
        })
class EmailNotificationsTest {

    static final String PASSWORD = "smtp-password-never-shown";
    static final int SMTP_PORT = freePort();
    static GreenMail smtp = start();

    static int freePort() {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static GreenMail start() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("trenddesk.notifications.smtp.host", () -> "127.0.0.1");
        registry.add("trenddesk.notifications.smtp.port", () -> SMTP_PORT);
    }

    @AfterAll
    static void stopServer() {
        smtp.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    PlatformTransactionManager transactions;

    People people;

    @BeforeEach
    void people() {
        people = new People(port);
    }

    static String address(Person person) {
        return person.username() + "@example.com";
    }

    static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                                .anyMatch(a -> a.toString().equals(address));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }

    @Test
    void eventsAndTheTestButtonArriveAtTheAccountsAddress() throws Exception {
        Person trader = people.create("trader");
        Api api = trader.login();
        Api.Response before = api.get("/api/me/notifications");
        assertThat(before.json().get("emailAvailable").asBoolean()).isTrue();
        assertThat(before.json().get("emailAddress").asText()).isEqualTo(address(trader));
        assertThat(before.json().at("/choosableEvents").toString()).contains("DAILY_SUMMARY");

        Api.Response saved =
                api.put("/api/me/notifications", Map.of("email", Map.of("events", List.of("EXIT", "DAILY_SUMMARY"))));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().at("/email/enabled").asBoolean()).isTrue();
        assertThat(saved.json().at("/email/events").toString()).isEqualTo("[\"EXIT\",\"DAILY_SUMMARY\"]");

        closed(trader, "50", "0.98", Instant.now());
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(exits(trader)).hasSize(1));
        MimeMessage mail = exits(trader).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Position closed: LONG ETH-USDT, net P&L +49.02 USDT");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("alerts@trenddesk.test");
        String whole = GreenMailUtil.getWholeMessage(mail);
        assertThat(whole)
                .contains("text/plain", "text/html", "net +49.02 USDT (TAKE_PROFIT)")
                .doesNotContain(PASSWORD);

        Api.Response test = api.post("/api/me/notifications/email/test", Map.of());
        assertThat(test.status()).as(test.toString()).isEqualTo(200);
        assertThat(test.json().get("status").asText()).isEqualTo("DELIVERED");
        assertThat(test.json().get("channel").asText()).isEqualTo("EMAIL");
        assertThat(mailsTo(address(trader)))
                .extracting(MimeMessage::getSubject)
                .contains("Test message from TrendDesk");

        List<JsonNode> deliveries = new java.util.ArrayList<>();
        api.get("/api/me/notifications/deliveries").json().forEach(d -> {
            if (!d.get("kind").asText().equals("DAILY_SUMMARY")) {
                deliveries.add(d);
            }
        });
        assertThat(deliveries).hasSize(2).allSatisfy(d -> {
            assertThat(d.get("channel").asText()).isEqualTo("EMAIL");
            assertThat(d.get("status").asText()).isEqualTo("DELIVERED");
        });
        assertThat(api.get("/api/me/notifications").body()).doesNotContain(PASSWORD);
    }

    @Test
    void yesterdaysSummaryIsMailedOnceByTheScheduledJob() throws Exception {
        Person trader = people.create("trader");
        Api api = trader.login();
        java.time.LocalDate yesterday =
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        Instant noon = yesterday.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
        closed(trader, "50", "0.98", noon);
        closed(trader, "-10", "0.6", noon.plusSeconds(3600));
        assertThat(api.put("/api/me/notifications", Map.of("email", Map.of("events", List.of("DAILY_SUMMARY"))))
                        .status())
                .isEqualTo(200);
        String subject = "Daily summary " + yesterday + ": 2 trades, net P&L +38.42 USDT";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mailsTo(address(trader)))
                .extracting(MimeMessage::getSubject)
                .containsExactly(subject));
        String whole = GreenMailUtil.getWholeMessage(mailsTo(address(trader)).getFirst());
        assertThat(whole).contains("2 (1 win, 1 loss)", "Bot: never started.");
        // the job keeps running (every 300 ms): still one summary for the day through five more rounds
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(mailsTo(address(trader))).hasSize(1));
        assertThat(api.get("/api/me/notifications/deliveries").json())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.get("kind").asText()).isEqualTo("DAILY_SUMMARY");
                    assertThat(d.get("status").asText()).isEqualTo("DELIVERED");
                });
    }

    @Test
    void theChannelIsSwitchedOffOnAndRemoved() {
        Person trader = people.create("trader");
        Api api = trader.login();
        assertThat(api.put(
                                "/api/me/notifications",
                                Map.of("email", Map.of("enabled", false, "events", List.of("EXIT"))))
                        .status())
                .isEqualTo(200);
        closed(trader, "10", "1", Instant.now());
        Api.Response off = api.get("/api/me/notifications");
        assertThat(off.json().at("/email/enabled").asBoolean()).isFalse();
        assertThat(api.get("/api/me/notifications/deliveries").json())
                .as("nothing is queued on a switched-off channel")
                .isEmpty();

        assertThat(api.put("/api/me/notifications", Map.of("email", Map.of("enabled", true, "events", List.of("EXIT"))))
                        .status())
                .isEqualTo(200);
        closed(trader, "-5", "1", Instant.now());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mailsTo(address(trader)))
                .singleElement()
                .satisfies(m -> assertThat(m.getSubject()).contains("net P&L -6 USDT")));

        Api.Response removed = api.put("/api/me/notifications", Map.of());
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().has("email")).isFalse();
        assertThat(api.post("/api/me/notifications/email/test", Map.of())
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("NOTIFICATION_CHANNEL_NOT_CONFIGURED");
    }

    @Test
    void aServerThatIsDownIsTriedAgainUntilItIsBack() {
        Person trader = people.create("trader");
        Api api = trader.login();
        assertThat(api.put("/api/me/notifications", Map.of("email", Map.of("events", List.of("EXIT"))))
                        .status())
                .isEqualTo(200);
        smtp.stop();
        try {
            Api.Response first = api.post("/api/me/notifications/email/test", Map.of());
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.json().get("status").asText()).isEqualTo("RETRYING");
            assertThat(first.json().get("lastError").asText()).isEqualTo("could not connect to the SMTP server");
            assertThat(first.body()).doesNotContain(PASSWORD);
        } finally {
            smtp = start();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode d = api.get("/api/me/notifications/deliveries").json().get(0);
            assertThat(d.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(d.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
        });
        assertThat(mailsTo(address(trader)))
                .extracting(MimeMessage::getSubject)
                .containsExactly("Test message from TrendDesk");
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        Api api = people.create("trader").login();
        Api.Response test = api.put("/api/me/notifications", Map.of("email", Map.of("events", List.of("TEST"))));
        assertThat(test.status()).as(test.toString()).isEqualTo(422);
        assertThat(test.json().get("errors"))
                .anySatisfy(e -> assertThat(e.get("field").asText()).isEqualTo("email.events[0]"));
        Api.Response twice =
                api.put("/api/me/notifications", Map.of("email", Map.of("events", List.of("EXIT", "EXIT"))));
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.json().get("errors"))
                .anySatisfy(e -> assertThat(e.get("field").asText()).isEqualTo("email.events"));
        assertThat(api.put("/api/me/notifications", Map.of("email", Map.of("events", List.of("POSTCARD"))))
                        .status())
                .isEqualTo(400);
    }

    /** The trader's mails about closed positions (the daily summary may come besides). */
    static List<MimeMessage> exits(Person trader) {
        return mailsTo(address(trader)).stream()
                .filter(m -> {
                    try {
                        return m.getSubject().startsWith("Position closed");
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }

    private void closed(Person trader, String realised, String fees, Instant at) {
        var event = GenericEventMessage.asEventMessage(new PositionClosed(
                TradingSessionId.random(),
                UserId.of(trader.id()),
                "ETH-USDT",
                Direction.LONG,
                new BigDecimal("0.5"),
                new BigDecimal("1950"),
                new BigDecimal("2050"),
                new BigDecimal(realised),
                new BigDecimal(fees),
                ExitReason.TAKE_PROFIT,
                at));
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
