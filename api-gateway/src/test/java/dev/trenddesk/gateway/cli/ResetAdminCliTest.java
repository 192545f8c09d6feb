package dev.trenddesk.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserEvent.RoleChanged;
import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The break-glass {@code reset-admin} command, run in-process against a database of its own (as
 * AuditLogTest runs verify-audit): it makes an existing user an active admin even when no admin
 * is left, through the command path (audited as system:reset-admin), and refuses unknown or
 * erased users, a password the policy refuses, and the data directory of a running platform.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResetAdminCliTest {

    private static final String DATA_DIR = System.getProperty("trenddesk.test.build-dir", "target")
            + "/test-postgres/reset-admin-" + System.nanoTime();
    private static final Pattern PRINTED_PASSWORD = Pattern.compile("\\(shown only now\\): (\\S+)");

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("trenddesk.database.embedded.data-dir", () -> DATA_DIR);
    }

    @LocalServerPort
    int port;

    @Autowired
    DatabaseEndpoint database;

    @Autowired
    DataSource dataSource;

    @Autowired
    EventStore events;

    private JdbcTemplate jdbc;
    private People people;
    private String rootId;
    private Person trader;
    private Person weak;
    private Person erased;

    @BeforeAll
    void people() {
        jdbc = new JdbcTemplate(dataSource);
        people = new People(port);
        rootId = people.admin().get("/api/me").json().get("id").asText();
        trader = people.create("trader");
        weak = people.create("trader");
        erased = people.create("trader");
        assertThat(people.admin()
                        .post("/api/admin/users/" + erased.id() + "/erase", Map.of())
                        .status())
                .isEqualTo(204);
    }

    @Test
    void makesATraderTheActiveAdminWhenNoAdminIsLeftAndIsAudited() {
        noAdminLeftAsBeforeTheRule();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from users_view where role = 'ADMIN' and active", Integer.class)
                        == 0);
        assertThat(jdbc.queryForList("select user_id from active_admin", UUID.class))
                .isEmpty();

        Result result = cli(Map.of(), "reset-admin", "--username", trader.username());
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).contains(trader.username() + " is an active admin");
        Matcher printed = PRINTED_PASSWORD.matcher(result.out());
        assertThat(printed.find()).as(result.toString()).isTrue();

        Api admin = Api.loggedIn(port, trader.username(), printed.group(1));
        assertThat(Api.at(port).login(trader.username(), trader.password()).status())
                .as("the old password")
                .isNotEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        admin.get("/api/me").json().get("role").asText())
                .isEqualTo("admin"));
        assertThat(admin.get("/api/admin/users").status()).isEqualTo(200);
        assertThat(jdbc.queryForList("select user_id from active_admin", UUID.class))
                .containsExactly(UUID.fromString(trader.id()));

        String audit = "/api/audit/events?user=" + trader.id() + "&actor=" + ResetAdminCli.ACTOR;
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(types(admin.get(audit).json())).contains("PasswordChanged", "RoleChanged"));
        for (JsonNode entry : admin.get(audit).json().get("entries")) {
            assertThat(entry.get("actorId").asText()).isEqualTo("system:reset-admin");
            assertThat(entry.get("actorRole").asText()).isEqualTo("system");
            assertThat(entry.get("clientIp").asText()).isEqualTo("cli");
            assertThat(entry.toString()).doesNotContain(printed.group(1));
        }

        // the bootstrap admin back, with the password from TRENDDESK_ADMIN_PASSWORD: it is not printed
        Result root = cli(
                Map.of("TRENDDESK_ADMIN_PASSWORD", IntegrationTest.ADMIN_PASSWORD),
                "reset-admin",
                "--username=" + IntegrationTest.ADMIN);
        assertThat(root.code()).as(root.toString()).isZero();
        assertThat(root.toString())
                .doesNotContain(IntegrationTest.ADMIN_PASSWORD)
                .contains("TRENDDESK_ADMIN_PASSWORD");
        Api rootApi = Api.loggedIn(port, IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        rootApi.get("/api/me").json().get("role").asText())
                .isEqualTo("admin"));
    }

    @Test
    void anUnknownUserIsExitCode2AndNobodyIsCreated() {
        int users = jdbc.queryForObject("select count(*) from user_directory", Integer.class);
        Result result = cli(Map.of(), "reset-admin", "--username", "nobody-by-that-name");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("no user named 'nobody-by-that-name'").contains("creates nobody");
        assertThat(result.out()).doesNotContain("password");
        assertThat(jdbc.queryForObject("select count(*) from user_directory", Integer.class))
                .isEqualTo(users);
    }

    @Test
    void anErasedUserIsExitCode2() {
        Result result = cli(Map.of(), "reset-admin", "--username", erased.username());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains(erased.username() + " was erased");
        assertThat(result.out()).doesNotContain("password");
    }

    @Test
    void aPasswordThePolicyRefusesChangesNothing() {
        Result result = cli(Map.of("TRENDDESK_ADMIN_PASSWORD", "short"), "reset-admin", "--username", weak.username());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("TRENDDESK_ADMIN_PASSWORD").contains("at least 12 characters");
        assertThat(jdbc.queryForObject(
                        "select role from user_directory where user_id = ?", String.class, UUID.fromString(weak.id())))
                .isEqualTo("TRADER");
        weak.login();
    }

    @Test
    void aMissingUsernameIsExitCode2WithTheUsage() {
        Result result = cli(Map.of(), "reset-admin");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--username is required").contains("usage: reset-admin --username U");
    }

    @Test
    void theDataDirectoryOfARunningPlatformIsRefused() {
        Result result = cliRaw(
                Map.of(),
                "reset-admin",
                "--username",
                trader.username(),
                "--trenddesk.database.embedded.data-dir=" + DATA_DIR);
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("cannot open the database").contains("in use by");
        assertThat(result.out()).doesNotContain("password");
    }

    /**
     * The state the race of two admins demoting each other left behind before the rule: the only
     * admin's demotion is in the event store and nobody is an active admin.
     */
    private void noAdminLeftAsBeforeTheRule() {
        long last = events.lastSequenceNumberFor(rootId).orElseThrow();
        events.publish(new GenericDomainEventMessage<>(
                "UserAccount",
                rootId,
                last + 1,
                new RoleChanged(UserId.of(rootId), Role.ADMIN, Role.TRADER, Instant.now()),
                MetaData.from(Map.of(
                        "actorId",
                        rootId,
                        "actorRole",
                        "admin",
                        "clientIp",
                        "127.0.0.1",
                        "traceId",
                        "before-the-rule"))));
        jdbc.update("update user_directory set role = 'TRADER' where user_id = ?", UUID.fromString(rootId));
        jdbc.update("delete from active_admin");
    }

    private static List<String> types(JsonNode page) {
        List<String> types = new ArrayList<>();
        page.get("entries").forEach(entry -> types.add(entry.get("eventType").asText()));
        return types;
    }

    record Result(int code, String out, String err) {}

    /** Runs reset-admin against this test's database, as an operator would give its URL. */
    private Result cli(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--spring.datasource.url=" + database.jdbcUrl());
        all.add("--spring.datasource.username=" + database.username());
        all.add("--spring.datasource.password=" + (database.password() == null ? "" : database.password()));
        return cliRaw(env, all.toArray(String[]::new));
    }

    private static Result cliRaw(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ResetAdminCli.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
