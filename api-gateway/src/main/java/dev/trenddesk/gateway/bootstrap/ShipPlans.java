package dev.trenddesk.gateway.bootstrap;

import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.notify.NotificationChannel;
import dev.trenddesk.api.plan.PlanCommands;
import dev.trenddesk.api.plan.PlanCommands.ShipPlan;
import dev.trenddesk.api.plan.PlanLimits;
import dev.trenddesk.gateway.config.AxonConfiguration;
import dev.trenddesk.gateway.config.ConditionalOnRole;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates the shipped plans Free, Basic and Pro at the first start (docs/plans.md). Idempotent across restarts and
 * nodes: a plan that exists is left as admins made it (ShipPlan is a no-op then), and two nodes shipping at once
 * collide on the plan's first event, the loser finding it shipped on its retry. The default plan is chosen once,
 * with the plan named by {@code trenddesk.plans.initial-default}, else as {@link #initialDefault()} says.
 */
@Component
@ConditionalOnRole("command")
// before BootstrapUsers creates the admin and the demo traders: "traders already exist" must mean an upgrade
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ShipPlans implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ShipPlans.class);

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String initialDefault;
    private final boolean demo;

    public ShipPlans(
            CommandGateway commands,
            JdbcTemplate jdbc,
            Clock clock,
            @Value("${trenddesk.plans.initial-default:}") String initialDefault,
            @Value("${trenddesk.demo.enabled:true}") boolean demo) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.clock = clock;
        this.initialDefault = initialDefault.strip();
        this.demo = demo;
        if (!this.initialDefault.isEmpty()
                && !List.of(PlanCommands.FREE, PlanCommands.BASIC, PlanCommands.PRO)
                        .contains(this.initialDefault)) {
            throw new IllegalStateException(
                    "trenddesk.plans.initial-default must be free, basic or pro, not '" + initialDefault + "'");
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        String chosen = initialDefault();
        log.info("Shipping the plans Free, Basic and Pro where missing (initial default {})", chosen);
        for (ShipPlan plan : shipped(freeSymbol(), chosen)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    send(plan);
                    break;
                } catch (RuntimeException e) {
                    if (attempt == 3) {
                        throw e;
                    }
                    log.info("Shipping plan {} collided ({}); trying again", plan.planId(), e.toString());
                }
            }
        }
    }

    /**
     * The default plan of the first start: the property when set; else Free on a new platform, but Pro on a platform
     * that already has traders (an upgrade to the version with plans), so that nobody's bot is cut down to Free's
     * demo-only single symbol by an upgrade, and Pro on a new local platform that is about to create the demo
     * traders, so that their bots trade the shipped settings (both symbols) and are seen trading within a minute:
     * Free's one symbol can sit in a trendless stretch for a long time. An admin chooses the default afterwards.
     */
    String initialDefault() {
        if (!initialDefault.isEmpty()) {
            return initialDefault;
        }
        boolean firstShip = jdbc.queryForObject("select count(*) from plan_default", Integer.class) == 0;
        if (!firstShip) {
            return PlanCommands.FREE; // only the shipped plans' flag: the default chosen before stays
        }
        boolean traders =
                jdbc.queryForObject("select count(*) from user_directory where role = 'TRADER'", Integer.class) > 0;
        if (traders) {
            log.warn("This platform has traders but no plans yet (an upgrade): they are put on the default plan Pro,"
                    + " which limits nothing beyond the platform's settings; assign their plans on the Plans page"
                    + " (or set trenddesk.plans.initial-default)");
            return PlanCommands.PRO;
        }
        boolean noUsers = jdbc.queryForObject("select count(*) from user_directory", Integer.class) == 0;
        if (demo && noUsers) {
            log.info("A new local platform with the demo traders: the default plan is Pro, so that their bots trade the"
                    + " shipped settings; choose the default plan on the Plans page before opening sign-ups (or set"
                    + " trenddesk.plans.initial-default)");
            return PlanCommands.PRO;
        }
        return PlanCommands.FREE;
    }

    /** The plans shipped with the platform; Free trades {@code freeSymbol}; {@code defaultPlan} is the default. */
    List<ShipPlan> shipped(String freeSymbol, String defaultPlan) {
        var now = clock.instant();
        PlanLimits free = new PlanLimits(
                List.of(freeSymbol), 1, List.of(), List.of(), false, 3, 3, List.of(NotificationChannel.EMAIL));
        PlanLimits basic = new PlanLimits(
                List.of(),
                3,
                List.of(),
                List.of(),
                true,
                10,
                20,
                List.of(NotificationChannel.EMAIL, NotificationChannel.TELEGRAM));
        PlanLimits pro = new PlanLimits(
                List.of(),
                TradingSettings.MAX_SYMBOLS,
                List.of(),
                List.of(),
                true,
                TradingSettings.LEVERAGE_MAX,
                PlanLimits.MAX_BACKTESTS,
                List.of(NotificationChannel.values()));
        return List.of(
                new ShipPlan(PlanCommands.FREE, "Free", BigDecimal.ZERO, free, defaultPlan.equals("free"), now),
                new ShipPlan(
                        PlanCommands.BASIC, "Basic", new BigDecimal("19"), basic, defaultPlan.equals("basic"), now),
                new ShipPlan(PlanCommands.PRO, "Pro", new BigDecimal("49"), pro, defaultPlan.equals("pro"), now));
    }

    /** BTC-USDT, or the first symbol the platform allows when it restricts symbols without BTC-USDT. */
    private String freeSymbol() {
        List<String> allowed = jdbc.queryForList(
                "select unnest(allowed_symbols) from platform_settings where singleton order by 1", String.class);
        return allowed.isEmpty() || allowed.contains("BTC-USDT") ? "BTC-USDT" : allowed.getFirst();
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.from(Map.of(
                        AxonConfiguration.ACTOR_ID, "system:bootstrap",
                        AxonConfiguration.ACTOR_ROLE, "system",
                        AxonConfiguration.CLIENT_IP, "local",
                        AxonConfiguration.TRACE_ID, "ship-plans"))));
    }
}
