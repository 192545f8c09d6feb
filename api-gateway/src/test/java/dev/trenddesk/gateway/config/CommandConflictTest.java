package dev.trenddesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Which failures are a collision with another node's change, and that only those are sent again. */
class CommandConflictTest {

    @Test
    void postgresUniqueViolationInABatchIsADuplicateKey() {
        // what PgJDBC throws when the batch insert of an event hits (aggregate_identifier, sequence_number)
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO domain_event_entry ...", null);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(CommandConflictConfiguration.isUniqueViolation(new RuntimeException("wrapped", batch)))
                .isTrue();
        assertThat(CommandConflictConfiguration.isUniqueViolation(new SQLIntegrityConstraintViolationException()))
                .isTrue();
    }

    @Test
    void otherDatabaseFailuresAreNot() {
        assertThat(CommandConflictConfiguration.isUniqueViolation(new SQLException("connection lost", "08006")))
                .isFalse();
        assertThat(CommandConflictConfiguration.isUniqueViolation(new SQLException("serialization failure", "40001")))
                .isFalse();
        assertThat(CommandConflictConfiguration.isUniqueViolation(new IllegalStateException("no sql here")))
                .isFalse();
    }

    @Test
    void onlyACollisionIsSentAgain() {
        List<Runnable> scheduled = new ArrayList<>();
        RetryScheduler everything = (command, failure, failures, dispatch) -> scheduled.add(dispatch);
        RetryScheduler onConflict = new CommandConflictConfiguration.OnConflictOnly(everything);
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("a command");

        assertThat(onConflict.scheduleRetry(command, new ConcurrencyException("sequence 3 taken"), List.of(), () -> {}))
                .isTrue();
        assertThat(onConflict.scheduleRetry(
                        command,
                        new CommandExecutionException("remote", new ConcurrencyException("sequence 3 taken"), null),
                        List.of(),
                        () -> {}))
                .as("a collision reported by another node's command handler")
                .isTrue();
        assertThat(onConflict.scheduleRetry(command, new EventStoreException("disk full"), List.of(), () -> {}))
                .isFalse();
        assertThat(onConflict.scheduleRetry(
                        command, new CannotGetJdbcConnectionException("pool exhausted"), List.of(), () -> {}))
                .as("a transient failure that is no collision: the caller hears of it, nothing is sent twice")
                .isFalse();
        assertThat(onConflict.scheduleRetry(command, new IllegalStateException("rule broken"), List.of(), () -> {}))
                .isFalse();
        assertThat(scheduled).hasSize(2);
    }
}
