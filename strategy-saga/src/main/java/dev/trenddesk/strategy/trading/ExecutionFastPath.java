package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends an order as soon as its request is committed, instead of when the execution processor's tracking
 * segment wakes up and reaches it (docs/adr/0032-order-execution-fast-path.md). The request is seen as this
 * process publishes it; right after the unit of work that stored it commits, it is handed to a pool of
 * {@code trenddesk.trading.execution.threads}, one session's orders in the order they were requested, and
 * sent by {@link OrderExecution#execute} in a unit of work of the request (so commands carry its correlation
 * data, as from the processor).
 *
 * <p>Only for sessions whose execution segment this process holds: the processor that will reach the request is
 * then this process's, and {@link ExecutionRuns} makes it wait for the fast path instead of sending again. The
 * processor stays the durable road: a request the fast path did not take (another node's segment, a crash
 * before or during the send, a request still waiting in the pool when the processor reaches it, a pool stopped)
 * is sent by it, as before, with the attempt row and the exchange's clientOrderId keeping it to one order.
 */
@Component
public class ExecutionFastPath implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ExecutionFastPath.class);
    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final OrderExecution execution;
    private final ExecutionRuns runs;
    private final ObjectProvider<EventBus> eventBus;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<org.axonframework.config.Configuration> axon;
    private final boolean enabled;
    private final ExecutorService pool;
    /** The last order handed over per session: the next one of that session starts after it. */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    private final AtomicLong handedOver = new AtomicLong();

    private volatile List<CorrelationDataProvider> correlation = List.of();

    public ExecutionFastPath(
            OrderExecution execution,
            ExecutionRuns runs,
            ObjectProvider<EventBus> eventBus,
            ObjectProvider<EventProcessingConfiguration> processing,
            ObjectProvider<org.axonframework.config.Configuration> axon,
            @Value("${trenddesk.trading.execution.fast-path:true}") boolean enabled,
            @Value("${trenddesk.trading.execution.threads:16}") int threads) {
        this.execution = execution;
        this.runs = runs;
        this.eventBus = eventBus;
        this.processing = processing;
        this.axon = axon;
        this.enabled = enabled;
        this.pool = Executors.newFixedThreadPool(
                Math.max(1, threads),
                Thread.ofPlatform().daemon().name("order-execution-", 0).factory());
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!enabled) {
            log.info("Order execution fast path off: orders are sent by the execution processor only");
            return;
        }
        correlation = List.copyOf(axon.getObject().correlationDataProviders());
        MessageDispatchInterceptor<EventMessage<?>> seen = messages -> (index, event) -> {
            if (OrderPlacementRequested.class.equals(event.getPayloadType()) && CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> {
                    try {
                        handOver(event);
                    } catch (RuntimeException e) {
                        // the request is committed: the processor sends it
                        log.warn(
                                "Order request {} not handed to the fast path: {}",
                                event.getIdentifier(),
                                e.toString());
                    }
                });
            }
            return event;
        };
        eventBus.getObject().registerDispatchInterceptor(seen);
    }

    /** Hands a committed request to the pool when this process holds its execution segment; false when not. */
    boolean handOver(EventMessage<?> event) {
        if (!(event.getPayload() instanceof OrderPlacementRequested request) || !holdsSegmentOf(event)) {
            return false;
        }
        String coid = request.clientOrderId();
        if (!runs.tryClaim(coid)) {
            return false; // the processor got there first
        }
        handedOver.incrementAndGet();
        String session = request.sessionId().toString();
        CompletableFuture<Void> next = tails.compute(session, (key, tail) -> (tail == null ? IDLE : tail)
                .exceptionally(earlierFailed -> null)
                .thenRunAsync(() -> send(event, request), pool));
        next.whenComplete((done, failure) -> {
            if (failure != null) {
                runs.failed(coid, failure); // not run (the pool stopped): the processor sends it
            }
            tails.remove(session, next);
        });
        return true;
    }

    private void send(EventMessage<?> event, OrderPlacementRequested request) {
        String coid = request.clientOrderId();
        if (!runs.start(coid)) {
            // the processor reached it first and sends it: the session's next order waits until it is settled
            runs.awaitSettled(coid);
            return;
        }
        try {
            UnitOfWork<?> unitOfWork = new DefaultUnitOfWork<>(event);
            correlation.forEach(unitOfWork::registerCorrelationDataProvider);
            unitOfWork.execute(() -> execution.execute(request));
            runs.finished(coid);
        } catch (RuntimeException | Error e) {
            log.warn("Order {}: the fast path failed, the execution processor sends it: {}", coid, e.toString());
            runs.failed(coid, e);
        }
    }

    /** Whether this process's execution processor holds the segment the request falls in. */
    private boolean holdsSegmentOf(EventMessage<?> event) {
        EventProcessingConfiguration config = processing.getIfAvailable();
        if (config == null) {
            return false;
        }
        Optional<StreamingEventProcessor> processor =
                config.eventProcessor(OrderExecution.GROUP, StreamingEventProcessor.class);
        if (processor.isEmpty() || !processor.get().isRunning()) {
            return false;
        }
        Object sequence = config.sequencingPolicy(OrderExecution.GROUP).getSequenceIdentifierFor(event);
        int hash = Objects.hashCode(sequence == null ? event.getIdentifier() : sequence);
        return processor.get().processingStatus().values().stream()
                .anyMatch(
                        status -> !status.isErrorState() && status.getSegment().matches(hash));
    }

    /** Order requests the fast path claimed since this process started (sent by it, or taken over by the processor). */
    public long handedOver() {
        return handedOver.get();
    }

    /** Lets the sends under way finish (a stop is not a crash); a send still running after the wait is interrupted. */
    @Override
    public void destroy() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
    }
}
