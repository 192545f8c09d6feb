package dev.trenddesk.gateway.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU spent during a window (figures for the benchmarks, not assertions): this JVM's process CPU, its
 * threads' CPU by name with digits folded ({@code EventProcessor[audit]-0} → {@code EventProcessor[audit]-#}),
 * its garbage collector's and JIT compilers' ({@code vm gc}, {@code vm jit}), and PostgreSQL's (the postmaster,
 * its live backends and the backends that ended, from {@code /proc}; Linux only, else -1). Threads that end
 * inside the window are in the process figure but not in the groups.
 */
public final class CpuWindow {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final long postmasterPid;
    private final long processStart;
    private final Map<String, Double> postgresStart;
    private final Map<Long, Long> threadStart = new HashMap<>();
    private final Map<String, Double> vmStart;

    private CpuWindow(long postmasterPid) {
        this.postmasterPid = postmasterPid;
        this.processStart = processCpuNanos();
        this.postgresStart = postgres(postmasterPid);
        this.vmStart = vmThreads();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (long id : threads.getAllThreadIds()) {
            threadStart.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
    }

    public static CpuWindow start(long postmasterPid) {
        return new CpuWindow(postmasterPid);
    }

    /** Seconds of CPU since the start: {@code jvm}, {@code postgres} and one entry per thread group. */
    public Map<String, Double> end() {
        Map<String, Double> out = new HashMap<>();
        out.put("jvm", (processCpuNanos() - processStart) / 1e9);
        Map<String, Double> postgres = postgres(postmasterPid);
        out.put(
                "postgres",
                postgres.isEmpty() || postgresStart.isEmpty() ? -1 : total(postgres) - total(postgresStart));
        // by process: backends (one per connection), the ones that ended, autovacuum, WAL writer, ...
        postgres.forEach(
                (name, seconds) -> out.put("postgres " + name, seconds - postgresStart.getOrDefault(name, 0.0)));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long now = threads.getThreadCpuTime(id);
            if (info == null || now < 0) {
                continue;
            }
            String group = "thread " + info.getThreadName().replaceAll("\\d+", "#");
            out.merge(group, (now - threadStart.getOrDefault(id, 0L)) / 1e9, Double::sum);
        }
        vmThreads().forEach((name, seconds) -> out.put(name, seconds - vmStart.getOrDefault(name, 0.0)));
        return out;
    }

    /**
     * The JVM's own threads, which ThreadMXBean does not list: the garbage collector's ({@code vm gc}) and the JIT
     * compilers' ({@code vm jit}), from {@code /proc/self/task}; empty when it cannot be read.
     */
    private static Map<String, Double> vmThreads() {
        Map<String, Double> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name;
                long[] cpu;
                try {
                    name = Files.readString(task.resolve("comm")).trim();
                    cpu = stat(task);
                } catch (IOException gone) {
                    continue;
                }
                String group = name.startsWith("GC Thread") || name.startsWith("G1 ")
                        ? "vm gc"
                        : name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? "vm jit" : null;
                if (group != null && cpu != null) {
                    out.merge(group, (cpu[0] + cpu[1]) / TICKS_PER_SECOND, Double::sum);
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    private static double total(Map<String, Double> byProcess) {
        return byProcess.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * Seconds of CPU of the postmaster, its live children by process title ({@code backend} for the connections'
     * processes) and its ended children ({@code ended children}); empty when {@code /proc} cannot be read.
     */
    private static Map<String, Double> postgres(long postmaster) {
        Map<String, Double> out = new HashMap<>();
        try {
            long[] own = stat(postmaster);
            out.put("postmaster", (own[0] + own[1]) / TICKS_PER_SECOND);
            out.put("ended children", (own[2] + own[3]) / TICKS_PER_SECOND);
            try (Stream<Path> all = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    long[] child = stat(Long.parseLong(name));
                    if (child != null && child[4] == postmaster) {
                        out.merge(title(p), (child[0] + child[1]) / TICKS_PER_SECOND, Double::sum);
                    }
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /** "backend" for a connection's process ("postgres: user db host(port) state"), else its title. */
    private static String title(Path process) {
        try {
            String cmdline = Files.readString(process.resolve("cmdline"))
                    .replace('\0', ' ')
                    .trim();
            String title = cmdline.startsWith("postgres: ") ? cmdline.substring(10) : cmdline;
            return title.matches("\\S+ \\S+ \\S+\\(\\d+\\).*") ? "backend" : title.replaceAll("\\d+", "#");
        } catch (IOException e) {
            return "gone";
        }
    }

    /** utime, stime, cutime, cstime, ppid of a process, or null when it is gone. */
    private static long[] stat(long pid) {
        return stat(Path.of("/proc", Long.toString(pid)));
    }

    private static long[] stat(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            // fields after the command name, which is in parentheses and may contain spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {
                Long.parseLong(f[11]),
                Long.parseLong(f[12]),
                Long.parseLong(f[13]),
                Long.parseLong(f[14]),
                Long.parseLong(f[1])
            };
        } catch (IOException e) {
            return null;
        }
    }
}
