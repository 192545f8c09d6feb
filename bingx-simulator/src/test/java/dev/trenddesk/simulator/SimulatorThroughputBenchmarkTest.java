package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Simulator throughput on loopback with rate limits off: signed market orders (open, then close, a
 * 0.01 ETH long) from concurrent clients, each its own account, with the simulator's FILLED answers (a
 * close must find the open filled). Prints figures; never fails on time.
 * Run: {@code mvn -B -o -pl bingx-simulator test -Dgroups=benchmark -Dtest.excludedGroups=none}
 */
@Tag("benchmark")
class SimulatorThroughputBenchmarkTest {

    private static final int CLIENTS = 8;
    private static final int WARM_UP_ORDERS_PER_CLIENT = 250;
    private static final int ORDERS_PER_CLIENT = 1_000;

    @Test
    void measuresOrdersPerSecondOnLoopback() throws Exception {
        // FILLED answers: each client alternates open and close on its account, and a close needs the
        // previous open filled; with acknowledgements it would wait for each fill (fillDelay) first
        try (BingxSimulator sim = BingxSimulator.start(SimulatorConfig.builder()
                        .clockMode(ClockMode.STEPPED)
                        .rateLimitsEnabled(false)
                        .placeAnswer(PlaceAnswer.FILLED)
                        .build());
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            SimHttp http = new SimHttp(sim.baseUrl());
            List<SimHttp.Trader> traders = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                traders.add(http.account("bench-" + i, "bench-secret-" + i, "1000000", "HEDGE", 10));
            }
            run(pool, traders, WARM_UP_ORDERS_PER_CLIENT);
            long start = System.nanoTime();
            long[] latencies = run(pool, traders, ORDERS_PER_CLIENT);
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            int orders = latencies.length;
            System.out.printf(
                    "bingx-simulator benchmark: %d clients, %d signed MARKET orders in %.2f s = %.0f orders/s;"
                            + " latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    CLIENTS,
                    orders,
                    seconds,
                    orders / seconds,
                    latencies[orders / 2] / 1e6,
                    latencies[(int) (orders * 0.99)] / 1e6,
                    latencies[orders - 1] / 1e6);
            System.out.println(
                    "command: mvn -B -o -pl bingx-simulator test -Dgroups=benchmark -Dtest.excludedGroups=none");
            assertThat(traders.getFirst().admin().path("orders"))
                    .hasSize(WARM_UP_ORDERS_PER_CLIENT + ORDERS_PER_CLIENT);
        }
    }

    private static long[] run(ExecutorService pool, List<SimHttp.Trader> traders, int ordersPerClient)
            throws Exception {
        List<Future<long[]>> results = new ArrayList<>();
        for (SimHttp.Trader trader : traders) {
            results.add(pool.submit(() -> {
                long[] latencies = new long[ordersPerClient];
                for (int i = 0; i < ordersPerClient; i++) {
                    long start = System.nanoTime();
                    trader.order(
                            "symbol",
                            "ETH-USDT",
                            "side",
                            i % 2 == 0 ? "BUY" : "SELL",
                            "positionSide",
                            "LONG",
                            "type",
                            "MARKET",
                            "quantity",
                            "0.01");
                    latencies[i] = System.nanoTime() - start;
                }
                return latencies;
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> result : results) {
            long[] part = result.get();
            long[] merged = Arrays.copyOf(all, all.length + part.length);
            System.arraycopy(part, 0, merged, all.length, part.length);
            all = merged;
        }
        return all;
    }
}
