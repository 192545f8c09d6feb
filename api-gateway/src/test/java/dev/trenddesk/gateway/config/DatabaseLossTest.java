package dev.trenddesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trenddesk.gateway.TrendDeskApplication;
import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import dev.trenddesk.gateway.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole TrendDesk whose embedded PostgreSQL is killed: its health turns DOWN within seconds
 * (readiness too, liveness does not care), and it ends itself with a non-zero status (recorded here
 * instead of exiting the test JVM).
 */
class DatabaseLossTest {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void killingTheEmbeddedDatabaseTurnsTheHealthDownAndEndsTheProcess() throws Exception {
        List<Integer> exits = new CopyOnWriteArrayList<>();
        String dataDir =
                System.getProperty("trenddesk.test.build-dir", "target") + "/test-postgres/loss-" + System.nanoTime();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TrendDeskApplication.class)
                .initializers(context ->
                        context.getBeanFactory().registerSingleton("recordingExit", (ProcessExit) exits::add))
                .run(
                        "--server.port=0",
                        "--trenddesk.database.embedded.data-dir=" + dataDir,
                        "--trenddesk.admin.username=" + IntegrationTest.ADMIN,
                        "--trenddesk.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
                        "--trenddesk.demo.enabled=false",
                        "--trenddesk.simulator.port=0")) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            assertThat(status(port, "/actuator/health/readiness")).isEqualTo(200);

            long postmaster = app.getBean(DatabaseEndpoint.class).embedded().postmasterPid();
            ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(10)).until(() -> status(port, "/actuator/health/readiness") == 503);
            long start = System.nanoTime();
            assertThat(status(port, "/actuator/health")).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("health answers while the database is gone")
                    .isLessThan(Duration.ofSeconds(8));
            assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> !exits.isEmpty());
            assertThat(exits).containsExactly(PostmasterMonitor.EXIT_STATUS);
        }
    }

    private int status(int port, String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .timeout(Duration.ofSeconds(8))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
