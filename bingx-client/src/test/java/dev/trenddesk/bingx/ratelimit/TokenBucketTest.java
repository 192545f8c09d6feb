package dev.trenddesk.bingx.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.scheduler.VirtualTimeScheduler;

class TokenBucketTest {

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

    private record Grant(int caller, long atMillis) {}

    @Test
    void thousandConcurrentCallersNeverExceedTheLimitInAnyWindow() {
        TokenBucket bucket = new TokenBucket("orders", RateLimit.perSecond(10), clock);
        ConcurrentLinkedQueue<Grant> grants = new ConcurrentLinkedQueue<>();

        IntStream.range(0, 1_000).parallel().forEach(i -> bucket.acquire()
                .subscribe(null, null, () -> grants.add(new Grant(i, clock.now(TimeUnit.MILLISECONDS)))));
        clock.advanceTimeBy(Duration.ofSeconds(200));

        List<Long> times = grants.stream().map(Grant::atMillis).sorted().toList();
        assertThat(times).hasSize(1_000);
        assertThat(maxInAnyWindow(times, 1_000)).isEqualTo(10);
        assertThat(times.getLast()).isEqualTo(99_000);
    }

    @Test
    void perIpMarketDataLimitOf500Per10SecondsHoldsForThousandCallers() {
        TokenBucket bucket = new TokenBucket("ip", new RateLimit(500, Duration.ofSeconds(10)), clock);
        List<Long> times = Collections.synchronizedList(new ArrayList<>());

        IntStream.range(0, 1_000).parallel().forEach(i -> bucket.acquire()
                .subscribe(null, null, () -> times.add(clock.now(TimeUnit.MILLISECONDS))));
        clock.advanceTimeBy(Duration.ofSeconds(30));

        List<Long> sorted = times.stream().sorted().toList();
        assertThat(sorted).hasSize(1_000);
        assertThat(maxInAnyWindow(sorted, 10_000)).isEqualTo(500);
        assertThat(sorted.get(499)).isZero();
        assertThat(sorted.get(500)).isEqualTo(10_000);
    }

    @Test
    void servesWaitingCallersInArrivalOrder() {
        TokenBucket bucket = new TokenBucket("queries", RateLimit.perSecond(5), clock);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());

        for (int i = 0; i < 1_000; i++) {
            int caller = i;
            bucket.acquire().subscribe(null, null, () -> order.add(caller));
        }
        clock.advanceTimeBy(Duration.ofSeconds(300));

        assertThat(order)
                .containsExactlyElementsOf(IntStream.range(0, 1_000).boxed().toList());
    }

    @Test
    void waitingCallersCompleteOnlyWhenTheirTokenReturns() {
        TokenBucket bucket = new TokenBucket("leverage", RateLimit.perSecond(2), clock);
        List<Integer> done = Collections.synchronizedList(new ArrayList<>());

        for (int i = 0; i < 5; i++) {
            int caller = i;
            bucket.acquire().subscribe(null, null, () -> done.add(caller));
        }
        assertThat(done).containsExactly(0, 1);
        clock.advanceTimeBy(Duration.ofMillis(999));
        assertThat(done).containsExactly(0, 1);
        clock.advanceTimeBy(Duration.ofMillis(1));
        assertThat(done).containsExactly(0, 1, 2, 3);
        clock.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(done).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aCallerThatCancelsForfeitsItsSlotWithoutBlockingTheOthers() {
        TokenBucket bucket = new TokenBucket("orders", RateLimit.perSecond(1), clock);
        List<Integer> done = Collections.synchronizedList(new ArrayList<>());

        bucket.acquire().subscribe(null, null, () -> done.add(0));
        Disposable second = bucket.acquire().subscribe(null, null, () -> done.add(1));
        bucket.acquire().subscribe(null, null, () -> done.add(2));
        second.dispose();
        clock.advanceTimeBy(Duration.ofSeconds(2));

        assertThat(done).containsExactly(0, 2);
    }

    @Test
    void registrySharesOneBucketPerName() {
        RateLimiterRegistry registry = new RateLimiterRegistry(clock);

        TokenBucket a = registry.bucket("key:abc:ORDER", RateLimit.perSecond(10));
        TokenBucket b = registry.bucket("key:abc:ORDER", RateLimit.perSecond(10));

        assertThat(a).isSameAs(b);
        assertThat(registry.bucket("key:xyz:ORDER", RateLimit.perSecond(10))).isNotSameAs(a);
    }

    /** The largest number of grants inside any half-open window [t, t + window). */
    private static int maxInAnyWindow(List<Long> sortedTimes, long window) {
        int max = 0;
        int start = 0;
        for (int end = 0; end < sortedTimes.size(); end++) {
            while (sortedTimes.get(end) - sortedTimes.get(start) >= window) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

    @Test
    void availableCountsTheGrantsOfTheLastWindowAndReservedSlots() {
        TokenBucket bucket = new TokenBucket("orders", RateLimit.perSecond(4), clock);
        assertThat(bucket.available()).isEqualTo(4);

        bucket.acquire().subscribe();
        bucket.acquire().subscribe();
        assertThat(bucket.available()).isEqualTo(2);
        for (int i = 0; i < 5; i++) {
            bucket.acquire().subscribe(); // two granted now, three waiting for the next window
        }
        assertThat(bucket.available()).isZero();

        clock.advanceTimeBy(Duration.ofMillis(1_000));
        // the first four came back; the three waiting took their slots at 1,000 ms
        assertThat(bucket.available()).isEqualTo(1);
        clock.advanceTimeBy(Duration.ofMillis(1_000));
        assertThat(bucket.available()).isEqualTo(4);
    }

    @Test
    void theRegistryReportsTheEmptiestBucketOfEachGroupWithoutItsKey() {
        RateLimiterRegistry registry = new RateLimiterRegistry(clock);
        registry.bucket("key:AAAA:ORDER", RateLimit.perSecond(10)).acquire().subscribe();
        TokenBucket busy = registry.bucket("key:BBBB:ORDER", RateLimit.perSecond(10));
        for (int i = 0; i < 7; i++) {
            busy.acquire().subscribe();
        }
        registry.bucket("ip:http://host:1:market", new RateLimit(500, Duration.ofSeconds(10)))
                .acquire()
                .subscribe();

        var levels = registry.levels();

        assertThat(levels).containsOnlyKeys("key:ORDER", "ip:market");
        assertThat(levels.get("key:ORDER")).isEqualTo(new RateLimiterRegistry.Level(3, 10, 2));
        assertThat(levels.get("key:ORDER").headroom()).isEqualTo(0.3);
        assertThat(levels.get("ip:market")).isEqualTo(new RateLimiterRegistry.Level(499, 500, 1));
    }
}
