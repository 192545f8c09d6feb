package dev.trenddesk.gateway.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.audit.AdminViewedUserData;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserEvent.PasswordChanged;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.strategy.security.SecurityAlerts;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Suspicious activity reaches the user: a login from a new IP or browser, many failed logins, a
 * password change or reset, a BingX key connected, replaced or removed and an admin looking at
 * the trader's data each raise an AlertRaised (in the event store, so in the audit trail), shown
 * at /api/me/alerts and pushed on the user's stream. Different client IPs are real: the test
 * clients connect from other loopback addresses (127.0.0.2, ...).
 */
@IntegrationTest
class SecurityAlertsTest {

    static final String GROUP = "security-alerts";
    static final String CHROME_LINUX =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    static final String CHROME_LINUX_NEWER =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.6533.72 Safari/537.36";
    static final String FIREFOX_WINDOWS =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0";
    static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventBus eventBus;

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    SecurityAlerts securityAlerts;

    @Test
    void aLoginFromANewIpOrBrowserWarnsOnceAndTheFirstLoginDoesNot() {
        Person trader = people().create("trader");
        Api first = login(trader, "127.0.0.1", CHROME_LINUX);
        login(trader, "127.0.0.1", CHROME_LINUX_NEWER);
        login(trader, "127.0.0.2", CHROME_LINUX);
        login(trader, "127.0.0.1", FIREFOX_WINDOWS);
        login(trader, "127.0.0.2", CHROME_LINUX);
        login(trader, "127.0.0.1", FIREFOX_WINDOWS);
        awaitQuiet();

        List<JsonNode> alerts = security(first);
        assertThat(alerts)
                .extracting(a -> a.get("kind").asText())
                .as("first login: none; same IP and browser family (newer Chrome): none; new IP; new browser;"
                        + " both again: none")
                .containsExactly("SECURITY_NEW_LOGIN", "SECURITY_NEW_LOGIN");
        List<JsonNode> logins = loginEvents(trader);
        assertThat(logins).hasSize(6);

        JsonNode newIp = alerts.get(1);
        Instant newIpAt = Instant.parse(logins.get(2).get("at").asText());
        assertThat(newIp.get("severity").asText()).isEqualTo("WARNING");
        assertThat(newIp.get("message").asText()).contains("127.0.0.2", "Chrome on Linux", SHOWN.format(newIpAt));
        // PostgreSQL keeps microseconds, rounded
        assertThat(Instant.parse(newIp.get("at").asText())).isCloseTo(newIpAt, within(1, ChronoUnit.MICROS));

        JsonNode newBrowser = alerts.get(0);
        Instant newBrowserAt = Instant.parse(logins.get(3).get("at").asText());
        assertThat(newBrowser.get("message").asText())
                .contains("127.0.0.1", "Firefox on Windows", SHOWN.format(newBrowserAt));

        // the browser family travels as metadata stamped by the gateway; the full string is kept nowhere
        assertThat(loginMetadata(trader))
                .extracting(m -> m.path("browser").asText())
                .containsExactly(
                        "Chrome on Linux",
                        "Chrome on Linux",
                        "Chrome on Linux",
                        "Firefox on Windows",
                        "Chrome on Linux",
                        "Firefox on Windows");
        assertThat(jdbc.queryForObject("""
                select count(*) from domain_event_entry
                where convert_from(payload, 'UTF8') || convert_from(coalesce(meta_data, ''::bytea), 'UTF8') like '%AppleWebKit%'
                """, Integer.class)).isZero();
        // the set of seen logins is a table (it survives restarts), per user
        assertThat(jdbc.queryForList(
                        "select client_ip || ' ' || browser from security_known_logins where user_id = ?",
                        String.class,
                        UUID.fromString(trader.id())))
                .containsExactlyInAnyOrder(
                        "127.0.0.1 Chrome on Linux", "127.0.0.2 Chrome on Linux", "127.0.0.1 Firefox on Windows");

        // another trader's first login from an IP this one used is still a first login: per user
        Person other = people().create("trader");
        Api otherApi = login(other, "127.0.0.2", FIREFOX_WINDOWS);
        awaitQuiet();
        assertThat(security(otherApi)).isEmpty();
    }

