package dev.trenddesk.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The active-admin rule of {@link UserDirectory} against a real PostgreSQL: the migration fills the
 * table from the current state, a removal waits for a concurrent one and then counts what is
 * really left, and of two concurrent removals of the last two admins exactly one commits.
 */
class ActiveAdminsTest {

    private static final String EVENT = "dev.trenddesk.api.user.UserEvent$";

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;
    private static JdbcTemplate jdbc;
    private static final UserId ACTIVE = id(1);
    private static final UserId DEACTIVATED = id(2);
    private static final UserId REACTIVATED = id(3);
    private static final UserId ERASED = id(4);
    private static final UserId TRADER = id(5);
    private static final UserId DEMOTED_WHILE_DEACTIVATED = id(6);
    private static List<UserId> backfilled;

    @BeforeAll
    static void databaseWithHistoryFromBeforeTheRule() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("""
                create table domain_event_entry (
                    global_index bigserial primary key, aggregate_identifier varchar(255) not null,
                    sequence_number bigint not null, payload_type varchar(255) not null, type varchar(255),
                    unique (aggregate_identifier, sequence_number))
                """);
        jdbc.execute(migration("V2__user_directory_and_password_vault.sql"));
        user(ACTIVE, Role.ADMIN, "UserRegistered", "UserLoggedIn");
        user(DEACTIVATED, Role.ADMIN, "UserRegistered", "UserDeactivated", "LoginFailed");
        user(REACTIVATED, Role.ADMIN, "UserRegistered", "UserDeactivated", "UserReactivated");
        user(ERASED, Role.ADMIN, "UserRegistered", "UserDeactivated", "UserErased");
        user(TRADER, Role.TRADER, "UserRegistered");
        user(
                DEMOTED_WHILE_DEACTIVATED,
                Role.TRADER,
                "UserRegistered",
                "UserDeactivated",
                "RoleChanged",
                "UserReactivated");
        jdbc.execute(migration("V50__active_admin.sql"));
        backfilled = new UserDirectory(jdbc).activeAdmins();
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    private static String migration(String name) throws IOException {
        return new ClassPathResource("db/migration/command/" + name).getContentAsString(StandardCharsets.UTF_8);
    }

    private static UserId id(int n) {
        return new UserId(new UUID(0, n));
    }

    private static void user(UserId id, Role role, String... events) {
        jdbc.update(
                "insert into user_directory (user_id, username, email, role) values (?, ?, ?, ?)",
                id.value(),
                "user" + id.value().getLeastSignificantBits(),
                id.value() + "@example.com",
                role.name());
        for (int i = 0; i < events.length; i++) {
            jdbc.update(
                    "insert into domain_event_entry (aggregate_identifier, sequence_number, payload_type, type) "
                            + "values (?, ?, ?, 'UserAccount')",
                    id.toString(),
                    i,
                    EVENT + events[i]);
        }
    }

    @Test
    void theMigrationFillsTheTableWithTheAdminsActiveNow() {
        assertThat(backfilled).containsExactlyInAnyOrder(ACTIVE, REACTIVATED);
    }

    @Test
    void theLastActiveAdminIsNotReleasedOthersAre() {
        UserDirectory directory = new UserDirectory(jdbc);
        onlyAdmins(ACTIVE, REACTIVATED);
        directory.releaseActiveAdmin(REACTIVATED, "reactivated");
        assertThatThrownBy(() -> directory.releaseActiveAdmin(ACTIVE, "active"))
                .isInstanceOf(LastActiveAdminException.class)
                .hasMessage("at least one active admin must remain: active is the last active admin; "
                        + "make another person an admin first");
        assertThat(directory.activeAdmins()).containsExactly(ACTIVE);
        directory.releaseActiveAdmin(TRADER, "trader");
        directory.addActiveAdmin(ACTIVE);
        assertThat(directory.activeAdmins()).containsExactly(ACTIVE);
    }

    @Test
    void aRemovalWaitsForAConcurrentOneAndThenCountsWhatIsLeft() throws Exception {
        onlyAdmins(ACTIVE, REACTIVATED);
        try (Connection first = dataSource.getConnection();
                Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            UserDirectory firstTx = new UserDirectory(new JdbcTemplate(new SingleConnectionDataSource(first, true)));
            UserDirectory secondTx = new UserDirectory(new JdbcTemplate(new SingleConnectionDataSource(second, true)));
            int secondPid = pid(second);

            firstTx.releaseActiveAdmin(REACTIVATED, "reactivated");
            CompletableFuture<Void> concurrent =
                    CompletableFuture.runAsync(() -> secondTx.releaseActiveAdmin(ACTIVE, "active"));
            await().atMost(Duration.ofSeconds(10)).until(() -> "Lock"
                    .equals(jdbc.queryForObject(
                            "select wait_event_type from pg_stat_activity where pid = ?", String.class, secondPid)));
            assertThat(concurrent).isNotDone();

            first.commit();
            assertThat(concurrent)
                    .failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(LastActiveAdminException.class);
            second.rollback();
        }
        assertThat(new UserDirectory(jdbc).activeAdmins()).containsExactly(ACTIVE);
    }

    @Test
    void ofTwoConcurrentRemovalsOfTheLastTwoAdminsExactlyOneCommits() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 50; round++) {
                onlyAdmins(ACTIVE, REACTIVATED);
                CyclicBarrier barrier = new CyclicBarrier(2);
                List<Future<Boolean>> results = new ArrayList<>();
                for (UserId removed : List.of(ACTIVE, REACTIVATED)) {
                    results.add(pool.submit(() -> releaseInTransaction(removed, barrier)));
                }
                List<Boolean> committed = new ArrayList<>();
                for (Future<Boolean> result : results) {
                    committed.add(result.get(30, TimeUnit.SECONDS));
                }
                assertThat(committed).as("round %d", round).containsExactlyInAnyOrder(true, false);
                assertThat(new UserDirectory(jdbc).activeAdmins())
                        .as("round %d", round)
                        .hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean releaseInTransaction(UserId removed, CyclicBarrier barrier) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            UserDirectory directory =
                    new UserDirectory(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
            barrier.await(10, TimeUnit.SECONDS);
            try {
                directory.releaseActiveAdmin(removed, "admin");
                connection.commit();
                return true;
            } catch (LastActiveAdminException refused) {
                connection.rollback();
                return false;
            }
        }
    }

    private static void onlyAdmins(UserId... admins) {
        jdbc.update("delete from active_admin");
        for (UserId admin : admins) {
            new UserDirectory(jdbc).addActiveAdmin(admin);
        }
    }

    private static int pid(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("select pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }
}
