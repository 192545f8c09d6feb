package dev.trenddesk.gateway.config;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A TrendDesk-like owner of an embedded database in a JVM of its own (the test classpath, main
 * class {@link EmbeddedDatabaseOwner}), so that tests can kill it with kill -9.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path output;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts the owner of {@code dataDir} and waits until its database is up. */
    static ChildJvm startOwner(Path dataDir, boolean watchdog, Path output) throws IOException {
        Files.createDirectories(output.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedDatabaseOwner.class.getName(),
                dataDir.toString(),
                Boolean.toString(watchdog)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        ChildJvm child = new ChildJvm(process, output);
        await().atMost(Duration.ofSeconds(90)).until(() -> child.postmasterPid() > 0 || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("the child JVM died:\n" + Files.readString(output));
        }
        return child;
    }

    /** The postmaster pid the child printed once its database was up, 0 before. */
    long postmasterPid() {
        try {
            return Files.readAllLines(output).stream()
                    .filter(line -> line.startsWith(EmbeddedDatabaseOwner.READY))
                    .map(line -> Long.parseLong(
                            line.substring(EmbeddedDatabaseOwner.READY.length()).trim()))
                    .findFirst()
                    .orElse(0L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kill -9. */
    void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
