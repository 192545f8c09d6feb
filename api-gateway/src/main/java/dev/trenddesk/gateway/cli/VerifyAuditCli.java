package dev.trenddesk.gateway.cli;

import dev.trenddesk.api.audit.AuditVerification;
import dev.trenddesk.gateway.audit.Ed25519CheckpointSignatures;
import dev.trenddesk.gateway.config.DatabaseConfiguration;
import dev.trenddesk.query.audit.AuditChain;
import dev.trenddesk.vault.MasterKeyConfiguration;
import dev.trenddesk.vault.MasterKeyRing;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * ({@code trenddesk.database.embedded.data-dir}); a running platform owns that directory and the
 * command refuses it, naming the process.
 */
public final class VerifyAuditCli {

    private VerifyAuditCli() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> options = new ArrayList<>(Arrays.asList(args).subList(Math.min(1, args.length), args.length));
        if (options.stream().anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
            out.println("usage: verify-audit [--spring.datasource.url=jdbc:postgresql://host:port/db "
                    + "--spring.datasource.username=... --spring.datasource.password=...]");
            out.println(
                    "       without a URL the embedded database of the local mode is opened (stop the platform first)");
            return 0;
        }
        options.add("--logging.level.root=warn");
        options.add("--spring.main.banner-mode=off");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
                        DatabaseConfiguration.class, MasterKeyConfiguration.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(options.toArray(String[]::new))) {
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            AuditVerification result = AuditChain.verify(
                    jdbc, Ed25519CheckpointSignatures.from(context.getBean(MasterKeyRing.class)), null, null);
            if (result.intact()) {
                out.println("audit chain intact: " + result.rowsChecked() + " rows verified, against "
                        + result.checkpointsChecked() + " signed checkpoints"
                        + (result.latestCheckpointSeq() == null
                                ? ""
                                : " (the newest at row " + result.latestCheckpointSeq() + ")")
                        + (result.unverifiableCheckpoints() == 0
                                ? ""
                                : "; " + result.unverifiableCheckpoints()
                                        + " signed by a retired master key not checked"));
                return 0;
            }
            out.println("audit chain BROKEN at seq " + result.firstBrokenSeq() + " (event "
                    + result.firstBrokenEventId() + "): " + result.reason() + "; " + (result.rowsChecked() - 1)
                    + " rows before it are intact");
            return 1;
        } catch (RuntimeException e) {
            err.println("verify-audit: cannot check the audit log: " + rootMessage(e));
            return 2;
        }
    }

    /** The innermost message: the one that says what is wrong (e.g. the data directory in use by a running TrendDesk). */
    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
