package dev.trenddesk.gateway;

import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.gateway.bootstrap.BootstrapUsers;
import dev.trenddesk.gateway.bootstrap.DemoBots;
import dev.trenddesk.gateway.bootstrap.DemoCredentials;
import dev.trenddesk.gateway.bootstrap.ShipPlans;
import dev.trenddesk.gateway.config.AxonConfiguration;
import dev.trenddesk.gateway.config.CommandConflictConfiguration;
import dev.trenddesk.gateway.config.DatabaseConfiguration;
import dev.trenddesk.gateway.config.ExchangeConfiguration;
import dev.trenddesk.gateway.config.LogContextConfiguration;
import dev.trenddesk.gateway.config.RoleConfigurations;
import dev.trenddesk.gateway.config.ShutdownDrain;
import dev.trenddesk.gateway.metrics.MetricsConfiguration;
import dev.trenddesk.gateway.system.SystemConfiguration;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The one TrendDesk jar: every module, started by role. */
@SpringBootConfiguration
@EnableAutoConfiguration
@ConfigurationPropertiesScan("dev.trenddesk.gateway.config")
@EnableScheduling
@Import({
    DatabaseConfiguration.class,
    AxonConfiguration.class,
    LogContextConfiguration.class,
    CommandConflictConfiguration.class,
    ExchangeConfiguration.class,
    RoleConfigurations.KeyVault.class,
    RoleConfigurations.CommandRole.class,
    RoleConfigurations.QueryRole.class,
    RoleConfigurations.SagaRole.class,
    RoleConfigurations.GatewayRole.class,
    BootstrapUsers.class,
    ShipPlans.class,
    DemoCredentials.class,
    DemoBots.class,
    SystemConfiguration.class,
    MetricsConfiguration.class,
    ShutdownDrain.class
})
public class TrendDeskApplication {

    private static final String AXON_UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Trading timestamps and "today" are in the market's time (docs/adr/0027-one-clock.md). */
    @Bean
    MarketClock marketClock(Clock clock) {
        return new MarketClock(clock);
    }

    /**
     * The web server gets Reactor Netty resources of its own. With the default global resources,
     * closing one application context disposes the event loops that the BingX client and the
     * simulator of every other context in the same JVM run on (several contexts run side by side in
     * tests and in the two-node set-up).
     */
    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("backtest")) {
            // the backtest command runs offline and exits; Spring never starts
            System.exit(dev.trenddesk.strategy.backtest.BacktestCli.run(args, System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("verify-audit")) {
            // checks the audit log's hash chain in the database and exits
            System.exit(dev.trenddesk.gateway.cli.VerifyAuditCli.run(args, System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("reset-admin")) {
            // break-glass, platform stopped: makes an existing user an active admin, audited, and exits
            System.exit(dev.trenddesk.gateway.cli.ResetAdminCli.run(args, System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("import-legacy")) {
            // platform stopped: the single-user bot's trades (SQLite) and BingX key (env file) into a trader's account
            System.exit(dev.trenddesk.gateway.cli.ImportLegacyCli.run(args, System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("bingx-smoke")) {
            // a short read-only check (and with --trade an order round trip) of a BingX account; no Spring
            System.exit(dev.trenddesk.gateway.cli.BingxSmokeCli.run(args, System.out, System.err));
            return;
        }
        // Axon's update checker would send an anonymised usage report to its vendor at every start;
        // a trading platform does not call home (set the property to false to allow it)
        if (System.getProperty(AXON_UPDATE_CHECKER_DISABLED) == null) {
            System.setProperty(AXON_UPDATE_CHECKER_DISABLED, "true");
        }
        SpringApplication.run(TrendDeskApplication.class, args);
    }
}
