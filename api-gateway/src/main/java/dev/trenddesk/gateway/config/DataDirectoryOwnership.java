package dev.trenddesk.gateway.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who owns an embedded data directory, decided before the server starts. The TrendDesk process
 * that runs the server holds a lock on {@code epg-lock} for as long as it lives, and the operating
 * system releases it when that process dies however it dies. So: lock held, the owner is alive and
 * the start is refused; lock free but a postgres still running on the directory, its owner was
 * killed and the postgres is an orphan, stopped cleanly here so that the start can proceed.
 */
final class DataDirectoryOwnership {

    static final String LOCK_FILE = "epg-lock";

    private static final Logger log = LoggerFactory.getLogger(DataDirectoryOwnership.class);

    private DataDirectoryOwnership() {}

    /** Refuses the start if a live TrendDesk owns {@code dataDir}; stops an orphaned postgres on it. */
    static void claim(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            // never started (initdb wants an empty directory), or by something else than TrendDesk
            clearPidFile(dataDir);
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel)) {
            if (lock == null) {
                throw new IllegalStateException("the embedded PostgreSQL data directory " + dataDir + " is in use by"
                        + Postmaster.pidOf(dataDir)
                                .map(pid -> " process " + pid)
                                .orElse(" another process")
                        + " of a running TrendDesk; stop that TrendDesk or set trenddesk.database.embedded.data-dir"
                        + " to another directory");
            }
            clearPidFile(dataDir);
        }
    }

    /** Stops the postgres named by the pid file (its owner is gone), or removes a stale pid file. */
    private static void clearPidFile(Path dataDir) throws IOException {
        Optional<Postmaster> orphan = Postmaster.of(dataDir);
        if (orphan.isPresent()) {
            log.warn(
                    "PostgreSQL (pid {}) still runs on {} although the TrendDesk that started it is gone;"
                            + " stopping it",
                    orphan.get().pid(),
                    dataDir);
            orphan.get().stop();
            log.info("Stopped the orphaned PostgreSQL (pid {})", orphan.get().pid());
        } else if (Postmaster.pidOf(dataDir).isPresent()) {
            log.warn("Removing the stale {} of a PostgreSQL that is gone", Postmaster.pidFile(dataDir));
            Files.deleteIfExists(Postmaster.pidFile(dataDir));
        }
    }

    /** null when another process, or another start in this process, holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }
}
