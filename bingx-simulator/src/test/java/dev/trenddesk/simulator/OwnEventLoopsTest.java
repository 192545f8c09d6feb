package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import reactor.netty.http.HttpResources;

/**
 * The simulator runs on event loops of its own: another component of the same JVM that disposes
 * Reactor Netty's shared resources when it closes (a Spring context with default settings does)
 * must not take the exchange down with it.
 */
class OwnEventLoopsTest {

    @Test
    void keepsServingWhenTheJvmsSharedNettyResourcesAreDisposed() {
        try (BingxSimulator sim = TestMarket.start()) {
            SimHttp http = new SimHttp(sim.baseUrl());
            assertThat(http.admin("GET", "/sim/clock", null).status()).isEqualTo(200);

            HttpResources.disposeLoopsAndConnections();

            assertThat(http.admin("GET", "/sim/clock", null).status()).isEqualTo(200);
        }
    }
}
