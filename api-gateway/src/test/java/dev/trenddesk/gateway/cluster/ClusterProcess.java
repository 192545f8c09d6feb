package dev.trenddesk.gateway.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One process of the cluster test (PostgreSQL, the simulator, HAProxy, a TrendDesk node), started with
 * the same command every time; each start writes its own log file into the process's folder. Every
 * instance is registered so that a JVM shutdown hook stops whatever is still running, even when the test
 * is interrupted.
 */
final class ClusterProcess {

    private static final List<ClusterProcess> ALL = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ClusterProcess::stopAll, "cluster-it-cleanup"));
    }

    private final String name;
    private final Path dir;
    private final List<String> command;
    private final Map<String, String> environment;
    private Process process;
    private Path log;
    private int starts;

    ClusterProcess(String name, Path dir, List<String> command, Map<String, String> environment) throws IOException {
        this.name = name;
        this.dir = Files.createDirectories(dir);
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        ALL.add(this);
    }

    String name() {
        return name;
    }

    Path dir() {
        return dir;
    }

    Path log() {
        return log;
    }

    synchronized void start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        starts++;
        log = dir.resolve(name + "-" + starts + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /** The running process, empty before the first start. */
    synchronized Optional<ProcessHandle> handle() {
        return process == null ? Optional.empty() : Optional.of(process.toHandle());
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** kill -9 of the process and of everything it started. */
    synchronized void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not die on SIGKILL");
        }
    }

    /** SIGTERM; the exit code, or empty when it did not exit within {@code within}. */
    Optional<Integer> terminate(Duration within) throws InterruptedException {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null) {
            return Optional.empty();
        }
        current.destroy();
        return current.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)
                ? Optional.of(current.exitValue())
                : Optional.empty();
    }

    /** SIGTERM, then SIGKILL after a short while: leaves nothing of this process running. */
    void stop() {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null || !current.isAlive()) {
            return;
        }
        try {
            current.destroy();
            if (!current.waitFor(20, TimeUnit.SECONDS)) {
                current.descendants().forEach(ProcessHandle::destroyForcibly);
                current.destroyForcibly();
                current.waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
    }

    /** Stops every process of every cluster test in this JVM, the most recently created first. */
    static void stopAll() {
        List<ClusterProcess> reversed = List.copyOf(ALL).reversed();
        for (ClusterProcess p : reversed) {
            p.stop();
        }
        ALL.clear();
    }

    String tail(int lines) {
        if (log == null || !Files.exists(log)) {
            return "";
        }
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
