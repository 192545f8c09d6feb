package dev.trenddesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * {@code trenddesk.database.embedded.preload-libraries} reaches the embedded server: with
 * {@code pg_stat_statements} preloaded the extension counts statements (the trading benchmark reads
 * PostgreSQL's share from it); without, the server refuses to read its view.
 */
class EmbeddedDatabasePreloadTest {

    private static final ProcessExit NO_EXIT = status -> {
        throw new AssertionError("unexpected exit " + status);
    };

    private final Path root = Path.of(
            System.getProperty("trenddesk.test.build-dir", "target"), "test-postgres", "preload-" + System.nanoTime());

    @Test
    void pgStatStatementsCountsStatementsOnlyWhenPreloaded() throws Exception {
        EmbeddedDatabase.Settings plain = EmbeddedDatabase.Settings.of(root.resolve("plain"));
        try (EmbeddedDatabase database = EmbeddedDatabase.start(plain, NO_EXIT);
                Connection superuser = database.superuserConnection();
                Statement s = superuser.createStatement()) {
            assertThat(one(s, "show shared_preload_libraries")).isEmpty();
            s.execute("create extension if not exists pg_stat_statements");
            assertThatThrownBy(() -> one(s, "select count(*) from pg_stat_statements"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("shared_preload_libraries");
        }

        EmbeddedDatabase.Settings preloaded = new EmbeddedDatabase.Settings(
                root.resolve("preloaded"), 0, true, plain.monitorInterval(), "pg_stat_statements");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(preloaded, NO_EXIT);
                Connection superuser = database.superuserConnection();
                Statement s = superuser.createStatement()) {
            assertThat(one(s, "show shared_preload_libraries")).isEqualTo("pg_stat_statements");
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
            s.execute("create table counted (n int)");
            for (int i = 0; i < 3; i++) {
                s.execute("insert into counted values (" + i + ")");
            }
            assertThat(
                            one(
                                    s,
                                    "select coalesce(sum(calls), 0) from pg_stat_statements where query like 'insert into counted%'"))
                    .isEqualTo("3");
        }
    }

    /** zonky's builder turns synchronous_commit off; the platform's embedded database keeps its commits durable. */
    @Test
    void commitsAreDurableUnlessTurnedOffForTests() throws Exception {
        try (EmbeddedDatabase database =
                        EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(root.resolve("durable")), NO_EXIT);
                Connection superuser = database.superuserConnection();
                Statement s = superuser.createStatement()) {
            assertThat(one(s, "show synchronous_commit")).isEqualTo("on");
        }
        EmbeddedDatabase.Settings fast = new EmbeddedDatabase.Settings(
                root.resolve("fast"), 0, true, java.time.Duration.ofSeconds(1), "", false);
        try (EmbeddedDatabase database = EmbeddedDatabase.start(fast, NO_EXIT);
                Connection superuser = database.superuserConnection();
                Statement s = superuser.createStatement()) {
            assertThat(one(s, "show synchronous_commit")).isEqualTo("off");
        }
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
