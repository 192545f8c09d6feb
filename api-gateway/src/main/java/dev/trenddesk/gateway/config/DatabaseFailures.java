package dev.trenddesk.gateway.config;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Tells a database that is momentarily out of reach from any other failure: no pooled connection within the
 * pool's acquire time ({@code trenddesk.database.connection-timeout}, R2DBC or JDBC), a lost connection, or a
 * failure the driver or Spring marks as transient. A request that failed so may simply be sent again, so the web
 * answers it 503 with Retry-After instead of a 500 "unexpected error". The web may not know the drivers' types
 * (ArchitectureTest), so the knowledge lives here, beside the pools.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /** True when {@code failure} or one of its causes says the database could not be reached for now. */
    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof R2dbcTransientException
                    || t instanceof R2dbcNonTransientResourceException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof TransientDataAccessException
                    || t instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }
}
