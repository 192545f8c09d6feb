package dev.trenddesk.gateway.config;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Commands to one aggregate from several nodes at once (docs/architecture.md, "Several nodes: one aggregate"). A node locks an
 * aggregate only against its own threads; two nodes that handle commands for the same aggregate at the same time
 * both decide on the same version and both append an event with the same sequence number. The event store's
 * unique (aggregate_identifier, sequence_number) key refuses the second append, and that command is sent again: the
 * aggregate is loaded anew, with the other node's event, and decides again, so the caller gets the answer the
 * aggregate as it now is gives (a 200, or the 409 of a rule the other change broke), never a 500.
 *
 * <ul>
 *   <li>{@link #duplicateKeyResolver()}: Axon's default resolver recognises only a
 *       {@link SQLIntegrityConstraintViolationException}; PostgreSQL's driver reports a unique violation as SQL state
 *       23505 (in a batch, as the next exception of a {@code BatchUpdateException}), which Axon then took for an
 *       unknown storage failure. With this resolver the append fails with a {@link ConcurrencyException}.
 *   <li>{@link #commandGateway}: the gateway every command goes through (the web's and the sagas') retries a command
 *       that failed with a {@link ConcurrencyException}, and only that, with exponential back-off: by default 10
 *       times, 10 ms, 20 ms, ... apart.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class CommandConflictConfiguration {

    /** PostgreSQL's SQL state of a unique violation. */
    static final String UNIQUE_VIOLATION = "23505";

    @Bean
    PersistenceExceptionResolver duplicateKeyResolver() {
        return CommandConflictConfiguration::isUniqueViolation;
    }

    /** Whether {@code failure} or anything it carries is a unique violation. */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "command-conflict-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    CommandGateway commandGateway(
            CommandBus commandBus,
            ScheduledExecutorService commandRetryExecutor,
            @Value("${trenddesk.commands.conflict-retries:10}") int retries,
            @Value("${trenddesk.commands.conflict-backoff:10ms}") Duration backoff) {
        RetryScheduler backOff = ExponentialBackOffIntervalRetryScheduler.builder()
                .retryExecutor(commandRetryExecutor)
                .maxRetryCount(retries)
                .backoffFactor(Math.max(1, backoff.toMillis()))
                .build();
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new OnConflictOnly(backOff))
                .build();
    }

    /** Whether {@code failure} is a concurrent change of the same aggregate, anywhere in its causes. */
    static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    /** Retries through {@code delegate} a command that failed on a concurrent change, and nothing else. */
    record OnConflictOnly(RetryScheduler delegate) implements RetryScheduler {

        @Override
        public boolean scheduleRetry(
                CommandMessage commandMessage,
                RuntimeException lastFailure,
                List<Class<? extends Throwable>[]> failures,
                Runnable commandDispatch) {
            return isConflict(lastFailure)
                    && delegate.scheduleRetry(commandMessage, lastFailure, failures, commandDispatch);
        }
    }
}
