package dev.trenddesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import dev.trenddesk.gateway.support.IntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.GenericDeadLetterTableFactory;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Flyway owns Axon's tables. This test lets Axon create its own tables, with the same schema
 * settings, in a scratch database, and checks that Flyway's tables have the same columns with
 * the same types — so an Axon upgrade that changes its tables fails here, not in production.
 */
@IntegrationTest
class AxonSchemaTest {

    private static final List<String> TABLES = List.of(
            "domain_event_entry",
            "snapshot_event_entry",
            "token_entry",
            "saga_entry",
            "association_value_entry",
            "dead_letter_entry");

    @Autowired
    DatabaseEndpoint endpoint;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Serializer serializer;

    @Autowired
    EventSchema eventSchema;

    @Autowired
    TokenSchema tokenSchema;

    @Autowired
    SagaSqlSchema sagaSchema;

    @Autowired
    DeadLetterSchema deadLetterSchema;

    @Test
    void flywayCreatesTheColumnsAxonWouldCreate() throws SQLException {
        String scratch = "axon_reference_" + System.nanoTime();
        // the application's role may not create databases: the embedded server's superuser creates it for that role
        try (Connection superuser = endpoint.embedded().superuserConnection();
                Statement statement = superuser.createStatement()) {
            statement.execute("create database " + scratch + " owner " + endpoint.username());
        }
        String url = endpoint.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + scratch + "$1");
        try (Connection connection = DriverManager.getConnection(url, endpoint.username(), endpoint.password())) {
            connection.setAutoCommit(true);
            DataSource single = new SingleConnectionDataSource(connection, true);
            ConnectionProvider provider = single::getConnection;
            JdbcEventStorageEngine.builder()
                    .connectionProvider(provider)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .schema(eventSchema)
                    .snapshotSerializer(serializer)
                    .eventSerializer(serializer)
                    .build()
                    .createSchema(PostgresEventTableFactory.INSTANCE);
            JdbcTokenStore.builder()
                    .connectionProvider(provider)
                    .serializer(serializer)
                    .schema(tokenSchema)
                    .build()
                    .createSchema(PostgresTokenTableFactory.INSTANCE);
            JdbcSagaStore.builder()
                    .connectionProvider(provider)
                    .sqlSchema(sagaSchema)
                    .serializer(serializer)
                    .build()
                    .createSchema();
            JdbcSequencedDeadLetterQueue.builder()
                    .processingGroup("reference")
                    .connectionProvider(provider)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .schema(deadLetterSchema)
                    .genericSerializer(serializer)
                    .eventSerializer(serializer)
                    .build()
                    .createSchema(new GenericDeadLetterTableFactory() {
                        @Override
                        protected String serializedDataType() {
                            return "BYTEA";
                        }
                    });
            JdbcTemplate reference = new JdbcTemplate(single);
            for (String table : TABLES) {
                assertThat(columns(jdbc, table))
                        .as("columns of " + table + " (Flyway vs Axon)")
                        .containsExactlyInAnyOrderElementsOf(columns(reference, table));
            }
            assertThat(jdbc.queryForList("""
                    select table_name || '.' || column_name from information_schema.columns
                    where table_schema = 'public' and data_type = 'oid'
                    """, String.class))
                    .as("no large objects anywhere")
                    .isEmpty();
        } finally {
            jdbc.execute("drop database if exists " + scratch + " with (force)");
        }
    }

    private static List<String> columns(JdbcTemplate jdbc, String table) {
        return jdbc.queryForList("""
                select column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
                from information_schema.columns where table_schema = 'public' and table_name = ?
                """, String.class, table);
    }
}
