package dev.trenddesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The embedded database's life with real PostgreSQL servers: restarts after its owner was killed,
 * refuses a second owner, is stopped by its watchdog when its JVM dies, and ends TrendDesk when it
 * dies itself.
 */
class EmbeddedDatabaseLifecycleTest {

    private static final ProcessExit NO_EXIT = status -> {
        throw new AssertionError("unexpected exit " + status);
    };

    private final Path root = Path.of(
            System.getProperty("trenddesk.test.build-dir", "target"),
            "test-postgres",
            "lifecycle-" + System.nanoTime());

    @Test
    void anOrphanedPostgresOfAKilledOwnerIsStoppedAndTheStartSucceedsWithTheDataIntact() throws Exception {
        Path dir = root.resolve("orphan");
        long orphan;
        try (ChildJvm owner = ChildJvm.startOwner(dir, false, root.resolve("owner.log"))) {
            orphan = owner.postmasterPid();
            owner.kill();
        }
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
                .as("no watchdog: postgres outlived its JVM")
                .contains(true);
        try (EmbeddedDatabase database = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir), NO_EXIT)) {
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(database.postmasterPid()).isNotEqualTo(orphan);
            assertThat(app(database).queryForList("select note from survivor", String.class))
                    .containsExactly("written before the kill");
        }
    }

    @Test
    void aDataDirectoryWhoseOwnerIsAliveIsRefused() throws Exception {
        Path dir = root.resolve("owned");
        try (ChildJvm owner = ChildJvm.startOwner(dir, true, root.resolve("owner.log"))) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir), NO_EXIT))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by process " + owner.postmasterPid())
                    .hasMessageContaining("running TrendDesk");
            assertThat(ProcessHandle.of(owner.postmasterPid()).map(ProcessHandle::isAlive))
                    .contains(true);
        }
    }

    @Test
    void theWatchdogStopsPostgresWithinSecondsOfItsJvmBeingKilled() throws Exception {
        Path dir = root.resolve("watchdog");
        long postmaster;
        try (ChildJvm owner = ChildJvm.startOwner(dir, true, root.resolve("owner.log"))) {
            postmaster = owner.postmasterPid();
            owner.kill();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessHandle.of(postmaster)
                .map(ProcessHandle::isAlive)
                .orElse(false));
        assertThat(Postmaster.pidFile(dir))
                .as("a clean (fast) shutdown removes its pid file")
                .doesNotExist();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir), NO_EXIT)) {
            assertThat(app(database).queryForList("select note from survivor", String.class))
                    .hasSize(1);
        }
    }

    @Test
    void theWatchdogExitsByItselfWhenPostgresIsStoppedNormally() throws Exception {
        List<ProcessHandle> before = ProcessHandle.current().children().toList();
        EmbeddedDatabase database =
                EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(root.resolve("normal")), NO_EXIT);
        List<ProcessHandle> watchdogs = ProcessHandle.current()
                .children()
                .filter(child -> !before.contains(child))
                .filter(ProcessHandle::isAlive)
                .toList();
        assertThat(watchdogs).as("one watchdog").hasSize(1);
        database.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !watchdogs.get(0).isAlive());
    }

    @Test
    void losingPostgresEndsTheProcessWithAnError() throws Exception {
        List<Integer> exits = new CopyOnWriteArrayList<>();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(
                EmbeddedDatabase.Settings.of(root.resolve("lost")).withWatchdog(false), exits::add)) {
            ProcessHandle.of(database.postmasterPid()).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(5)).until(() -> !exits.isEmpty());
            assertThat(exits).containsExactly(PostmasterMonitor.EXIT_STATUS);
        }
    }

    @Test
    void stoppingPostgresOnPurposeDoesNotEndTheProcess() throws Exception {
        List<Integer> exits = new CopyOnWriteArrayList<>();
        EmbeddedDatabase database = EmbeddedDatabase.start(
                EmbeddedDatabase.Settings.of(root.resolve("stopped")).withWatchdog(false), exits::add);
        long pid = database.postmasterPid();
        database.close();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(exits::isEmpty);
    }

    private static JdbcTemplate app(EmbeddedDatabase database) throws SQLException {
        Connection connection =
                DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
        return new JdbcTemplate(new SingleConnectionDataSource(connection, false));
    }
}
