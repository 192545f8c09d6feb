package dev.trenddesk.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * {@code <dataDirectory>/state.json}: one JSON snapshot, replaced atomically. A write goes to
 * {@code state.json.tmp} in the same directory, is fsynced, renamed over {@code state.json} (atomic
 * move) and the directory is fsynced, so a reader only ever sees a whole old or a whole new file; a
 * temp file left by a crash is never read and is overwritten by the next write.
 */
final class StateFile {

    static final String FILE_NAME = "state.json";
    private static final String TEMP_NAME = FILE_NAME + ".tmp";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private final Path directory;
    private final Path file;

    StateFile(Path directory) {
        this.directory = directory.toAbsolutePath();
        this.file = this.directory.resolve(FILE_NAME);
    }

    Path path() {
        return file;
    }

    /**
     * The saved state, or empty when none was ever written.
     *
     * @throws IllegalStateException naming the file when it exists but cannot be read, is not valid
     *                               JSON of this format, or has another format version
     */
    Optional<SavedState> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode tree = JSON.readTree(Files.readAllBytes(file));
            if (tree == null || !tree.isObject()) {
                throw new IOException("not a JSON object");
            }
            int version = tree.path("formatVersion").asInt(-1);
            if (version != SavedState.FORMAT_VERSION) {
                throw new IOException("format version " + (version < 0 ? "missing" : version)
                        + ", this simulator reads version " + SavedState.FORMAT_VERSION);
            }
            // version-1 files written before accounts had an IP whitelist: none, as then
            tree.path("accounts").forEach(account -> {
                if (account instanceof com.fasterxml.jackson.databind.node.ObjectNode object
                        && !object.has("ipWhitelist")) {
                    object.putArray("ipWhitelist");
                }
                // and before accounts could have their own place-order answer: the configured one
                if (account instanceof com.fasterxml.jackson.databind.node.ObjectNode object
                        && !object.has("placeAnswer")) {
                    object.putNull("placeAnswer");
                }
                // and orders before acknowledged answers: none of them pending
                account.path("orders").forEach(order -> {
                    if (order instanceof com.fasterxml.jackson.databind.node.ObjectNode object
                            && !object.has("fillAt")) {
                        object.put("fillAt", 0L);
                    }
                });
            });
            // written before fills were kept (none) and before trigger orders existed (no trigger state)
            tree.path("accounts").forEach(account -> {
                if (account instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                    if (!object.has("fills")) {
                        object.putArray("fills");
                    }
                    object.path("orders").forEach(order -> {
                        if (order instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                            if (!o.has("triggerRising")) {
                                o.putNull("triggerRising");
                            }
                            if (!o.has("triggered")) {
                                o.put("triggered", false);
                            }
                        }
                    });
                }
            });
            SavedState state = JSON.treeToValue(tree, SavedState.class);
            if (state.market() == null || state.accounts() == null) {
                throw new IOException("market or accounts missing");
            }
            return Optional.of(state);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot restore the BingX simulator from " + file + ": " + e.getMessage()
                            + " (fix or move the file away; the simulator does not start empty over saved state)",
                    e);
        }
    }

    /** Writes {@code state} durably and atomically; an I/O failure is thrown as UncheckedIOException. */
    void write(SavedState state) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(state);
            createOwnerOnly(directory, true);
            Path temp = directory.resolve(TEMP_NAME);
            createOwnerOnly(temp, false);
            // a stream, not a channel: an interrupted thread must not abort the write half-way
            try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                out.write(bytes);
                out.getFD().sync();
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + directory + " cannot rename atomically", e);
            }
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the BingX simulator state to " + file, e);
        }
    }

    /**
     * The state holds every account's API secret: the folder and the file are the owner's alone
     * (0700 / 0600) where the file system has POSIX permissions.
     */
    private static void createOwnerOnly(Path path, boolean isDirectory) throws IOException {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            if (isDirectory) {
                Files.createDirectories(path);
            }
            return;
        }
        if (isDirectory) {
            Files.createDirectories(path);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        } else if (!Files.exists(path)) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Makes the rename itself durable (Linux, macOS); some platforms cannot open a directory: skipped. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // not supported here (e.g. Windows); the rename is still atomic
        }
    }
}
