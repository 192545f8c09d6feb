package dev.trenddesk.gateway.bootstrap;

import dev.trenddesk.api.common.Password;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserCommands.GrantTradingPermission;
import dev.trenddesk.api.user.UserCommands.RegisterUser;
import dev.trenddesk.gateway.config.AxonConfiguration;
import dev.trenddesk.gateway.config.ConditionalOnRole;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * First start with an empty store: creates the admin from TRENDDESK_ADMIN_USERNAME /
 * TRENDDESK_ADMIN_PASSWORD, or generates a strong password and prints it once. In local mode
 * ({@code trenddesk.demo.enabled}) it also creates the demo traders documented in the README.
 */
@Component
@ConditionalOnRole("command")
public class BootstrapUsers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapUsers.class);

    /** The demo traders and their documented passwords (local mode only). */
    public static final Map<String, String> DEMO_TRADERS = Map.of(
            "alice", "alice-demo-password",
            "bob", "bob-demo-password");

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String adminUsername;
    private final String adminPassword;
    private final boolean demo;

    public BootstrapUsers(
            CommandGateway commands,
            JdbcTemplate jdbc,
            Clock clock,
            @Value("${trenddesk.admin.username:admin}") String adminUsername,
            @Value("${trenddesk.admin.password:}") String adminPassword,
            @Value("${trenddesk.demo.enabled:true}") boolean demo) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.clock = clock;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        Integer users = jdbc.queryForObject("select count(*) from user_directory", Integer.class);
        if (users != null && users > 0) {
            return;
        }
        String password = adminPassword;
        boolean generated = !StringUtils.hasText(password);
        if (generated) {
            password = generatePassword();
        }
        register(adminUsername, adminUsername + "@trenddesk.local", Role.ADMIN, password);
        if (generated) {
            // printed once, on the console only: it is in no log file and no event
            System.out.println("""

                    ==================================================================
                     TrendDesk bootstrap admin created
                       username: %s
                       password: %s
                     This password is shown only now. Set TRENDDESK_ADMIN_PASSWORD to
                     choose it yourself on a fresh database.
                    ==================================================================
                    """.formatted(adminUsername, password));
        } else {
            log.info("Bootstrap admin '{}' created with the password from TRENDDESK_ADMIN_PASSWORD", adminUsername);
        }
        if (demo) {
            DEMO_TRADERS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(trader -> {
                UserId id = register(
                        trader.getKey(), trader.getKey() + "@demo.trenddesk.local", Role.TRADER, trader.getValue());
                send(new GrantTradingPermission(id, clock.instant()));
            });
            log.info("Demo traders created: {} (passwords in the README)", DEMO_TRADERS.keySet());
        }
    }

    private UserId register(String username, String email, Role role, String password) {
        UserId id = UserId.random();
        send(new RegisterUser(id, username, email, role, new Password(password), clock.instant()));
        return id;
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.from(Map.of(
                        AxonConfiguration.ACTOR_ID, "system:bootstrap",
                        AxonConfiguration.ACTOR_ROLE, "system",
                        AxonConfiguration.CLIENT_IP, "local",
                        AxonConfiguration.TRACE_ID, "bootstrap"))));
    }

    /** A random 24-character password (about 141 bits), for admins whose password nobody chose. */
    public static String generatePassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
