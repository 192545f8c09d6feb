package dev.trenddesk.gateway.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local mode's PostgreSQL, with its data on disk: started after the data directory's ownership
 * is settled ({@link DataDirectoryOwnership}), locked down with passwords and a non-superuser
 * application role ({@link DatabaseLockdown}, {@link PgHba}), followed by a watchdog that stops it
 * if this JVM dies ({@link PostmasterWatchdog}) and watched from here so that losing it ends
 * TrendDesk ({@link PostmasterMonitor}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The database the application uses. */
    public static final String DATABASE = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /**
     * Where and how the embedded server runs; {@code preloadLibraries} (comma-separated, empty for none)
     * is the server's {@code shared_preload_libraries}, e.g. {@code pg_stat_statements}, which the
     * bundled binaries carry.
     */
    /**
     * How the embedded PostgreSQL runs.
     *
     * @param synchronousCommit whether a commit returns only once its WAL is on disk. On by default: a commit the
     *                          platform acted on (an order's attempt row before the order is sent, an event) must
     *                          survive a crash of PostgreSQL or of the machine. zonky's builder sets it off, which
     *                          may lose the last commits then; only the test suite turns it off, for speed.
     */
    public record Settings(
            Path dataDir,
            int port,
            boolean watchdog,
            Duration monitorInterval,
            String preloadLibraries,
            boolean synchronousCommit) {

        public Settings(Path dataDir, int port, boolean watchdog, Duration monitorInterval, String preloadLibraries) {
            this(dataDir, port, watchdog, monitorInterval, preloadLibraries, true);
        }

        public Settings(Path dataDir, int port, boolean watchdog, Duration monitorInterval) {
            this(dataDir, port, watchdog, monitorInterval, "");
        }

        public static Settings of(Path dataDir) {
            return new Settings(dataDir, 0, true, Duration.ofSeconds(1));
        }

        public Settings withWatchdog(boolean on) {
            return new Settings(dataDir, port, on, monitorInterval, preloadLibraries, synchronousCommit);
        }
    }

    private final EmbeddedPostgres postgres;
    private final EmbeddedPasswords passwords;
    private final Postmaster postmaster;
    private final PostmasterMonitor monitor;

    private EmbeddedDatabase(
            EmbeddedPostgres postgres, EmbeddedPasswords passwords, Postmaster postmaster, PostmasterMonitor monitor) {
        this.postgres = postgres;
        this.passwords = passwords;
        this.postmaster = postmaster;
        this.monitor = monitor;
    }

    public static EmbeddedDatabase start(Settings settings, ProcessExit exit) throws IOException {
        Path dir = settings.dataDir().toAbsolutePath().normalize();
        Files.createDirectories(dir);
        DataDirectoryOwnership.claim(dir);
        Path passwordFile = EmbeddedPasswords.fileFor(dir);
        if (!Files.exists(passwordFile) && PgHba.requiresPasswords(dir)) {
            throw new IllegalStateException("the embedded PostgreSQL in " + dir + " needs the passwords of "
                    + passwordFile + ", which is missing; restore that file (or start with an empty data directory)");
        }
        EmbeddedPasswords passwords = EmbeddedPasswords.loadOrCreate(passwordFile);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                // stopped by close(), after the application is done with it, never by a hook of its own
                .setRegisterShutdownHook(false)
                .setConnectConfig("password", passwords.superuserPassword())
                .setPGStartupWait(Duration.ofSeconds(60));
        if (settings.port() > 0) {
            builder.setPort(settings.port());
        }
        builder.setServerConfig("synchronous_commit", settings.synchronousCommit() ? "on" : "off");
        if (!settings.preloadLibraries().isBlank()) {
            builder.setServerConfig("shared_preload_libraries", settings.preloadLibraries());
        }
        EmbeddedPostgres postgres = start(builder, dir);
        try {
            lockDown(postgres, passwords, dir);
            Postmaster postmaster = Postmaster.of(dir)
                    .orElseThrow(() -> new IllegalStateException(
                            "PostgreSQL started but " + dir + " names no running postmaster"));
            if (settings.watchdog()) {
                PostmasterWatchdog.start(postmaster.pid());
            }
            PostmasterMonitor monitor = PostmasterMonitor.start(postmaster.process(), exit, settings.monitorInterval());
            log.info(
                    "Embedded PostgreSQL (pid {}) listening on port {} with its data in {}",
                    postmaster.pid(),
                    postgres.getPort(),
                    dir);
            return new EmbeddedDatabase(postgres, passwords, postmaster, monitor);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** Starts the server; one that started but never became ready (wrong password?) is not left running. */
    private static EmbeddedPostgres start(EmbeddedPostgres.Builder builder, Path dir) throws IOException {
        try {
            return builder.start();
        } catch (IOException | RuntimeException e) {
            Postmaster.of(dir).ifPresent(Postmaster::stop);
            throw e;
        }
    }

    private static void lockDown(EmbeddedPostgres postgres, EmbeddedPasswords passwords, Path dir) throws IOException {
        try (Connection superuser = postgres.getPostgresDatabase().getConnection()) {
            DatabaseLockdown.apply(superuser, passwords);
            if (PgHba.write(dir)) {
                log.info(
                        "Embedded PostgreSQL locked down: password logins only, the application as role {}",
                        passwords.appRole());
                DatabaseLockdown.reloadConfiguration(superuser);
            }
        } catch (SQLException e) {
            throw new IOException("cannot set up the embedded PostgreSQL's logins: " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public int port() {
        return postgres.getPort();
    }

    public String username() {
        return passwords.appRole();
    }

    public String password() {
        return passwords.appPassword();
    }

    public long postmasterPid() {
        return postmaster.pid();
    }

    /** A connection as the bootstrap superuser, for administration (and tests) only. */
    public Connection superuserConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), EmbeddedPasswords.SUPERUSER, passwords.superuserPassword());
    }

    /** Stops PostgreSQL (fast shutdown); its watchdog then exits by itself. */
    @Override
    public void close() throws IOException {
        monitor.close();
        postgres.close();
    }
}
