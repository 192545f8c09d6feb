package dev.trenddesk.bingx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.model.TriggerOrder;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Client-side overhead of a signed request (building params, sorting, URL-encoding, HMAC-SHA256,
 * hex), no network. Prints p50 / p99 / mean in µs per request. Run with:
 * {@code mvn -B -o -pl bingx-client test -Dgroups=benchmark -Dtest.excludedGroups=none}
 */
@Tag("benchmark")
class SigningBenchmarkTest {

    private static final int WARMUP = 100_000;
    private static final int MEASURED = 200_000;

    @Test
    void measuresSignedRequestOverhead() {
        RequestSigner signer = new RequestSigner("benchmark-secret-0123456789abcdefghijklmnopqrstuvwxyz", false);
        OrderRequest order = OrderRequest.market("BTC-USDT", OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.0123"))
                .withStopLoss(TriggerOrder.stopLoss(new BigDecimal("61234.5")))
                .withTakeProfit(TriggerOrder.takeProfit(new BigDecimal("65432.1")))
                .withClientOrderId("td-benchmark-0001");

        report(
                "place order (MARKET + stopLoss + takeProfit JSON)",
                ts -> signer.signedQuery(BingxClient.orderParams(order), 5000, ts));
        report(
                "query order by clientOrderId",
                ts -> signer.signedQuery(Map.of("symbol", "BTC-USDT", "clientOrderId", "td-benchmark-0001"), 5000, ts));
    }

    private static void report(String name, LongFunction<String> build) {
        long sink = 0;
        for (int i = 0; i < WARMUP; i++) {
            sink += build.apply(1_700_000_000_000L + i).length();
        }
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            sink += build.apply(1_700_000_000_000L + i).length();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1_000.0;
        System.out.printf(
                "BENCHMARK %-50s n=%d p50=%.2f µs p99=%.2f µs mean=%.2f µs%n",
                name, MEASURED, nanos[MEASURED / 2] / 1_000.0, nanos[(int) (MEASURED * 0.99)] / 1_000.0, mean);
        assertThat(sink).isPositive();
    }
}
