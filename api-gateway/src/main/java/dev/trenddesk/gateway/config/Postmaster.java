package dev.trenddesk.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PostgreSQL server process of a data directory, as named by its {@code postmaster.pid}. */
record Postmaster(ProcessHandle process) {

    static final Duration FAST_STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration IMMEDIATE_STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    private static final Logger log = LoggerFactory.getLogger(Postmaster.class);

    static Path pidFile(Path dataDir) {
        return dataDir.resolve("postmaster.pid");
    }

    /** The pid written on the first line of postmaster.pid, if there is such a file. */
    static Optional<Long> pidOf(Path dataDir) throws IOException {
        Path file = pidFile(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String firstLine =
                Files.readAllLines(file).stream().findFirst().orElse("").trim();
        return firstLine.matches("\\d+") ? Optional.of(Long.parseLong(firstLine)) : Optional.empty();
    }

    /**
     * The running postgres process named by the data directory's postmaster.pid; empty when the
     * file is missing, or its pid is gone or now belongs to another program (pids are reused, after
     * a reboot most of all): the process must be a postgres started when the file says its
     * postmaster started.
     */
    static Optional<Postmaster> of(Path dataDir) throws IOException {
        Path file = pidFile(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file);
        Optional<Instant> started = lines.size() > 2 && lines.get(2).trim().matches("\\d+")
                ? Optional.of(Instant.ofEpochSecond(Long.parseLong(lines.get(2).trim())))
                : Optional.empty();
        return pidOf(dataDir)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(Postmaster::isPostgres)
                .filter(process -> startedAt(process, started))
                .map(Postmaster::new);
    }

    static boolean isPostgres(ProcessHandle process) {
        return process.info()
                .command()
                .map(command -> Path.of(command).getFileName().toString())
                .map(name -> name.equals("postgres") || name.equals("postgres.exe") || name.equals("postmaster"))
                .orElse(false);
    }

    /** Whether the process started when the pid file says (when both are known). */
    private static boolean startedAt(ProcessHandle process, Optional<Instant> expected) {
        Optional<Instant> actual = process.info().startInstant();
        if (expected.isEmpty() || actual.isEmpty()) {
            return true;
        }
        return Duration.between(expected.get(), actual.get()).abs().compareTo(Duration.ofSeconds(5)) <= 0;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the server the way {@code pg_ctl stop -m fast} does (SIGINT: clients are disconnected,
     * work is checkpointed), and if it does not stop in time the way {@code -m immediate} does
     * (SIGQUIT: crash recovery at the next start, but no data lost).
     */
    void stop() {
        if (WINDOWS) {
            throw new IllegalStateException("cannot signal PostgreSQL (pid " + pid() + ") on Windows; end it"
                    + " with the Task Manager or pg_ctl stop, then start again");
        }
        signal("INT");
        if (awaitExit(FAST_STOP_TIMEOUT)) {
            return;
        }
        log.warn("PostgreSQL (pid {}) did not stop within {}; stopping it immediately", pid(), FAST_STOP_TIMEOUT);
        signal("QUIT");
        if (!awaitExit(IMMEDIATE_STOP_TIMEOUT)) {
            throw new IllegalStateException("PostgreSQL (pid " + pid() + ") does not stop; end it, then start again");
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -" + signal + " " + pid())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal PostgreSQL (pid " + pid() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling PostgreSQL", e);
        }
    }

    boolean awaitExit(Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
