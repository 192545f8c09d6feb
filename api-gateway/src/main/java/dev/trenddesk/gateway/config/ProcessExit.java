package dev.trenddesk.gateway.config;

import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * How TrendDesk ends itself when it cannot go on (the embedded database died under it). Tests
 * replace it with a bean of this type that records the call instead.
 */
@FunctionalInterface
interface ProcessExit {

    /** How long the graceful shutdown may take before the process is halted. */
    Duration HALT_AFTER = Duration.ofSeconds(20);

    void exit(int status);

    /**
     * {@link System#exit}: the shutdown hooks stop the application gracefully. Without its database
     * that stop may wait on connections that never come, so the process is halted if it is still
     * there after {@link #HALT_AFTER}; either way it never lingers holding its locks.
     */
    ProcessExit JVM = status -> {
        Thread halt = new Thread(
                () -> {
                    try {
                        Thread.sleep(HALT_AFTER);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    LoggerFactory.getLogger(ProcessExit.class)
                            .error("Graceful shutdown took longer than {}; halting", HALT_AFTER);
                    Runtime.getRuntime().halt(status);
                },
                "trenddesk-halt");
        halt.setDaemon(true);
        halt.start();
        new Thread(() -> System.exit(status), "trenddesk-exit").start();
    };
}
