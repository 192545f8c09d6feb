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
        assertThat(mail.getFrom()[0].toString()).isEqualTo("TrendDesk <alerts@trenddesk.test>");
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
    void anAdminsServerReplacesTheOperatorsUntilItIsCleared() throws Exception {
        String adminPassword = "admin set pass";
        GreenMail other = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        other.setUser("alerts@desk.test", "desk-login", adminPassword);
        other.start();
        Person admin = people.create("admin");
        Api adminApi = admin.login();
        Person trader = people.create("trader");
        Api api = trader.login();
        try {
            JsonNode before =
                    adminApi.get("/api/admin/platform/settings").json().get("mailServer");
            assertThat(before.get("source").asText()).isEqualTo("PROPERTIES");
            assertThat(before.get("host").asText()).isEqualTo("127.0.0.1");
            assertThat(before.get("port").asInt()).isEqualTo(SMTP_PORT);
            assertThat(before.get("passwordSet").asBoolean()).isTrue();

            // bad values are refused naming the field, and change nothing
            Api.Response bad = adminApi.put(
                    "/api/admin/platform/settings/mail",
                    Map.of("mailServer", Map.of("host", "smtp://x", "port", 70000, "from", "nobody")));
            assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
            assertThat(bad.json().get("errors"))
                    .extracting(e -> e.get("field").asText())
                    .contains("mailServer.host", "mailServer.port", "mailServer.from");
            Api.Response badPassword = adminApi.put(
                    "/api/admin/platform/settings/mail",
                    Map.of("mailServer", Map.of("host", "127.0.0.1", "port", 25, "password", "tab\tinside")));
            assertThat(badPassword.status()).as(badPassword.toString()).isEqualTo(422);
            assertThat(badPassword.json().get("errors"))
                    .extracting(e -> e.get("field").asText())
                    .containsExactly("mailServer.password");
            assertThat(api.put("/api/me/notifications", Map.of("email", Map.of("events", List.of("EXIT"))))
                            .status())
                    .isEqualTo(200);

            // the admin's server, with a login, replaces the operator's
            Map<String, Object> server = new java.util.HashMap<>(Map.of(
                    "host",
                    "127.0.0.1",
                    "port",
                    other.getSmtp().getPort(),
                    "username",
                    "desk-login",
                    "from",
                    "alerts@desk.test",
                    "starttls",
                    false,
                    "password",
                    adminPassword));
            Api.Response set = adminApi.put(
                    "/api/admin/platform/settings/mail", Map.of("mailServer", server, "reason", "our own relay"));
            assertThat(set.status()).as(set.toString()).isEqualTo(200);
            JsonNode mail = set.json().get("mailServer");
            assertThat(mail.get("source").asText()).isEqualTo("SETTINGS");
            assertThat(mail.get("port").asInt()).isEqualTo(other.getSmtp().getPort());
            assertThat(mail.get("username").asText()).isEqualTo("desk-login");
            assertThat(mail.get("passwordSet").asBoolean()).isTrue();
            assertThat(set.body()).doesNotContain(adminPassword);

            Api.Response test = adminApi.post("/api/admin/platform/settings/mail/test", Map.of());
            assertThat(test.status()).as(test.toString()).isEqualTo(200);
            assertThat(test.json().get("delivered").asBoolean())
                    .as(test.toString())
                    .isTrue();
            assertThat(test.json().get("to").asText()).isEqualTo(address(admin));
            closed(trader, "20", "1", Instant.now());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(other.getReceivedMessages())
                    .extracting(MimeMessage::getSubject)
                    .contains("Test e-mail from TrendDesk", "Position closed: LONG ETH-USDT, net P&L +19 USDT"));
            assertThat(exits(trader))
                    .as("nothing through the operator's server")
                    .isEmpty();
            assertThat(other.getReceivedMessages()[0].getFrom()[0].toString())
                    .isEqualTo("TrendDesk <alerts@desk.test>");

            // a wrong password: the test answers the server's refusal
            server.put("password", "not the password");
            assertThat(adminApi.put("/api/admin/platform/settings/mail", Map.of("mailServer", server))
                            .status())
                    .isEqualTo(200);
            Api.Response refused = adminApi.post("/api/admin/platform/settings/mail/test", Map.of());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
            assertThat(refused.json().get("delivered").asBoolean()).isFalse();
            assertThat(refused.json().get("error").asText()).isNotBlank();
            assertThat(refused.body()).doesNotContain("not the password");

            // back to the operator's properties
            Api.Response cleared = adminApi.put("/api/admin/platform/settings/mail", Map.of("reason", "relay retired"));
            assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
            assertThat(cleared.json().at("/mailServer/source").asText()).isEqualTo("PROPERTIES");
            closed(trader, "-5", "1", Instant.now());
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(exits(trader)).hasSize(1));

            // every change is audited with who and why; the password is in the log only as ciphertext
            List<JsonNode> rows = new java.util.ArrayList<>();
            people.admin()
                    .get("/api/audit/events?category=all&type=MailServerChanged&order=oldest&limit=500")
                    .json()
                    .get("entries")
                    .forEach(rows::add);
            assertThat(rows)
                    .filteredOn(r -> r.get("actorUsername").asText().equals(admin.username()))
                    .extracting(r -> r.at("/payload/reason").asText(""))
                    .containsExactly("our own relay", "", "relay retired");
            assertThat(rows.toString()).doesNotContain(adminPassword, "not the password");
        } finally {
            adminApi.put("/api/admin/platform/settings/mail", Map.of());
            other.stop();
        }
    }

    @Test
    void theBrandNamesTheSenderTheTestSubjectAndTheFooter() throws Exception {
        Person admin = people.create("admin");
        Api adminApi = admin.login();
        try {
            Api.Response set = adminApi.put(
                    "/api/admin/platform/settings/branding",
                    Map.of(
                            "branding",
                            Map.of(
                                    "productName", "Acme Trading",
                                    "primaryColor", "#7fd1ae",
                                    "supportEmail", "help@acme.example",
                                    "legalFooter", "Acme Ltd., registered in Exampleland"),
                            "reason",
                            "white label"));
            assertThat(set.status()).as(set.toString()).isEqualTo(200);
            // the notifications processor keeps the brand from the event: the test mail shows it once it has
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Api.Response test = adminApi.post("/api/admin/platform/settings/mail/test", Map.of());
                assertThat(test.status()).as(test.toString()).isEqualTo(200);
                assertThat(mailsTo(address(admin)))
                        .extracting(MimeMessage::getSubject)
                        .contains("Test e-mail from Acme Trading");
            });
            MimeMessage mail = mailsTo(address(admin)).stream()
                    .filter(m -> {
                        try {
                            return m.getSubject().equals("Test e-mail from Acme Trading");
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    })
                    .findFirst()
                    .orElseThrow();
            assertThat(mail.getFrom()[0].toString()).isEqualTo("Acme Trading <alerts@trenddesk.test>");
            assertThat(GreenMailUtil.getWholeMessage(mail))
                    .contains("Acme Ltd., registered in Exampleland", "Support: help@acme.example");
            // a trader's own channel test carries the brand too
            Person trader = people.create("trader");
            Api api = trader.login();
            assertThat(api.put("/api/me/notifications", Map.of("email", Map.of("events", List.of("EXIT"))))
                            .status())
                    .isEqualTo(200);
            assertThat(api.post("/api/me/notifications/email/test", Map.of()).status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mailsTo(address(trader)))
                    .extracting(MimeMessage::getSubject)
                    .containsExactly("Test message from Acme Trading"));
        } finally {
            adminApi.put("/api/admin/platform/settings/branding", Map.of("reason", "back to TrendDesk"));
            // the other tests find the default brand in their mails
            org.springframework.jdbc.core.JdbcTemplate jdbc =
                    context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                            "select product_name from notification_branding where singleton", String.class))
                    .isEqualTo("TrendDesk"));
        }
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
