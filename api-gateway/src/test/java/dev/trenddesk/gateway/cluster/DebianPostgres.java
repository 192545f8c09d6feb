package dev.trenddesk.gateway.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's PostgreSQL server ({@code apt-get install postgresql}; binaries in
 * {@code /usr/lib/postgresql/<major>/bin}), a cluster of its own in the test's folder: initdb, then the
 * postmaster in the foreground on a free loopback port with its socket in that folder. PostgreSQL
 * refuses to run as root, so as root it runs as the {@code postgres} OS user, which owns the folder.
 * Passwords are required over TCP (scram-sha-256), as on a server.
 */
final class DebianPostgres {

    static final String DATABASE = "trenddesk";
    static final String USER = "trenddesk";

    private final ClusterProcess process;
    private final int port;
    private final String superuserPassword;
    private final String password;

    private DebianPostgres(ClusterProcess process, int port, String superuserPassword, String password) {
        this.process = process;
        this.port = port;
        this.superuserPassword = superuserPassword;
        this.password = password;
    }

    /**
     * initdb in {@code dir}, start the server with the test's settings and {@code settings} on top (e.g.
     * {@code shared_preload_libraries}), and create the {@code trenddesk} role and database.
     */
    static DebianPostgres start(Path dir, int port, String password, Map<String, String> settings)
            throws IOException, InterruptedException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.createDirectories(dir);
        if (root) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path data = dir.resolve("data");
        Path pwfile = dir.resolve("superuser.pw");
        String superuserPassword = "pg-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        Files.writeString(pwfile, superuserPassword + "\n", StandardCharsets.UTF_8);
        if (root) {
            Files.setOwner(
                    pwfile, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        }
        run(
                as(root, bin.resolve("initdb").toString()),
                List.of(
                        "-D",
                        data.toString(),
                        "-U",
                        "postgres",
                        "-E",
                        "UTF8",
                        "--locale=C",
                        "--auth-local=trust",
                        "--auth-host=scram-sha-256",
                        "--pwfile=" + pwfile,
                        "--no-sync"),
                dir.resolve("initdb.log"));
        List<String> command = new ArrayList<>(as(root, bin.resolve("postgres").toString()));
        command.addAll(List.of(
                "-D", data.toString(),
                "-p", Integer.toString(port),
                "-k", dir.toString(),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "max_connections=300",
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off"));
        settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        ClusterProcess server = new ClusterProcess("postgres", dir.resolve("log"), command, Map.of());
        server.start();
        DebianPostgres postgres = new DebianPostgres(server, port, superuserPassword, password);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(SQLException.class)
                .until(() -> {
                    if (!server.isAlive()) {
                        throw new AssertionError("PostgreSQL exited:\n" + server.tail(30));
                    }
                    try (Connection c =
                            DriverManager.getConnection(postgres.url("postgres"), "postgres", superuserPassword)) {
                        return c.isValid(2);
                    }
                });
        try (Connection c = DriverManager.getConnection(postgres.url("postgres"), "postgres", superuserPassword);
                Statement s = c.createStatement()) {
            s.execute("create role " + USER + " login password '" + password + "'");
            s.execute("create database " + DATABASE + " owner " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the trenddesk database", e);
        }
        return postgres;
    }

    String jdbcUrl() {
        return url(DATABASE);
    }

    int port() {
        return port;
    }

    String password() {
        return password;
    }

    /** A superuser connection to the trenddesk database (to look at what the nodes wrote). */
    Connection superuser() throws SQLException {
        return DriverManager.getConnection(url(DATABASE), "postgres", superuserPassword);
    }

    /** The server's process (the postmaster, with its backends as descendants). */
    ClusterProcess process() {
        return process;
    }

    void stop() {
        process.stop();
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        try (var versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .max((a, b) -> Integer.compare(major(a), major(b)))
                    .orElseThrow();
        } catch (IOException | java.util.NoSuchElementException e) {
            throw new IllegalStateException(
                    "Debian's PostgreSQL server is missing (" + root + "): apt-get install postgresql", e);
        }
    }

    private static int major(Path bin) {
        String name = bin.getParent().getFileName().toString();
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }

    private static List<String> as(boolean root, String executable) {
        return root ? List.of("runuser", "-u", "postgres", "--", executable) : List.of(executable);
    }

    private static void run(List<String> executable, List<String> args, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(executable);
        command.addAll(args);
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    String.join(" ", command) + " failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
