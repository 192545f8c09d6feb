package dev.trenddesk.gateway;

import dev.trenddesk.gateway.bootstrap.BootstrapUsers;
import dev.trenddesk.gateway.config.AxonConfiguration;
import dev.trenddesk.gateway.config.DatabaseConfiguration;
import dev.trenddesk.gateway.config.ExchangeConfiguration;
import dev.trenddesk.gateway.config.RoleConfigurations;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The one TrendDesk jar: every module, started by role. */
@SpringBootConfiguration
@EnableAutoConfiguration
@ConfigurationPropertiesScan("dev.trenddesk.gateway.config")
@Import({DatabaseConfiguration.class, AxonConfiguration.class, ExchangeConfiguration.class,
        RoleConfigurations.KeyVault.class, RoleConfigurations.CommandRole.class, RoleConfigurations.QueryRole.class,
        RoleConfigurations.SagaRole.class, RoleConfigurations.GatewayRole.class,
        BootstrapUsers.class})
public class TrendDeskApplication {

    @org.springframework.context.annotation.Bean
    java.time.Clock clock() {
        return java.time.Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(TrendDeskApplication.class, args);
    }
}
