package dev.trenddesk.strategy.trading;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.stereotype.Component;

/**
 * Which of this process's two roads sends a requested order: the fast path ({@link ExecutionFastPath}, right
 * after the request is committed) or the execution processor ({@link OrderExecution}, when its tracking
 * segment reaches the request). The first to claim the clientOrderId sends; the other waits for it (the
 * processor, so that it moves on only once the order is settled) or does nothing (the fast path). A request the
 * fast path has claimed but not started yet (its pool busy) is taken over by the processor that reaches it, so a
 * processor thread waits only for a send under way. A fast-path claim is remembered for {@code KEEP} after it
 * finished, so the processor arriving later still finds it; an unfinished claim is never forgotten. A send by the
 * processor is not remembered once done: its outcome commits with the processor's unit of work, which may still
 * roll back and deliver the request again.
 *
 * <p>In memory only: exactly-once across restarts and nodes stays with the attempt row and the exchange's
 * clientOrderId (docs/adr/0007-exactly-once-orders.md); this only keeps the two roads of one process from both
 * sending in the normal case.
 */
@Component
public class ExecutionRuns {

    /** How long a finished claim is remembered. */
    static final Duration KEEP = Duration.ofMinutes(10);

    private static final int PURGE_EVERY = 256;

    private final ConcurrentHashMap<String, Run> runs = new ConcurrentHashMap<>();
    private final AtomicLong claims = new AtomicLong();
    private final LongSupplier nanos;

    public ExecutionRuns() {
        this(System::nanoTime);
    }

    ExecutionRuns(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** One road's run of one order: done when it finished, exceptionally when it failed. */
    private static final class Run {
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        /** false while the fast path's claim waits in its pool: the processor may still take it over */
        private final AtomicBoolean started;

        private volatile long finishedAt;

        Run(boolean started) {
            this.started = new AtomicBoolean(started);
        }

        /**
         * Waits for the run; true when it finished normally, false when it failed.
         *
         * @throws IllegalStateException when the waiting thread is interrupted (a processor shutting down: its
         *     batch is rolled back and the request delivered again)
         */
        boolean await() {
            try {
                done.get();
                return true;
            } catch (ExecutionException | CancellationException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the order is being sent", e);
            }
        }
    }

    /**
     * The fast path claims the order if no road has it; true when it has it, and must then call {@link #start}
     * before sending.
     */
    boolean tryClaim(String clientOrderId) {
        return claim(clientOrderId, false) == null;
    }

    /**
     * The fast path is about to send an order it claimed; false when the processor took it over meanwhile (the
     * fast path then does nothing more with it). After true: {@link #finished} or {@link #failed}.
     */
    boolean start(String clientOrderId) {
        Run run = runs.get(clientOrderId);
        return run != null && run.started.compareAndSet(false, true);
    }

    /**
     * Sends the order as its claimant, or waits for the road that has it; when that road failed, claims it and
     * sends. True when this call sent it.
     */
    boolean sendOrAwait(String clientOrderId, Runnable send) {
        while (true) {
            Run other = claim(clientOrderId, true);
            if (other == null || other.started.compareAndSet(false, true)) {
                // ours, or the fast path's still waiting in its pool: taken over
                try {
                    send.run();
                } catch (RuntimeException | Error e) {
                    failed(clientOrderId, e);
                    throw e;
                }
                // not remembered: the outcome is in the processor's unit of work, which may still roll back; a
                // redelivered request then goes through the attempt row again (ADR 0007)
                Run mine = runs.get(clientOrderId);
                finished(clientOrderId);
                if (mine != null) {
                    runs.remove(clientOrderId, mine);
                }
                return true;
            }
            if (other.await()) {
                return false;
            }
        }
    }

    /** null when the caller has the order now, else the run of the road that has it. */
    private Run claim(String clientOrderId, boolean started) {
        if (claims.incrementAndGet() % PURGE_EVERY == 0) {
            purge();
        }
        return runs.putIfAbsent(clientOrderId, new Run(started));
    }

    /** Waits until the road that has the order finished or failed (at once when none has it). */
    void awaitSettled(String clientOrderId) {
        Run run = runs.get(clientOrderId);
        if (run != null) {
            try {
                run.await();
            } catch (IllegalStateException interrupted) {
                // stopping: the interrupt stays set for the caller
            }
        }
    }

    /** The claimant sent the order and recorded the outcome. */
    void finished(String clientOrderId) {
        end(clientOrderId, null);
    }

    /** The claimant could not finish: a road waiting for it sends the order itself. */
    void failed(String clientOrderId, Throwable cause) {
        end(clientOrderId, cause);
    }

    private void end(String clientOrderId, Throwable cause) {
        Run run = runs.get(clientOrderId);
        if (run == null) {
            return;
        }
        run.finishedAt = nanos.getAsLong();
        if (cause == null) {
            run.done.complete(null);
        } else {
            // a failed claim is given up at once: whoever comes next claims the order again
            runs.remove(clientOrderId, run);
            run.done.completeExceptionally(cause);
        }
    }

    /** Claims remembered now (unfinished ones included). */
    int size() {
        return runs.size();
    }

    /** Forgets the claims that finished more than {@link #KEEP} ago. */
    void purge() {
        long now = nanos.getAsLong();
        runs.values().removeIf(run -> run.done.isDone() && now - run.finishedAt > KEEP.toNanos());
    }
}
