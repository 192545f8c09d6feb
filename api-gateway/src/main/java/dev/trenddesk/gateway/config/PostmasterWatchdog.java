package dev.trenddesk.gateway.config;

import java.io.File;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pg_ctl starts PostgreSQL as a daemon, so it outlives a TrendDesk killed with kill -9 (or by the
 * OOM killer, or a crash) and would keep its data directory locked. The watchdog is a tiny shell
 * process tied to both: once a second it checks that TrendDesk and PostgreSQL are alive; when
 * TrendDesk is gone it stops PostgreSQL the fast way (SIGINT, SIGQUIT if it will not stop within
 * 30 s); when PostgreSQL stopped (TrendDesk stopped it) it exits. It ignores SIGINT and SIGHUP: a
 * Ctrl-C in the terminal reaches the whole foreground process group, and PostgreSQL must stay up
 * until TrendDesk's own graceful stop has finished with it. There is no /bin/sh on Windows, so
 * there is no watchdog there; the start-time check ({@link DataDirectoryOwnership}) still stops an
 * orphaned PostgreSQL at the next start.
 */
final class PostmasterWatchdog {

    static final String SCRIPT = """
            trap '' INT HUP
            jvm=$1; postmaster=$2
            while kill -0 "$jvm" 2>/dev/null && kill -0 "$postmaster" 2>/dev/null; do sleep 1; done
            kill -0 "$postmaster" 2>/dev/null || exit 0
            kill -INT "$postmaster"
            waited=0
            while kill -0 "$postmaster" 2>/dev/null && [ "$waited" -lt 30 ]; do sleep 1; waited=$((waited + 1)); done
            kill -0 "$postmaster" 2>/dev/null && kill -QUIT "$postmaster"
            exit 0
            """;

    private static final Logger log = LoggerFactory.getLogger(PostmasterWatchdog.class);
    private static final File SHELL = new File("/bin/sh");

    private PostmasterWatchdog() {}

    /** Starts the watchdog of {@code postmasterPid} for this JVM; empty where there is no /bin/sh. */
    static Optional<Process> start(long postmasterPid) throws IOException {
        if (!SHELL.canExecute()) {
            log.warn("No /bin/sh here, so no watchdog stops the embedded PostgreSQL if TrendDesk is killed;"
                    + " the next start stops it instead");
            return Optional.empty();
        }
        Process watchdog = new ProcessBuilder(
                        SHELL.getPath(),
                        "-c",
                        SCRIPT,
                        "trenddesk-postgres-watchdog",
                        Long.toString(ProcessHandle.current().pid()),
                        Long.toString(postmasterPid))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        log.debug("Embedded PostgreSQL watchdog started (pid {})", watchdog.pid());
        return Optional.of(watchdog);
    }
}
