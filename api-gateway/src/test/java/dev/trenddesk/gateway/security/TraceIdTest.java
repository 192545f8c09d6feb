package dev.trenddesk.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.config.LogContext;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** The trace id of a request: which caller's header is taken, which is refused, and where it goes. */
class TraceIdTest {

    private static String traceOf(MockServerHttpRequest.BaseBuilder<?> request) {
        return RequestContext.of(MockServerWebExchange.from(request)).traceId();
    }

    @Test
    void theCallersSaneTraceIdIsKept() {
        assertThat(traceOf(MockServerHttpRequest.get("/").header("X-Trace-Id", "my-trace-0001")))
                .isEqualTo("my-trace-0001");
    }

    @Test
    void aW3cTraceparentGivesItsTraceId() {
        assertThat(traceOf(MockServerHttpRequest.get("/")
                        .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")))
                .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void aProxysRequestIdIsTakenLast() {
        assertThat(traceOf(MockServerHttpRequest.get("/").header("X-Request-Id", "haproxy-7f3a9c01")))
                .isEqualTo("haproxy-7f3a9c01");
        assertThat(traceOf(MockServerHttpRequest.get("/")
                        .header("X-Request-Id", "haproxy-7f3a9c01")
                        .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")))
                .isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(traceOf(MockServerHttpRequest.get("/")
                        .header("X-Request-Id", "haproxy-7f3a9c01")
                        .header("X-Trace-Id", "my-trace-0001")))
                .isEqualTo("my-trace-0001");
    }

    @Test
    void anythingElseGetsANewOne() {
        for (String hostile : new String[] {
            "short", "has spaces in it", "line\nbreak-injected", "x".repeat(65), "{\"json\":\"injection\"}"
        }) {
            String trace = traceOf(
                    MockServerHttpRequest.get("/").header("X-Trace-Id", hostile).header("X-Request-Id", hostile));
            assertThat(trace).as(hostile).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }
        assertThat(traceOf(MockServerHttpRequest.get("/")
                        .header("traceparent", "00-00000000000000000000000000000000-b7ad6b7169203331-01")))
                .as("the all-zero trace id is invalid in W3C Trace Context")
                .hasSize(36);
        assertThat(traceOf(MockServerHttpRequest.get("/")
                        .header("traceparent", "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01")))
                .as("upper-case hex is invalid in W3C Trace Context")
                .hasSize(36);
    }

    @Test
    void theFilterAnswersItAndPutsItIntoTheReactorContext() {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.get("/").header("X-Trace-Id", "my-trace-0001"));
        AtomicReference<String> seen = new AtomicReference<>();
        new TraceIdFilter()
                .filter(
                        exchange,
                        ignored -> Mono.deferContextual(context -> {
                            seen.set(context.getOrDefault(LogContext.TRACE_ID, null));
                            return Mono.empty();
                        }))
                .block();
        assertThat(seen.get()).isEqualTo("my-trace-0001");
        assertThat(exchange.getResponse().getHeaders().getFirst("X-Trace-Id")).isEqualTo("my-trace-0001");
    }
}
