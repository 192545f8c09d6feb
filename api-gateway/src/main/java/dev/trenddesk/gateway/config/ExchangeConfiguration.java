package dev.trenddesk.gateway.config;

import dev.trenddesk.bingx.BingxClientConfig;
import dev.trenddesk.bingx.BingxClientFactory;
import dev.trenddesk.bingx.BingxEnvironment;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.simulator.ClockMode;
import dev.trenddesk.simulator.SimulatorConfig;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The exchange: BingX live, BingX VST (demo funds) or the built-in simulator (local mode's
 * default), chosen by {@code trenddesk.exchange.environment}. One client factory for the whole
 * process, so every user shares one connection pool and the per-IP rate limits.
 */
@Configuration(proxyBeanMethods = false)
public class ExchangeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ExchangeConfiguration.class);

    /** The built-in simulator, started when the environment is sim and no external simulator URL is given. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${trenddesk.exchange.environment:sim}'.equalsIgnoreCase('sim') and '${trenddesk.exchange.base-url:}'.isEmpty()")
    BingxSimulator builtInSimulator(@Value("${trenddesk.simulator.port:8090}") int port,
                                    @Value("${trenddesk.simulator.clock-mode:ACCELERATED}") String clockMode,
                                    @Value("${trenddesk.simulator.speed:60}") int speed,
                                    @Value("${trenddesk.simulator.rate-limits:true}") boolean rateLimits) {
        BingxSimulator simulator = BingxSimulator.start(SimulatorConfig.builder()
                .port(port)
                .clockMode(ClockMode.valueOf(clockMode.toUpperCase(Locale.ROOT)))
                .speed(speed)
                .rateLimitsEnabled(rateLimits)
                .build());
        log.info("Built-in BingX simulator listening on {} ({} x{})", simulator.baseUrl(), clockMode, speed);
        return simulator;
    }

    @Bean(destroyMethod = "close")
    BingxClientFactory bingxClientFactory(@Value("${trenddesk.exchange.environment:sim}") String environment,
                                          @Value("${trenddesk.exchange.base-url:}") String baseUrl,
                                          @Value("${trenddesk.exchange.ws-url:}") String wsUrl,
                                          ObjectProvider<BingxSimulator> simulator) {
        BingxEnvironment env = BingxEnvironment.valueOf(environment.toUpperCase(Locale.ROOT));
        BingxClientConfig.Builder config = BingxClientConfig.builder().environment(env);
        Optional<BingxSimulator> builtIn = Optional.ofNullable(simulator.getIfAvailable());
        String rest = StringUtils.hasText(baseUrl) ? baseUrl : builtIn.map(BingxSimulator::baseUrl).orElse(null);
        String ws = StringUtils.hasText(wsUrl) ? wsUrl : builtIn.map(BingxSimulator::wsUrl).orElse(null);
        if (rest != null) {
            config.baseUrl(rest);
        }
        if (ws != null) {
            config.wsUrl(ws);
        }
        log.info("BingX environment {} at {}", env, rest == null ? env.defaultBaseUrl() : rest);
        return BingxClientFactory.create(config.build());
    }
}
