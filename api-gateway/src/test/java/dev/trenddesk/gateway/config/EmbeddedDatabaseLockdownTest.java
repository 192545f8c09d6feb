package dev.trenddesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The embedded server lets nobody in without a password, and the application's role cannot read
 * server files (the master key is one); a data directory of an earlier version (trust logins,
 * everything owned by postgres) is upgraded in place and keeps its data.
 */
class EmbeddedDatabaseLockdownTest {

    private static final ProcessExit NO_EXIT = status -> {
        throw new AssertionError("unexpected exit " + status);
    };

    private final Path root = Path.of(
            System.getProperty("trenddesk.test.build-dir", "target"), "test-postgres", "lockdown-" + System.nanoTime());

    @Test
    void nobodyGetsInWithoutAPasswordAndTheApplicationRoleIsNoSuperuser() throws Exception {
        Path dir = root.resolve("postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir), NO_EXIT)) {
            for (String user : new String[] {"postgres", database.username()}) {
                assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), user, "")
                                .close())
                        .as("no password as " + user)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("password");
                assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), user, "wrong")
                                .close())
                        .as("wrong password as " + user)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("password authentication failed");
            }
            assertThat(Files.readString(dir.resolve("pg_hba.conf")))
                    .doesNotContain("trust")
                    .contains("scram-sha-256");

            JdbcTemplate app = connect(database.jdbcUrl(), database.username(), database.password());
            assertThat(app.queryForObject(
                            "select rolsuper or rolcreaterole or rolcreatedb from pg_roles"
                                    + " where rolname = current_user",
                            Boolean.class))
                    .isFalse();
            assertThatThrownBy(() -> app.queryForObject("select pg_read_file('postgresql.conf')", String.class))
                    .hasRootCauseMessage("ERROR: permission denied for function pg_read_file");
            assertThatThrownBy(() -> app.execute("create extension if not exists plpgsql_check"))
                    .isInstanceOf(RuntimeException.class);
            assertThat(app.queryForObject(
                            "select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'public'",
                            String.class))
                    .isEqualTo(database.username());
            app.execute("create table mine (id bigserial primary key)");
            app.update("insert into mine default values");
            assertThat(app.queryForObject("select pg_try_advisory_lock(42)", Boolean.class))
                    .isTrue();
        }
    }

    @Test
    void thePasswordsAreKeptBesideTheDataDirectoryForItsOwnerOnly() throws Exception {
        Path dir = root.resolve("postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir), NO_EXIT)) {
            Path file = root.resolve("postgres-passwords.properties");
            assertThat(EmbeddedPasswords.fileFor(dir))
                    .isEqualTo(file.toAbsolutePath().normalize());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            Properties properties = new Properties();
            try (var reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            assertThat(properties.getProperty("app.username"))
                    .isEqualTo("trenddesk")
                    .isEqualTo(database.username());
            assertThat(properties.getProperty("app.password"))
                    .isEqualTo(database.password())
                    .hasSize(32);
            assertThat(properties.getProperty("superuser.password")).hasSize(32).isNotEqualTo(database.password());
            try (Connection superuser = database.superuserConnection()) {
                assertThat(superuser.isValid(1)).isTrue();
            }
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir), NO_EXIT)) {
            assertThat(connect(again.jdbcUrl(), again.username(), again.password())
                            .queryForObject("select 1", Integer.class))
                    .as("the same passwords at the next start")
                    .isEqualTo(1);
        }
    }

    @Test
    void aLockedDownDataDirectoryWithoutItsPasswordFileIsRefusedAtOnce() throws Exception {
        Path dir = root.resolve("postgres");
        EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir), NO_EXIT).close();
        Files.delete(EmbeddedPasswords.fileFor(dir));
        assertThatThrownBy(() -> EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir), NO_EXIT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("postgres-passwords.properties");
    }

    @Test
    void aDataDirectoryOfAnEarlierVersionIsUpgradedAndKeepsItsData() throws Exception {
        Path dir = root.resolve("postgres");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .start()) {
            JdbcTemplate superuser = new JdbcTemplate(old.getPostgresDatabase());
            superuser.execute("create table orders (id bigserial primary key, note text)");
            superuser.execute("create sequence standalone_seq");
            superuser.execute("create view order_notes as select note from orders");
            superuser.execute("create type side as enum ('LONG', 'SHORT')");
            superuser.execute("create function twice(x int) returns int language sql as 'select 2 * x'");
            superuser.update("insert into orders (note) values ('kept')");
        }
        assertThat(Files.readString(dir.resolve("pg_hba.conf")))
                .as("an old-style data directory")
                .contains("trust");

        try (EmbeddedDatabase database = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir), NO_EXIT)) {
            JdbcTemplate app = connect(database.jdbcUrl(), database.username(), database.password());
            assertThat(app.queryForList("select note from order_notes", String.class))
                    .containsExactly("kept");
            app.update("insert into orders (note) values ('new')");
            assertThat(app.queryForObject("select nextval('standalone_seq') + twice(1)", Long.class))
                    .isEqualTo(3);
            app.execute("alter table orders add column side side");
            app.execute("drop view order_notes");
            assertThat(app.queryForList("""
                    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and pg_get_userbyid(c.relowner) <> current_user
                    """, String.class))
                    .as("objects not handed over")
                    .isEmpty();
            assertThat(Files.readString(dir.resolve("pg_hba.conf"))).doesNotContain("trust");
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), "postgres", "")
                            .close())
                    .isInstanceOf(SQLException.class);
        }
    }

    private static JdbcTemplate connect(String url, String user, String password) throws SQLException {
        Connection connection = DriverManager.getConnection(url, user, password);
        return new JdbcTemplate(new SingleConnectionDataSource(connection, false));
    }
}
