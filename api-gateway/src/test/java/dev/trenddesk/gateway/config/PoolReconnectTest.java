package dev.trenddesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import io.r2dbc.pool.ConnectionPool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The two pools against a database that goes away and comes back, as an external database would
 * (a restart, a network cut): they fail fast while it is gone and reconnect by themselves after.
 */
class PoolReconnectTest {

    private static final ProcessExit NO_EXIT = status -> {};
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void bothPoolsFailFastWhileTheDatabaseIsGoneAndReconnectWhenItIsBack() throws Exception {
        Path dir = Path.of(
                System.getProperty("trenddesk.test.build-dir", "target"),
                "test-postgres",
                "reconnect-" + System.nanoTime());
        EmbeddedDatabase database =
                EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir).withWatchdog(false), NO_EXIT);
        DatabaseEndpoint external =
                new DatabaseEndpoint(database.jdbcUrl(), database.username(), database.password(), null);
        DatabaseConfiguration configuration = new DatabaseConfiguration();
        try (HikariDataSource jdbc =
                (HikariDataSource) configuration.dataSource(external, 2, TIMEOUT, Duration.ofMillis(500))) {
            ConnectionPool r2dbc = configuration.connectionFactory(external, 2, TIMEOUT, Duration.ofMillis(500));
            try {
                assertThat(jdbcWorks(jdbc)).isTrue();
                assertThat(r2dbcWorks(r2dbc)).isTrue();

                database.close();
                long start = System.nanoTime();
                assertThatThrownBy(() -> jdbcWorks(jdbc)).isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> r2dbcWorks(r2dbc)).isInstanceOf(RuntimeException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("both failed fast")
                        .isLessThan(Duration.ofSeconds(6));

                database = EmbeddedDatabase.start(
                        new EmbeddedDatabase.Settings(dir, database.port(), false, Duration.ofSeconds(1)), NO_EXIT);
                await().atMost(Duration.ofSeconds(15))
                        .ignoreExceptions()
                        .until(() -> jdbcWorks(jdbc) && r2dbcWorks(r2dbc));
            } finally {
                r2dbc.dispose();
            }
        } finally {
            database.close();
        }
    }

    private static boolean jdbcWorks(HikariDataSource jdbc) throws SQLException {
        try (Connection connection = jdbc.getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("select 1")) {
            return rows.next() && rows.getInt(1) == 1;
        }
    }

    private static boolean r2dbcWorks(ConnectionPool r2dbc) {
        Integer one = Mono.usingWhen(
                        r2dbc.create(),
                        connection -> Flux.from(
                                        connection.createStatement("select 1").execute())
                                .flatMap(result -> result.map((row, meta) -> row.get(0, Integer.class)))
                                .next(),
                        io.r2dbc.spi.Connection::close)
                .block(Duration.ofSeconds(5));
        return one != null && one == 1;
    }
}
