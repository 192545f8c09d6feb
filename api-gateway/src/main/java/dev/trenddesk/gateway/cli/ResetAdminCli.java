package dev.trenddesk.gateway.cli;

import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.Password;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserCommands.ChangeRole;
import dev.trenddesk.api.user.UserCommands.ReactivateUser;
import dev.trenddesk.api.user.UserCommands.ResetPassword;
import dev.trenddesk.api.user.UserCommands.UnlockUser;
import dev.trenddesk.command.user.UserDirectory;
import dev.trenddesk.gateway.bootstrap.BootstrapUsers;
import dev.trenddesk.gateway.config.AxonConfiguration;
import dev.trenddesk.gateway.config.DatabaseConfiguration;
import dev.trenddesk.gateway.config.RoleConfigurations;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Break-glass: {@code java -jar trenddesk.jar reset-admin --username U} with the platform stopped
 * makes the existing user U an active admin (role admin, reactivated, unlocked) and sets a new
 * password: a random one printed once, or TRENDDESK_ADMIN_PASSWORD when set. It creates nobody.
 * The database is opened as verify-audit opens it (the embedded one of the local mode, refused
 * while a running TrendDesk owns it, or {@code --spring.datasource.url=...}), and the change goes
 * through the normal command path with actor {@code system:reset-admin}, role {@code system},
 * IP {@code cli}, so it is in the event store and the audit log like any admin's change.
 * Exit code 0 when done, 2 when nothing could be done (unknown or erased user, a password the
 * policy refuses, a database that cannot be opened).
 */
public final class ResetAdminCli {

    public static final String ACTOR = "system:reset-admin";
    static final String PASSWORD_VARIABLE = "TRENDDESK_ADMIN_PASSWORD";

    private ResetAdminCli() {}

    /** Only the command side: its aggregates, set-based validation and Axon on the database; no web, no processors. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({
        DatabaseConfiguration.class,
        AxonConfiguration.class,
        RoleConfigurations.KeyVault.class,
        RoleConfigurations.CommandRole.class
    })
    static class CommandPath {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String username = null;
        List<String> options = new ArrayList<>();
        for (int i = Math.min(1, args.length); i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                usage(out);
                return 0;
            } else if (arg.equals("--username") && i + 1 < args.length) {
                username = args[++i];
            } else if (arg.startsWith("--username=")) {
                username = arg.substring("--username=".length());
            } else if (arg.startsWith("--") && arg.contains("=")) {
                options.add(arg);
            } else {
                err.println("reset-admin: unknown argument '" + arg + "'");
                usage(err);
                return 2;
            }
        }
        if (username == null || username.isBlank()) {
            err.println("reset-admin: --username is required");
            usage(err);
            return 2;
        }
        String given = env.get(PASSWORD_VARIABLE);
        boolean generated = given == null || given.isBlank();
        Password password = new Password(generated ? BootstrapUsers.generatePassword() : given);

        // a trading platform does not call home, not even from a command-line tool (see TrendDeskApplication)
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        options.add("--trenddesk.roles=command");
        options.add("--db-scheduler.enabled=false");
        options.add("--logging.level.root=warn");
        options.add("--spring.main.banner-mode=off");
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(CommandPath.class)
                    .web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .run(options.toArray(String[]::new));
        } catch (RuntimeException e) {
            err.println("reset-admin: cannot open the database: " + VerifyAuditCli.rootMessage(e));
            return 2;
        }
        try (context) {
            Optional<UserId> found = context.getBean(UserDirectory.class).idOfUsername(username);
            if (found.isEmpty()) {
                err.println("reset-admin: no user named '" + username + "'; reset-admin makes an existing user an "
                        + "admin and creates nobody");
                return 2;
            }
            UserId id = found.get();
            CommandGateway commands = context.getBean(CommandGateway.class);
            Clock clock = context.getBean(Clock.class);
            String traceId = "reset-admin-" + UUID.randomUUID();
            // the password first: it is what the policy may refuse, and then nothing else has changed
            send(commands, new ResetPassword(id, password, clock.instant()), traceId);
            send(commands, new ChangeRole(id, Role.ADMIN, clock.instant()), traceId);
            send(commands, new ReactivateUser(id, clock.instant()), traceId);
            send(commands, new UnlockUser(id, clock.instant()), traceId);
            out.println("reset-admin: " + username + " is an active admin (audited as " + ACTOR + ", trace " + traceId
                    + ")");
            if (generated) {
                out.println("reset-admin: new password for " + username + " (shown only now): " + password.value());
            } else {
                out.println("reset-admin: the password of " + username + " is now the one in " + PASSWORD_VARIABLE);
            }
            return 0;
        } catch (InvalidInputException e) {
            err.println("reset-admin: " + (generated ? "" : "the password in " + PASSWORD_VARIABLE + " is refused: ")
                    + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("reset-admin: " + username + " cannot be made an admin: " + VerifyAuditCli.rootMessage(e));
            return 2;
        }
    }

    private static void send(CommandGateway commands, Object command, String traceId) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.from(Map.of(
                        AxonConfiguration.ACTOR_ID,
                        ACTOR,
                        AxonConfiguration.ACTOR_ROLE,
                        "system",
                        AxonConfiguration.CLIENT_IP,
                        "cli",
                        AxonConfiguration.TRACE_ID,
                        traceId))));
    }

    private static void usage(PrintStream stream) {
        stream.println("usage: reset-admin --username U [--spring.datasource.url=jdbc:postgresql://host:port/db "
                + "--spring.datasource.username=... --spring.datasource.password=...]");
        stream.println("       makes the existing user U an active admin with a new password (printed once, or "
                + PASSWORD_VARIABLE + " when set); stop the platform first");
    }
}