    @Test
    void aNewLoginAlertIsPushedOnTheUsersStream() {
        Person trader = people().create("trader");
        Api api = login(trader, "127.0.0.1", CHROME_LINUX);
        try (SseClient stream = SseClient.open(port, api, "/api/me/stream", null)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !stream.named("snapshot").isEmpty());
            login(trader, "127.0.0.3", CHROME_LINUX);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(stream.named("alert"))
                    .anySatisfy(e -> assertThat(e.data()).contains("SECURITY_NEW_LOGIN", "127.0.0.3")));
        }
    }

    @Test
    void anEmailChangeIsAnAlertNamingBothAddressesAndWhereItCameFrom() {
        Person trader = people().create("trader");
        Api api = login(trader, "127.0.0.1", CHROME_LINUX);
        String address = trader.username() + "-moved@example.org";
        assertThat(api.put("/api/me/email", Map.of("email", address, "currentPassword", trader.password()))
                        .status())
                .isEqualTo(200);
        awaitQuiet();

        List<JsonNode> alerts = security(api);
        assertThat(alerts).extracting(a -> a.get("kind").asText()).containsExactly("SECURITY_EMAIL_CHANGED");
        assertThat(alerts.get(0).get("message").asText())
                .contains(address.toLowerCase(java.util.Locale.ROOT), "127.0.0.1", "Chrome on Linux");
    }

    @Test
    void ownPasswordChangeAndAdminResetAreAlerts() {
        Person trader = people().create("trader");
        Api api = login(trader, "127.0.0.1", CHROME_LINUX);
        String changed = trader.password() + "-changed-2026";
        assertThat(api.put("/api/me/password", Map.of("currentPassword", trader.password(), "newPassword", changed))
                        .status())
                .isEqualTo(204);
        People people = people();
        assertThat(people.admin()
                        .put("/api/admin/users/" + trader.id() + "/password", Map.of("password", changed + "-by-admin"))
                        .status())
                .isEqualTo(204);
        awaitQuiet();

        Api again = login(
                new Person(trader.id(), trader.username(), changed + "-by-admin", port), "127.0.0.1", CHROME_LINUX);
        List<JsonNode> alerts = security(again);
        assertThat(alerts)
                .extracting(a -> a.get("kind").asText())
                .containsExactly("SECURITY_PASSWORD_RESET", "SECURITY_PASSWORD_CHANGED");
        assertThat(alerts.get(1).get("message").asText()).contains("127.0.0.1", "Chrome on Linux");
        assertThat(alerts.get(0).get("message").asText())
                .containsIgnoringCase("an admin")
                .doesNotContain("127.0.0.1");
    }

    @Test
    void connectingReplacingAndRemovingTheBingxKeyAreAlerts() {
        Person trader = people().create("trader");
        Api api = login(trader, "127.0.0.1", CHROME_LINUX);
        String key1 = "A".repeat(60) + "k1k1";
        String key2 = "B".repeat(60) + "k2k2";
        assertThat(api.post("/api/me/bingx", Map.of("apiKey", key1, "secretKey", "S".repeat(64)))
                        .status())
                .isIn(200, 202);
        awaitQuiet();
        assertThat(api.post("/api/me/bingx", Map.of("apiKey", key2, "secretKey", "T".repeat(64)))
                        .status())
                .isIn(200, 202);
        awaitQuiet();
        assertThat(api.delete("/api/me/bingx").status()).isEqualTo(204);
        awaitQuiet();

        List<JsonNode> alerts = security(api);
        assertThat(alerts)
                .extracting(a -> a.get("kind").asText())
                .containsExactly("SECURITY_KEY_DISCONNECTED", "SECURITY_KEY_REPLACED", "SECURITY_KEY_CONNECTED");
        assertThat(alerts.get(2).get("message").asText()).contains("k1k1", "127.0.0.1");
        assertThat(alerts.get(1).get("message").asText()).contains("k2k2");
        assertThat(alerts.get(0).get("message").asText()).contains("k2k2");
        assertThat(alerts).allSatisfy(a -> assertThat(a.get("message").asText()).doesNotContain(key1, key2));
    }

    @Test
    void anAdminViewingTheTradersDataIsAnAlertAtMostOncePerAdminAndHour() {
        People people = people();
        Person trader = people.create("trader");
        Api api = login(trader, "127.0.0.1", CHROME_LINUX);
        Person otherAdmin = people.create("admin");
        try {
            adminViews(people, trader, api, otherAdmin);
        } finally {
            // the shared database keeps root the only active admin, which other tests rely on
            assertThat(people.admin()
                            .patch("/api/admin/users/" + otherAdmin.id(), Map.of("role", "viewer"))
                            .status())
                    .isEqualTo(200);
        }
    }

    private void adminViews(People people, Person trader, Api api, Person otherAdmin) {
        Api root = people.admin();
        String rootId = root.get("/api/me").json().get("id").asText();

        assertThat(root.get("/api/users/" + trader.id() + "/trades").status()).isEqualTo(200);
        assertThat(root.get("/api/users/" + trader.id() + "/alerts").status()).isEqualTo(200);
        assertThat(login(otherAdmin, "127.0.0.5", FIREFOX_WINDOWS)
                        .get("/api/users/" + trader.id() + "/positions")
                        .status())
                .isEqualTo(200);
        awaitQuiet();
        // two hours later the same admin looks again: a new alert
        eventBus.publish(GenericEventMessage.asEventMessage(new AdminViewedUserData(
                UserId.of(rootId),
                UserId.of(trader.id()),
                "GET /api/users/" + trader.id() + "/trades",
                Instant.now().plus(Duration.ofHours(2)))));
        awaitQuiet();

        List<String> messages =
                security(api).stream().map(a -> a.get("message").asText()).toList();
        assertThat(messages).as("%s", messages).hasSize(3);
        assertThat(messages).filteredOn(m -> m.contains(IntegrationTest.ADMIN)).hasSize(2);
        assertThat(messages).filteredOn(m -> m.contains(otherAdmin.username())).hasSize(1);
        assertThat(messages).noneMatch(m -> m.contains("127.0.0."));
        assertThat(security(api)).extracting(a -> a.get("kind").asText()).containsOnly("SECURITY_ADMIN_VIEWED");
    }

    @Test
    void manyFailedLoginsAreOneAlertPerBurstWithTheIp() {
        Person trader = people().create("trader");
        Api owner = login(trader, "127.0.0.1", CHROME_LINUX);
        Api attacker = Api.from(port, "127.0.0.4", FIREFOX_WINDOWS);
        int refused = 0;
        for (int i = 0; i < 7; i++) {
            int status =
                    attacker.login(trader.username(), "wrong password " + i).status();
            // 401 while the password is checked, 429 once the attempts from this address are throttled
            assertThat(status).isIn(401, 429);
            refused += status == 401 ? 1 : 0;
        }
        assertThat(refused).as("failed logins that reached the account").isGreaterThanOrEqualTo(5);
        awaitQuiet();

        List<JsonNode> alerts = security(owner);
        assertThat(alerts).extracting(a -> a.get("kind").asText()).containsExactly("SECURITY_LOGIN_FAILURES");
        assertThat(alerts.get(0).get("message").asText()).contains("127.0.0.4");
        assertThat(alerts.get(0).get("severity").asText()).isEqualTo("WARNING");
    }

    @Test
    void aRedeliveredEventRaisesNoSecondAlert() {
        Person trader = people().create("trader");
        Api api = login(trader, "127.0.0.1", CHROME_LINUX);
        EventMessage<?> changed = GenericEventMessage.asEventMessage(
                        new PasswordChanged(UserId.of(trader.id()), false, Instant.now()))
                .andMetaData(Map.of("clientIp", "127.0.0.7", "browser", "Chrome on Linux"));
        Projector projector = new Projector(transactions, eventStore);
        projector.project(securityAlerts, changed, projector.nextPosition());
        projector.project(securityAlerts, changed, projector.nextPosition());
        awaitQuiet();

        assertThat(alertIds(trader)).containsExactly("security:password-changed:" + changed.getIdentifier());
        assertThat(security(api)).hasSize(1);
    }

    @Test
    void eachAlertIsOneEventWithADeterministicIdAndAReplayRaisesNone() throws Exception {
        Person trader = people().create("trader");
        login(trader, "127.0.0.1", CHROME_LINUX);
        login(trader, "127.0.0.6", CHROME_LINUX);
        awaitQuiet();
        List<String> before = alertIds(trader);
        assertThat(before).hasSize(1).doesNotHaveDuplicates();

        StreamingEventProcessor processor = processor();
        processor.shutdownAsync().get();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !processor.isReplaying() && caughtUp(processor));
        awaitQuiet();
        assertThat(alertIds(trader)).as("a replay raises nothing").isEqualTo(before);
        assertThat(jdbc.queryForObject(
                        "select count(*) from security_known_logins where user_id = ?",
                        Integer.class,
                        UUID.fromString(trader.id())))
                .as("nor forgets what was seen")
                .isEqualTo(2);
    }

    // --- helpers

    private People people() {
        return new People(port);
    }

    private Api login(Person person, String ip, String userAgent) {
        Api api = Api.from(port, ip, userAgent);
        Api.Response response = api.login(person.username(), person.password());
        assertThat(response.status())
                .as("login of %s from %s", person.username(), ip)
                .isEqualTo(200);
        return api;
    }

    /** The user's security alerts, newest first, as /api/me/alerts shows them. */
    private static List<JsonNode> security(Api api) {
        List<JsonNode> alerts = new ArrayList<>();
        api.get("/api/me/alerts?limit=200").json().forEach(alerts::add);
        return alerts.stream()
                .filter(a -> a.get("kind").asText().startsWith("SECURITY_"))
                .toList();
    }

    private StreamingEventProcessor processor() {
        return processing
                .eventProcessor(GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new AssertionError("no processor " + GROUP));
    }

    private boolean caughtUp(StreamingEventProcessor processor) {
        long head = eventStore.createHeadToken().position().orElse(0);
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return !status.isEmpty()
                && status.values().stream().allMatch(s -> s.getCurrentPosition().orElse(-1) >= head);
    }

    /**
     * Waits until the alerts component has handled every event stored so far, and then until the
     * alerts projection has too, so that "no alert" can be asserted.
     */
    private void awaitQuiet() {
        long head = eventStore.createHeadToken().position().orElse(0);
        StreamingEventProcessor alerts = processor();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> alerts.processingStatus().values().stream()
                                .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head)
                        && !alerts.processingStatus().isEmpty());
        long after = eventStore.createHeadToken().position().orElse(0);
        StreamingEventProcessor views = processing
                .eventProcessor("alert-views", StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> views.processingStatus().values().stream()
                                .allMatch(s -> s.getCurrentPosition().orElse(-1) >= after)
                        && !views.processingStatus().isEmpty());
    }

    private List<JsonNode> loginEvents(Person person) {
        return jdbc.queryForList("""
                select payload from domain_event_entry where aggregate_identifier = ?
                and payload_type = 'dev.trenddesk.api.user.UserEvent$UserLoggedIn' order by sequence_number""", byte[].class, person.id()).stream()
                .map(SecurityAlertsTest::read)
                .toList();
    }

    private List<JsonNode> loginMetadata(Person person) {
        return jdbc.queryForList("""
                select meta_data from domain_event_entry where aggregate_identifier = ?
                and payload_type = 'dev.trenddesk.api.user.UserEvent$UserLoggedIn' order by sequence_number""", byte[].class, person.id()).stream()
                .map(SecurityAlertsTest::read)
                .toList();
    }

    /** The ids of every AlertRaised event stored for this user (duplicates included). */
    private List<String> alertIds(Person person) {
        return jdbc.queryForList("""
                select payload from domain_event_entry where payload_type = 'dev.trenddesk.api.alert.AlertRaised'
                order by global_index""", byte[].class).stream()
                .map(SecurityAlertsTest::read)
                .filter(a -> a.get("userId").asText().equals(person.id()))
                .map(a -> a.get("alertId").asText())
                .toList();
    }

    private static JsonNode read(byte[] json) {
        try {
            return Api.JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
