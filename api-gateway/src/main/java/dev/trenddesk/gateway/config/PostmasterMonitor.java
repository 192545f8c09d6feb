package dev.trenddesk.gateway.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the embedded PostgreSQL from inside TrendDesk. If it dies while TrendDesk did not stop it
 * (killed, crashed, out of memory), TrendDesk cannot do anything useful any more and must not sit
 * there holding its locks and answering nothing: it logs one clear error and exits with status 1,
 * so that a supervisor or the user starts it again.
 */
final class PostmasterMonitor implements AutoCloseable {

    static final int EXIT_STATUS = 1;

    private static final Logger log = LoggerFactory.getLogger(PostmasterMonitor.class);

    private final ProcessHandle postmaster;
    private final ProcessExit exit;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embedded-postgres-monitor");
        thread.setDaemon(true);
        return thread;
    });

    private PostmasterMonitor(ProcessHandle postmaster, ProcessExit exit) {
        this.postmaster = postmaster;
        this.exit = exit;
    }

    static PostmasterMonitor start(ProcessHandle postmaster, ProcessExit exit, Duration interval) {
        PostmasterMonitor monitor = new PostmasterMonitor(postmaster, exit);
        monitor.timer.scheduleWithFixedDelay(
                monitor::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return monitor;
    }

    void check() {
        if (postmaster.isAlive() || stopped.getAndSet(true)) {
            return;
        }
        log.error(
                "The embedded PostgreSQL (pid {}) stopped unexpectedly; TrendDesk is exiting — start it again"
                        + " with the same command",
                postmaster.pid());
        timer.shutdown();
        exit.exit(EXIT_STATUS);
    }

    /** TrendDesk stops PostgreSQL itself: from now on its end is expected. */
    @Override
    public void close() {
        stopped.set(true);
        timer.shutdownNow();
    }
}
