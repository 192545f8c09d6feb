package dev.trenddesk.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's two logins: the bootstrap superuser {@code postgres}, used only to set the
 * server up, and the application's role, which owns the schema and nothing more. Generated at the
 * first start and kept in a properties file readable by the owner only (0600), beside the data
 * directory rather than inside it, so that a copy of the data directory carries no passwords.
 */
record EmbeddedPasswords(String superuserPassword, String appRole, String appPassword) {

    public static final String SUPERUSER = "postgres";
    static final String DEFAULT_APP_ROLE = "trenddesk";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPasswords.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The password file of a data directory: {@code ./data/postgres} keeps its passwords in {@code ./data/postgres-passwords.properties}. */
    public static Path fileFor(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + "-passwords.properties");
    }

    /** Reads the passwords of {@code file}, or creates the file with new random passwords. */
    public static EmbeddedPasswords loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            tightenPermissions(file);
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            return new EmbeddedPasswords(
                    required(properties, "superuser.password", file),
                    properties.getProperty("app.username", DEFAULT_APP_ROLE),
                    required(properties, "app.password", file));
        }
        EmbeddedPasswords created = new EmbeddedPasswords(randomPassword(), DEFAULT_APP_ROLE, randomPassword());
        created.write(file);
        log.info(
                "Generated the embedded PostgreSQL passwords in {} (readable by you only; keep it with the data)",
                file);
        return created;
    }

    private void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (posix()) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(temporary);
        }
        try (Writer writer = Files.newBufferedWriter(temporary)) {
            writer.write("""
                    # TrendDesk's embedded PostgreSQL logins, generated at its first start (scram-sha-256).
                    # postgres is the bootstrap superuser, used by TrendDesk only to set the server up;
                    # the application connects as app.username, which owns its schema and nothing more.
                    superuser.username=%s
                    superuser.password=%s
                    app.username=%s
                    app.password=%s
                    """.formatted(SUPERUSER, superuserPassword, appRole, appPassword));
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void tightenPermissions(Path file) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            log.warn("{} was readable by others; it is now readable by its owner only", file);
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String required(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + " has no " + key);
        }
        return value.trim();
    }

    static String randomPassword() {
        StringBuilder password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    @Override
    public String toString() {
        return "EmbeddedPasswords[appRole=" + appRole + ", passwords hidden]";
    }
}
