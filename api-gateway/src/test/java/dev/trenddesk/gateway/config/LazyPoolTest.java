package dev.trenddesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction takes a pooled connection when its first statement runs: a unit of work that waits before it touches
 * the database (the execution processor waiting for the fast path's send, ADR 0032) holds none meanwhile.
 */
class LazyPoolTest {

    @Test
    void aTransactionHoldsAConnectionOnlyFromItsFirstStatement() throws Exception {
        Path dir = Path.of(
                System.getProperty("trenddesk.test.build-dir", "target"),
                "test-postgres",
                "lazy-pool-" + System.nanoTime());
        try (EmbeddedDatabase database =
                EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir).withWatchdog(false), status -> {})) {
            DataSource dataSource = new DatabaseConfiguration()
                    .dataSource(
                            new DatabaseEndpoint(database.jdbcUrl(), database.username(), database.password(), null),
                            2,
                            Duration.ofSeconds(1),
                            Duration.ofMillis(500));
            try (HikariDataSource pool = dataSource.unwrap(HikariDataSource.class)) {
                JdbcTemplate jdbc = new JdbcTemplate(dataSource);
                jdbc.queryForObject("select 1", Integer.class); // the pool is up
                TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
                int[] active = new int[2];

                transaction.executeWithoutResult(status -> {
                    active[0] = pool.getHikariPoolMXBean().getActiveConnections();
                    jdbc.queryForObject("select 1", Integer.class);
                    active[1] = pool.getHikariPoolMXBean().getActiveConnections();
                });

                assertThat(active[0]).as("begun, no statement yet").isZero();
                assertThat(active[1]).as("after its first statement").isEqualTo(1);
                assertThat(pool.getHikariPoolMXBean().getActiveConnections())
                        .as("given back at the end")
                        .isZero();
            }
        }
    }
}
