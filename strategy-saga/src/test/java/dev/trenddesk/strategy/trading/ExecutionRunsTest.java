package dev.trenddesk.strategy.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The two roads of one process to an order: whoever claims it sends, the other waits or stays out. */
class ExecutionRunsTest {

    private final AtomicLong now = new AtomicLong();
    private final ExecutionRuns runs = new ExecutionRuns(now::get);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void theProcessorSendsWhatTheFastPathDidNotTakeAndARedeliveryGoesThroughItAgain() {
        AtomicInteger sends = new AtomicInteger();

        assertThat(runs.sendOrAwait("o-1", sends::incrementAndGet)).isTrue();
        // its unit of work rolled back after the send: the request comes again, and is handled again (in
        // OrderExecution: the attempt row is found and the exchange asked before anything is sent)
        assertThat(runs.sendOrAwait("o-1", sends::incrementAndGet)).isTrue();

        assertThat(sends).hasValue(2);
        assertThat(runs.size()).isZero();
    }

    @Test
    void theProcessorWaitsForTheFastPathAndDoesNotSendAgain() throws Exception {
        assertThat(runs.tryClaim("o-2")).isTrue();
        assertThat(runs.start("o-2")).as("the fast path sends").isTrue();
        AtomicInteger sends = new AtomicInteger();
        Future<Boolean> processor = threads.submit(() -> runs.sendOrAwait("o-2", sends::incrementAndGet));

        Thread.sleep(200);
        assertThat(processor).as("waits while the fast path sends").isNotDone();
        runs.finished("o-2");

        assertThat(processor.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(sends).hasValue(0);
    }

    @Test
    void aClaimStillWaitingInThePoolIsTakenOverByTheProcessor() {
        assertThat(runs.tryClaim("o-6")).isTrue();
        AtomicInteger sends = new AtomicInteger();

        assertThat(runs.sendOrAwait("o-6", sends::incrementAndGet))
                .as("sent by the processor")
                .isTrue();

        assertThat(sends).hasValue(1);
        assertThat(runs.start("o-6"))
                .as("the fast path's turn comes: nothing left to send")
                .isFalse();
        runs.awaitSettled("o-6"); // returns at once: settled
    }

    @Test
    void whenTheFastPathFailsTheProcessorSendsItItself() throws Exception {
        assertThat(runs.tryClaim("o-3")).isTrue();
        assertThat(runs.start("o-3")).as("the fast path sends").isTrue();
        AtomicInteger sends = new AtomicInteger();
        CountDownLatch waiting = new CountDownLatch(1);
        Future<Boolean> processor = threads.submit(() -> {
            waiting.countDown();
            return runs.sendOrAwait("o-3", sends::incrementAndGet);
        });
        waiting.await();
        Thread.sleep(100);

        runs.failed("o-3", new IllegalStateException("the database went away"));

        assertThat(processor.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(sends).hasValue(1);
    }

    @Test
    void aSendThatThrowsLeavesTheOrderToTheNextRoad() {
        assertThatThrownBy(() -> runs.sendOrAwait("o-4", () -> {
                    throw new IllegalStateException("no connection");
                }))
                .hasMessage("no connection");

        AtomicInteger sends = new AtomicInteger();
        assertThat(runs.sendOrAwait("o-4", sends::incrementAndGet)).isTrue();
        assertThat(sends).hasValue(1);
    }

    @Test
    void anInterruptedWaitFailsTheProcessorsBatch() throws Exception {
        assertThat(runs.tryClaim("o-5")).isTrue();
        assertThat(runs.start("o-5")).as("the fast path sends").isTrue();
        AtomicInteger sends = new AtomicInteger();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread processor = new Thread(() -> {
            try {
                runs.sendOrAwait("o-5", sends::incrementAndGet);
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        processor.start();
        Thread.sleep(200);

        processor.interrupt(); // a processor shutting down
        processor.join(5_000);

        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
        assertThat(sends).hasValue(0);
        assertThat(runs.tryClaim("o-5")).as("still the fast path's").isFalse();
    }

    @Test
    void finishedClaimsAreForgottenAfterAWhileUnfinishedOnesNever() {
        assertThat(runs.tryClaim("done")).isTrue();
        assertThat(runs.start("done")).isTrue();
        runs.finished("done");
        assertThat(runs.tryClaim("running")).isTrue();

        now.addAndGet(ExecutionRuns.KEEP.plus(Duration.ofSeconds(1)).toNanos());
        runs.purge();

        assertThat(runs.size()).isEqualTo(1);
        assertThat(runs.tryClaim("running")).isFalse();
        assertThat(runs.tryClaim("done")).as("forgotten: claimable again").isTrue();
    }
}
