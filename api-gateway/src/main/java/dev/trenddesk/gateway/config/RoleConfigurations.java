package dev.trenddesk.gateway.config;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Which modules start, by {@code trenddesk.roles}: the distributed mode is the same jar split by role. */
public final class RoleConfigurations {

    private RoleConfigurations() {}

    /** The key vault serves every role that touches exchange credentials: encrypt (gateway), decrypt (saga), shred (command). */
    @Configuration(proxyBeanMethods = false)
    @ComponentScan("dev.trenddesk.vault")
    public static class KeyVault {}

    /** Aggregates and their helpers (set validation, password vault, envelope encryption). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole("command")
    @ComponentScan("dev.trenddesk.command")
    public static class CommandRole {}

    /** Projections, read models, query handlers; time travel, which replays the command side's aggregates (ADR 0016). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole("query")
    @ComponentScan({"dev.trenddesk.query", "dev.trenddesk.gateway.audit"})
    public static class QueryRole {}

    /** Market feed, sagas, order execution. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole("saga")
    @ComponentScan("dev.trenddesk.strategy")
    public static class SagaRole {}

    /** The HTTP API, security, the single-page app and the live streams' feed from the database (ADR 0017). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole("gateway")
    @ComponentScan({"dev.trenddesk.gateway.web", "dev.trenddesk.gateway.security", "dev.trenddesk.gateway.feed"})
    public static class GatewayRole {}
}
