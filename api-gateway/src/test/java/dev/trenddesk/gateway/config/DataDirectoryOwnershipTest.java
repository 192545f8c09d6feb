package dev.trenddesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unit checks of the start-time ownership decision, and of the monitor's reaction, without a server. */
class DataDirectoryOwnershipTest {

    @TempDir
    Path dir;

    @Test
    void aStalePidFileOfAGoneProcessIsRemoved() throws IOException {
        Files.writeString(dir.resolve("postmaster.pid"), "2147483646\n/some/dir\n");
        DataDirectoryOwnership.claim(dir);
        assertThat(dir.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void aPidFileNamingALiveProgramThatIsNoPostgresIsStaleToo() throws IOException {
        // after a reboot the pid of the old postmaster may belong to anything: it must not be signalled
        Files.writeString(dir.resolve("epg-lock"), "");
        Files.writeString(dir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n/some/dir\n");
        DataDirectoryOwnership.claim(dir);
        assertThat(dir.resolve("postmaster.pid")).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void aHeldLockMeansALiveOwnerAndRefusesTheStart() throws IOException {
        Files.writeString(dir.resolve("postmaster.pid"), "4242\n/some/dir\n");
        try (FileChannel channel =
                        FileChannel.open(dir.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            assertThatThrownBy(() -> DataDirectoryOwnership.claim(dir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by process 4242");
        }
        assertThat(dir.resolve("postmaster.pid")).exists();
    }

    @Test
    void noPidFileIsNothingToDo() throws IOException {
        DataDirectoryOwnership.claim(dir);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void pgHbaOfInitdbTrustsAndOursDoesNot() throws IOException {
        Files.writeString(PgHba.file(dir), "# comment\nlocal   all   all   trust\nhost all all 127.0.0.1/32\ttrust\n");
        assertThat(PgHba.requiresPasswords(dir)).isFalse();
        assertThat(PgHba.write(dir)).isTrue();
        assertThat(PgHba.requiresPasswords(dir)).isTrue();
        assertThat(PgHba.write(dir)).as("already written").isFalse();
    }

    @Test
    void theMonitorExitsOnceWhenThePostmasterIsGoneAndNeverAfterItWasClosed() {
        AtomicInteger exits = new AtomicInteger();
        ProcessHandle gone = ProcessHandle.of(2147483646L).orElse(null);
        ProcessHandle dead = gone != null ? gone : deadProcess();
        PostmasterMonitor monitor =
                PostmasterMonitor.start(dead, status -> exits.addAndGet(status * 10 + 1), java.time.Duration.ofDays(1));
        monitor.check();
        monitor.check();
        assertThat(exits).hasValue(PostmasterMonitor.EXIT_STATUS * 10 + 1);

        AtomicInteger closedExits = new AtomicInteger();
        PostmasterMonitor closed =
                PostmasterMonitor.start(dead, status -> closedExits.incrementAndGet(), java.time.Duration.ofDays(1));
        closed.close();
        closed.check();
        assertThat(closedExits).hasValue(0);
    }

    private static ProcessHandle deadProcess() {
        try {
            Process process = new ProcessBuilder("/bin/sh", "-c", "exit 0").start();
            process.waitFor();
            return process.toHandle();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
