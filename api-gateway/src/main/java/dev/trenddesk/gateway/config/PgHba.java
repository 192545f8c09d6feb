package dev.trenddesk.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The embedded server's {@code pg_hba.conf}: password logins (scram-sha-256) from this machine only,
 * nothing trusted. initdb writes trust lines, and data directories of earlier TrendDesk versions
 * still have them; they are replaced at start.
 */
final class PgHba {

    static final String CONTENT = """
            # Written by TrendDesk: password logins (scram-sha-256) from this machine only, none without a password.
            # The passwords are in the -passwords.properties file beside this data directory.
            # TYPE  DATABASE  USER  ADDRESS        METHOD
            local   all       all                  scram-sha-256
            host    all       all   127.0.0.1/32   scram-sha-256
            host    all       all   ::1/128        scram-sha-256
            """;

    private PgHba() {}

    static Path file(Path dataDir) {
        return dataDir.resolve("pg_hba.conf");
    }

    /** Whether the file lets anyone in without a password (or another method than scram-sha-256). */
    static boolean needsRewrite(Path dataDir) throws IOException {
        return !Files.exists(file(dataDir)) || !Files.readString(file(dataDir)).equals(CONTENT);
    }

    /** Whether a login needs a password: the data directory was locked down by this version. */
    static boolean requiresPasswords(Path dataDir) throws IOException {
        if (!Files.exists(file(dataDir))) {
            return false;
        }
        List<String> rules = Files.readAllLines(file(dataDir)).stream()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        return rules.stream().noneMatch(line -> line.matches(".*\\strust$"));
    }

    /** Replaces the file; returns whether it changed (then the server must reload its configuration). */
    static boolean write(Path dataDir) throws IOException {
        if (!needsRewrite(dataDir)) {
            return false;
        }
        Files.writeString(file(dataDir), CONTENT);
        return true;
    }
}
