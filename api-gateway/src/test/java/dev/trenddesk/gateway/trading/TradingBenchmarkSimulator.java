package dev.trenddesk.gateway.trading;

import dev.trenddesk.simulator.SimulatorMain;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where the trading benchmark's simulator runs: {@code -Dtrading.benchmark.simulator=builtin} (the
 * default: the application's built-in simulator, in the measuring JVM) or {@code process} — the
 * standalone simulator ({@link SimulatorMain}, the main of the jar the cluster test starts) in a JVM of
 * its own, from this JVM's class path, STEPPED, memory only, with or without rate limits; the
 * application then points {@code trenddesk.exchange.base-url} / {@code ws-url} at it, and the heap and
 * CPU the benchmark counts are TrendDesk's own (and the test client's).
 */
final class TradingBenchmarkSimulator {

    private static final String MODE = System.getProperty("trading.benchmark.simulator", "builtin");

    private static Process process;
    private static String baseUrl;

    private TradingBenchmarkSimulator() {}

    static boolean inProcess() {
        return "process".equalsIgnoreCase(MODE);
    }

    /**
     * With {@code process}: starts the simulator (once per test JVM) and points the application at it.
     * With {@code builtin}: nothing (the built-in simulator starts with the application).
     */
    static synchronized void register(DynamicPropertyRegistry registry, boolean rateLimits) {
        if (!inProcess()) {
            if (!"builtin".equalsIgnoreCase(MODE)) {
                throw new IllegalArgumentException(
                        "trading.benchmark.simulator must be builtin or process, not " + MODE);
            }
            return;
        }
        if (process == null) {
            start(rateLimits);
        }
        String url = baseUrl;
        registry.add("trenddesk.exchange.base-url", () -> url);
        registry.add("trenddesk.exchange.ws-url", () -> url.replace("http://", "ws://") + "/swap-market");
    }

    /** The simulator process's base URL, or empty with the built-in simulator. */
    static Optional<String> baseUrl() {
        return Optional.ofNullable(baseUrl);
    }

    /** The simulator process's resident memory in MiB (from /proc), or -1 when unknown. */
    static long residentMib() {
        if (process == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException unknown) {
            return -1;
        }
        return -1;
    }

    private static void start(boolean rateLimits) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = Path.of(System.getProperty("trenddesk.test.build-dir", "target"), "trading-bench-simulator.log")
                    .toAbsolutePath();
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + System.getProperty("trading.benchmark.simulator-heap", "2g"),
                    "-cp",
                    System.getProperty("java.class.path"),
                    SimulatorMain.class.getName(),
                    "--port",
                    Integer.toString(port),
                    "--host",
                    "127.0.0.1",
                    "--stepped"));
            if (!rateLimits) {
                command.add("--no-rate-limits");
            }
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "trading-bench-simulator-stop"));
            baseUrl = "http://127.0.0.1:" + port;
            awaitClock(log);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the simulator process", e);
        }
    }

    private static void awaitClock(Path log) throws IOException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the simulator process exited:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> clock = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/sim/clock"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (clock.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the simulator process did not answer within 60 s; see " + log);
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }
}
