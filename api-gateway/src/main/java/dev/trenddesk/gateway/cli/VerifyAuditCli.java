package dev.trenddesk.gateway.cli;

import dev.trenddesk.api.audit.AuditVerification;
import dev.trenddesk.gateway.config.DatabaseConfiguration;
import dev.trenddesk.query.audit.AuditChain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code java -jar trenddesk.jar verify-audit [--spring.datasource.url=... --spring.datasource.username=...
 * --spring.datasource.password=...]}: walks the audit log's hash chain in the database and names
 * the first broken link. Exit code 0 when the chain is intact, 1 when it is broken, 2 when it
 * cannot check. Without a database URL it opens the local mode's embedded database
 * ({@code trenddesk.database.embedded.data-dir}), which must not be in use by a running platform.
 */
public final class VerifyAuditCli {

    private VerifyAuditCli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> options = new ArrayList<>(Arrays.asList(args).subList(Math.min(1, args.length), args.length));
        if (options.stream().anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
            out.println("usage: verify-audit [--spring.datasource.url=jdbc:postgresql://host:port/db "
                    + "--spring.datasource.username=... --spring.datasource.password=...]");
            out.println("       without a URL the embedded database of the local mode is opened (stop the platform first)");
            return 0;
        }
        boolean external = options.stream().anyMatch(a -> a.startsWith("--spring.datasource.url="))
                || System.getenv("SPRING_DATASOURCE_URL") != null;
        if (!external) {
            Optional<String> busy = embeddedInUse(options);
            if (busy.isPresent()) {
                err.println("verify-audit: " + busy.get());
                return 2;
            }
        }
        options.add("--logging.level.root=warn");
        options.add("--spring.main.banner-mode=off");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DatabaseConfiguration.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(options.toArray(String[]::new))) {
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            AuditVerification result = AuditChain.verify(jdbc);
            if (result.intact()) {
                out.println("audit chain intact: " + result.rowsChecked() + " rows verified");
                return 0;
            }
            out.println("audit chain BROKEN at seq " + result.firstBrokenSeq() + " (event " + result.firstBrokenEventId()
                    + "): " + result.reason() + "; " + (result.rowsChecked() - 1) + " rows before it are intact");
            return 1;
        } catch (RuntimeException e) {
            err.println("verify-audit: cannot check the audit log: " + e.getMessage());
            return 2;
        }
    }

    /** The embedded database is in use when its postmaster.pid names a live process. */
    private static Optional<String> embeddedInUse(List<String> options) {
        String dataDir = options.stream().filter(a -> a.startsWith("--trenddesk.database.embedded.data-dir="))
                .map(a -> a.substring(a.indexOf('=') + 1)).findFirst().orElse("./data/postgres");
        Path pidFile = Path.of(dataDir).resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
            if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of("the embedded database in " + Path.of(dataDir).toAbsolutePath()
                        + " is in use (PostgreSQL pid " + pid + "): stop the platform, or pass "
                        + "--spring.datasource.url=jdbc:postgresql://localhost:<port>/postgres of the running database");
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
