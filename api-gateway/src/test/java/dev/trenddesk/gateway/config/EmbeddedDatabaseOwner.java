package dev.trenddesk.gateway.config;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Main class of {@link ChildJvm}: starts the embedded database on the given data directory (with
 * or without watchdog), writes one row, prints {@code READY <postmaster pid>} and waits to be killed.
 */
public final class EmbeddedDatabaseOwner {

    static final String READY = "READY ";

    private EmbeddedDatabaseOwner() {}

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.start(
                EmbeddedDatabase.Settings.of(Path.of(args[0])).withWatchdog(Boolean.parseBoolean(args[1])),
                status -> System.out.println("EXIT " + status));
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists survivor (note text)");
            statement.execute("insert into survivor values ('written before the kill')");
        }
        System.out.println(READY + database.postmasterPid());
        System.out.flush();
        Thread.currentThread().join();
    }
}
