package dev.trenddesk.gateway.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The one PostgreSQL database, by JDBC for Axon and the projections and by R2DBC for the read side.
 * Both are declared here on purpose: Spring Boot creates no JDBC DataSource once an R2DBC
 * ConnectionFactory exists, and Axon would silently lose its JDBC stores.
 * Without {@code spring.datasource.url} an embedded PostgreSQL starts with its data on disk
 * ({@link EmbeddedDatabase}). Both pools give up on a connection after
 * {@code trenddesk.database.connection-timeout}, so a lost database shows as DOWN in the health
 * within seconds, and both reconnect by themselves when it is back.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    /** Where the database is: the given URL, or an embedded server started for this process. */
    public record DatabaseEndpoint(String jdbcUrl, String username, String password, EmbeddedDatabase embedded)
            implements AutoCloseable {

        @Override
        public void close() throws IOException {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    DatabaseEndpoint databaseEndpoint(
            @Value("${spring.datasource.url:}") String url,
            @Value("${spring.datasource.username:postgres}") String username,
            @Value("${spring.datasource.password:}") String password,
            @Value("${trenddesk.database.embedded.data-dir:./data/postgres}") String dataDir,
            @Value("${trenddesk.database.embedded.port:0}") int port,
            @Value("${trenddesk.database.embedded.watchdog:true}") boolean watchdog,
            @Value("${trenddesk.database.embedded.preload-libraries:}") String preloadLibraries,
            @Value("${trenddesk.database.embedded.synchronous-commit:true}") boolean synchronousCommit,
            ObjectProvider<ProcessExit> exit)
            throws IOException {
        if (StringUtils.hasText(url)) {
            return new DatabaseEndpoint(url, username, password, null);
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(
                new EmbeddedDatabase.Settings(
                        Path.of(dataDir),
                        port,
                        watchdog,
                        Duration.ofSeconds(1),
                        preloadLibraries.trim(),
                        synchronousCommit),
                exit.getIfAvailable(() -> ProcessExit.JVM));
        return new DatabaseEndpoint(embedded.jdbcUrl(), embedded.username(), embedded.password(), embedded);
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(
            DatabaseEndpoint endpoint,
            @Value("${trenddesk.database.jdbc-pool-size:20}") int poolSize,
            @Value("${trenddesk.database.connection-timeout:3s}") Duration connectionTimeout,
            @Value("${trenddesk.database.validation-timeout:2s}") Duration validationTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(endpoint.jdbcUrl());
        config.setUsername(endpoint.username());
        config.setPassword(endpoint.password());
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("trenddesk-jdbc");
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setValidationTimeout(validationTimeout.toMillis());
        config.addDataSourceProperty("connectTimeout", Math.max(1, connectionTimeout.toSeconds()));
        return new HikariDataSource(config);
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(
            DatabaseEndpoint endpoint,
            @Value("${trenddesk.database.r2dbc-pool-size:20}") int poolSize,
            @Value("${trenddesk.database.connection-timeout:3s}") Duration connectionTimeout,
            @Value("${trenddesk.database.validation-timeout:2s}") Duration validationTimeout) {
        URI uri = URI.create(endpoint.jdbcUrl().substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() <= 1
                ? "postgres"
                : uri.getPath().substring(1);
        ConnectionFactory postgres = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(uri.getHost())
                .port(uri.getPort() > 0 ? uri.getPort() : 5432)
                .database(database)
                .username(endpoint.username())
                .password(endpoint.password() == null ? "" : endpoint.password())
                .connectTimeout(connectionTimeout)
                .build());
        return new ConnectionPool(ConnectionPoolConfiguration.builder(postgres)
                .name("trenddesk-r2dbc")
                .maxSize(poolSize)
                .maxIdleTime(Duration.ofMinutes(5))
                .maxCreateConnectionTime(connectionTimeout)
                .maxAcquireTime(connectionTimeout)
                .maxValidationTime(validationTimeout)
                .build());
    }
}
