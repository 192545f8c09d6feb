package dev.trenddesk.gateway.system;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The node registry, the system snapshot and their gauges: on every node whatever its roles, since every node
 * registers itself and any node with the gateway role answers {@code /api/admin/system} for the whole cluster.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
@ComponentScan("dev.trenddesk.gateway.system")
public class SystemConfiguration {}
