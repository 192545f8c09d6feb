package dev.trenddesk.strategy.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The two roads of one process to an order: whoever claims it sends, the other waits or stays out. */
class ExecutionRunsTest {

    private final AtomicLong now = new AtomicLong();
    private final ExecutionRuns runs = new ExecutionRuns(now::get);

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
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread processor = processorWaiting("o-2", sends, outcome);

        assertThat(outcome.get()).as("waits while the fast path sends").isNull();
        runs.finished("o-2");
        processor.join(5_000);

        assertThat(outcome.get()).isEqualTo(false);
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
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread processor = processorWaiting("o-3", sends, outcome);

        runs.failed("o-3", new IllegalStateException("the database went away"));
        processor.join(5_000);

        assertThat(outcome.get()).isEqualTo(true);
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
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread processor = processorWaiting("o-5", sends, outcome);

        processor.interrupt(); // a processor shutting down
        processor.join(5_000);

        assertThat(outcome.get()).isInstanceOf(IllegalStateException.class);
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

    /**
     * The processor's road on a thread of its own, once it is parked waiting for the fast path; its outcome (true or
     * false from {@link ExecutionRuns#sendOrAwait}, or the exception it threw) lands in {@code outcome}.
     */
    private Thread processorWaiting(String clientOrderId, AtomicInteger sends, AtomicReference<Object> outcome) {
        Thread processor = new Thread(() -> {
            try {
                outcome.set(runs.sendOrAwait(clientOrderId, sends::incrementAndGet));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
        processor.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> processor.getState() == Thread.State.WAITING);
        return processor;
    }
}
