package dev.trenddesk.gateway.crash;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged TrendDesk jar run as a user runs it: {@code java -jar trenddesk.jar} in a folder of
 * its own (so {@code ./data} is that folder's), every start with the same command. Each start writes
 * its own log file.
 */
final class PlatformProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path workDir;
    private final List<String> command;
    private final Map<String, String> environment;
    private final int httpPort;
    private final int simulatorPort;
    private Process process;
    private Path log;
    private int starts;

    private PlatformProcess(
            Path workDir, List<String> command, Map<String, String> environment, int httpPort, int simulatorPort) {
        this.workDir = workDir;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.httpPort = httpPort;
        this.simulatorPort = simulatorPort;
    }

    /**
     * The README's run command in {@code workDir}, with fixed free ports (the same on every start) and
     * the extra {@code --name=value} settings given.
     */
    static PlatformProcess of(Path workDir, Map<String, String> environment, String... settings) throws IOException {
        Path jar = Path.of(System.getProperty("trenddesk.test.jar", "target/trenddesk.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the packaged jar " + jar + " is missing: run the tests with mvn verify");
        }
        Files.createDirectories(workDir);
        int httpPort = freePort();
        int simulatorPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-jar",
                jar.toString(),
                "--server.port=" + httpPort,
                "--trenddesk.simulator.port=" + simulatorPort));
        for (String setting : settings) {
            command.add("--" + setting);
        }
        return new PlatformProcess(workDir, command, environment, httpPort, simulatorPort);
    }

    int port() {
        return httpPort;
    }

    /** The built-in simulator's base URL (its admin API shows what the exchange holds). */
    String simulatorUrl() {
        return "http://127.0.0.1:" + simulatorPort;
    }

    Path workDir() {
        return workDir;
    }

    Path log() {
        return log;
    }

    /** Starts the jar (the previous process must be gone). */
    void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        starts++;
        log = workDir.resolve("run-" + starts + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** True once the readiness probe answers UP; false while starting, or when the process is gone. */
    boolean isReady() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** kill -9: no shutdown hook, no flush; whatever the JVM started is left behind as a crash leaves it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the JVM did not die on SIGKILL");
        }
    }

    /** SIGTERM, as a service manager stops it; the exit code, or empty when it did not exit in time. */
    Optional<Integer> terminate(Duration within) throws InterruptedException {
        process.destroy();
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)
                ? Optional.of(process.exitValue())
                : Optional.empty();
    }

    /** Leaves nothing running, whatever state the test ended in. */
    void forceStop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
