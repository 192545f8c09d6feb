package dev.trenddesk.gateway.market;

import dev.trenddesk.gateway.TrendDeskApplication;
import dev.trenddesk.gateway.support.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application as it runs by default (built-in simulator ACCELERATED x120, so a 5m candle
 * closes every 2.5 s; always-on ETH-USDT@5m and BTC-USDT@5m), on a database of its own. Subclasses
 * share one context.
 */
@SpringBootTest(
        classes = TrendDeskApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "trenddesk.admin.username=" + IntegrationTest.ADMIN,
            "trenddesk.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
            "trenddesk.demo.enabled=false",
            "trenddesk.simulator.port=0"
        })
abstract class AcceleratedApp {

    private static final String DATA_DIR = System.getProperty("trenddesk.test.build-dir", "target")
            + "/test-postgres/market-accelerated-" + System.nanoTime();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("trenddesk.database.embedded.data-dir", () -> DATA_DIR);
    }
}
