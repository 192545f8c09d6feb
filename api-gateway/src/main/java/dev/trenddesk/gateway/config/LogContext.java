package dev.trenddesk.gateway.config;

import io.micrometer.context.ContextRegistry;
import java.util.Map;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

/**
 * Who and what a log line is about (docs/logging.md): the MDC keys {@code traceId} and {@code userId}, carried
 * across WebFlux's threads by Reactor's context propagation and into Axon's command, event and saga handlers by
 * the messages' metadata.
 *
 * <p>On the web side a request's filters put both keys into the Reactor context; with
 * {@code spring.reactor.context-propagation=auto} Reactor copies the context into the MDC whenever the request's
 * work runs on a thread, through the accessors {@link #registerWithReactor()} registers. On the Axon side the
 * {@link #handlerInterceptor() handler interceptor} sets them from the message's {@code traceId} and
 * {@code actorId} while its handler runs, and puts back what was there before.
 */
public final class LogContext {

    /** The MDC key and Reactor context key of the request's trace id. */
    public static final String TRACE_ID = "traceId";

    /** The MDC key and Reactor context key of the logged-in user's id. */
    public static final String USER_ID = "userId";

    private LogContext() {}

    /**
     * Lets Reactor carry {@link #TRACE_ID} and {@link #USER_ID} from a subscriber's context into the MDC of the
     * thread that runs its work. Registering again replaces the accessors of the same key.
     */
    public static void registerWithReactor() {
        for (String key : new String[] {TRACE_ID, USER_ID}) {
            ContextRegistry.getInstance()
                    .registerThreadLocalAccessor(
                            key, () -> MDC.get(key), value -> MDC.put(key, value), () -> MDC.remove(key));
        }
    }

    /** {@code work} with this trace id in its Reactor context, and so in the MDC of its log lines. */
    public static <T> Mono<T> withTraceId(Mono<T> work, String traceId) {
        return work.contextWrite(context -> context.put(TRACE_ID, traceId));
    }

    /** {@code work} with this user id in its Reactor context, and so in the MDC of its log lines. */
    public static <T> Mono<T> withUserId(Mono<T> work, String userId) {
        return work.contextWrite(context -> context.put(USER_ID, userId));
    }

    /**
     * The user id a message's metadata names as its actor, or null: a platform component
     * ({@code system:...}) or nobody ({@code anonymous}, {@code anonymous:<username>} of a failed login) is no user.
     */
    static String userOf(MetaData metaData) {
        Object actor = metaData.get(AxonConfiguration.ACTOR_ID);
        if (!(actor instanceof String id) || id.isBlank() || id.startsWith("anonymous") || id.startsWith("system")) {
            return null;
        }
        return id;
    }

    static String traceOf(MetaData metaData) {
        Object trace = metaData.get(AxonConfiguration.TRACE_ID);
        return trace instanceof String id && !id.isBlank() ? id : null;
    }

    /** Sets the MDC's trace and user id from the handled message's metadata while its handler runs. */
    public static <T extends Message<?>> MessageHandlerInterceptor<T> handlerInterceptor() {
        return new MdcFromMetaData<>();
    }

    private static final class MdcFromMetaData<T extends Message<?>> implements MessageHandlerInterceptor<T> {

        @Override
        public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain chain) throws Exception {
            MetaData metaData = unitOfWork.getMessage().getMetaData();
            Map<String, String> before = MDC.getCopyOfContextMap();
            set(TRACE_ID, traceOf(metaData));
            set(USER_ID, userOf(metaData));
            try {
                return chain.proceed();
            } finally {
                if (before == null) {
                    MDC.remove(TRACE_ID);
                    MDC.remove(USER_ID);
                } else {
                    MDC.setContextMap(before);
                }
            }
        }

        private static void set(String key, String value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }
}
