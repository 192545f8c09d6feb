package dev.trenddesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crashed run's pid file is cleared; a live one protects the data directory from a second server. */
class EmbeddedDataDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void stalePidFileOfAGoneProcessIsRemoved() throws IOException {
        Files.writeString(dir.resolve("postmaster.pid"), "2147483646\n/some/dir\n");
        DatabaseConfiguration.removeStalePidFile(dir);
        assertThat(dir.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void pidFileOfALiveProcessRefusesTheStart() throws IOException {
        Files.writeString(dir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n/some/dir\n");
        assertThatThrownBy(() -> DatabaseConfiguration.removeStalePidFile(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is in use by process " + ProcessHandle.current().pid());
        assertThat(dir.resolve("postmaster.pid")).exists();
    }

    @Test
    void noPidFileIsNothingToDo() throws IOException {
        DatabaseConfiguration.removeStalePidFile(dir);
        assertThat(dir).isEmptyDirectory();
    }
}
