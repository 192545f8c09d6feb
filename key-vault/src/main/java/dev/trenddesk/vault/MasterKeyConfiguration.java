package dev.trenddesk.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the master key comes from. {@code trenddesk.security.master-key} (environment variable
 * {@code TRENDDESK_MASTER_KEY}): 32 random bytes, base64. Previous master keys, comma-separated,
 * in {@code trenddesk.security.previous-master-keys} ({@code TRENDDESK_MASTER_KEY_PREVIOUS}) while
 * a master-key change is under way. Without a master key: in local mode
 * ({@code trenddesk.exchange.environment=sim}) one is generated into
 * {@code trenddesk.security.master-key-file} (created 0600) with one warning, and read from there on
 * later starts; with {@code vst} or {@code live} the platform refuses to start.
 */
@Configuration(proxyBeanMethods = false)
public class MasterKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyConfiguration.class);

    @Bean
    MasterKeyRing masterKeyRing(
            @Value("${trenddesk.security.master-key:}") String masterKey,
            @Value("${trenddesk.security.previous-master-keys:}") String previous,
            @Value("${trenddesk.security.master-key-file:./data/master.key}") String keyFile,
            @Value("${trenddesk.exchange.environment:sim}") String environment) {
        byte[] current = masterKey == null || masterKey.isBlank()
                ? localKey(Path.of(keyFile), environment)
                : MasterKeyRing.parse(masterKey, "TRENDDESK_MASTER_KEY");
        MasterKeyRing ring =
                MasterKeyRing.of(current, MasterKeyRing.parseList(previous, "TRENDDESK_MASTER_KEY_PREVIOUS"));
        log.info("Key vault master key {}", ring.current().id());
        return ring;
    }

    static byte[] localKey(Path file, String environment) {
        if (!"sim".equals(environment.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException("TRENDDESK_MASTER_KEY is required when trenddesk.exchange.environment is "
                    + environment + ": set it to 32 random bytes, base64-encoded (e.g. `openssl rand -base64 32`), "
                    + "and keep it safe; without it stored exchange credentials cannot be read");
        }
        Path path = file.toAbsolutePath().normalize();
        try {
            if (!Files.exists(path)) {
                byte[] generated = new byte[MasterKeyRing.KEY_BYTES];
                new SecureRandom().nextBytes(generated);
                Files.createDirectories(path.getParent());
                try {
                    writeOwnerOnly(path, Base64.getEncoder().encodeToString(generated) + "\n");
                    log.warn(
                            "No TRENDDESK_MASTER_KEY given: generated a local master key into {} (mode 0600). "
                                    + "Fine for local demo mode only; back this file up with the database, or set "
                                    + "TRENDDESK_MASTER_KEY.",
                            path);
                    return generated;
                } catch (FileAlreadyExistsException raced) {
                    // another node of this machine wrote it first: use theirs
                }
            }
            return MasterKeyRing.parse(
                    Files.readString(path, StandardCharsets.US_ASCII), "the master key file " + path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the local master key file " + path, e);
        }
    }

    private static void writeOwnerOnly(Path path, String content) throws IOException {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            Files.createFile(path, PosixFilePermissions.asFileAttribute(ownerOnly));
        } else {
            Files.createFile(path);
        }
        Files.writeString(path, content, StandardCharsets.US_ASCII);
    }
}
