package dev.trenddesk.gateway.support;

import dev.trenddesk.gateway.TrendDeskApplication;
import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A whole TrendDesk process started and stopped inside a test, for restart and multi-node tests. */
public final class Node implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private Node(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a node; {@code properties} are "key=value" pairs given as command-line arguments. */
    public static Node start(String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "server.port=0",
                "trenddesk.admin.username=" + IntegrationTest.ADMIN,
                "trenddesk.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
                "trenddesk.demo.enabled=false",
                "trenddesk.simulator.port=0"));
        all.addAll(List.of(properties));
        return new Node(new SpringApplicationBuilder(TrendDeskApplication.class)
                .run(all.stream().map(p -> "--" + p).toArray(String[]::new)));
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public String jdbcUrl() {
        return context.getBean(DatabaseEndpoint.class).jdbcUrl();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
