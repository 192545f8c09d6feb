package dev.trenddesk.gateway.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The one PostgreSQL database, by JDBC for Axon and the projections and by R2DBC for the read side.
 * Both are declared here on purpose: Spring Boot creates no JDBC DataSource once an R2DBC
 * ConnectionFactory exists, and Axon would silently lose its JDBC stores.
 * Without {@code spring.datasource.url} an embedded PostgreSQL starts with its data on disk.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** Where the database is: the given URL, or an embedded server started for this process. */
    public record DatabaseEndpoint(String jdbcUrl, String username, String password, EmbeddedPostgres embedded)
            implements AutoCloseable {

        @Override
        public void close() throws IOException {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    DatabaseEndpoint databaseEndpoint(@Value("${spring.datasource.url:}") String url,
                                      @Value("${spring.datasource.username:postgres}") String username,
                                      @Value("${spring.datasource.password:}") String password,
                                      @Value("${trenddesk.database.embedded.data-dir:./data/postgres}") String dataDir,
                                      @Value("${trenddesk.database.embedded.port:0}") int port) throws IOException {
        if (StringUtils.hasText(url)) {
            return new DatabaseEndpoint(url, username, password, null);
        }
        Path dir = Path.of(dataDir).toAbsolutePath().normalize();
        Files.createDirectories(dir);
        removeStalePidFile(dir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60));
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL listening on port {} with its data in {}", postgres.getPort(), dir);
        return new DatabaseEndpoint(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", postgres);
    }

    /**
     * A postmaster.pid left by a crashed run would stop PostgreSQL from starting; one whose process
     * is still alive means another TrendDesk uses this data directory, and two servers on one data
     * directory would corrupt it, so that start is refused.
     */
    static void removeStalePidFile(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        if (firstLine.matches("\\d+")) {
            long pid = Long.parseLong(firstLine);
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("the embedded PostgreSQL data directory " + dir
                        + " is in use by process " + pid + " (another TrendDesk?); stop it or set"
                        + " trenddesk.database.embedded.data-dir to another directory");
            }
        }
        log.warn("Removing stale {} left by a process that is gone", pidFile);
        Files.delete(pidFile);
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseEndpoint endpoint,
                          @Value("${trenddesk.database.jdbc-pool-size:20}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(endpoint.jdbcUrl());
        config.setUsername(endpoint.username());
        config.setPassword(endpoint.password());
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("trenddesk-jdbc");
        return new HikariDataSource(config);
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(DatabaseEndpoint endpoint,
                                     @Value("${trenddesk.database.r2dbc-pool-size:20}") int poolSize) {
        URI uri = URI.create(endpoint.jdbcUrl().substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        ConnectionFactory postgres = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(uri.getHost())
                .port(uri.getPort() > 0 ? uri.getPort() : 5432)
                .database(database)
                .username(endpoint.username())
                .password(endpoint.password() == null ? "" : endpoint.password())
                .build());
        return new ConnectionPool(ConnectionPoolConfiguration.builder(postgres)
                .name("trenddesk-r2dbc")
                .maxSize(poolSize)
                .maxIdleTime(Duration.ofMinutes(5))
                .build());
    }
}
