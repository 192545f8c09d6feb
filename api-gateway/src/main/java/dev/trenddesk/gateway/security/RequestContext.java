package dev.trenddesk.gateway.security;

import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a request came from and the trace id that follows it into every event it causes.
 * {@code browser} is the coarse family of the User-Agent ({@link BrowserFamily}, e.g. "Chrome on
 * Linux"), never the full string.
 */
public record RequestContext(String clientIp, String traceId, String browser) {

    public static final String TRACE_HEADER = "X-Trace-Id";
    /** A proxy's request id (HAProxy's unique-id, nginx's $request_id), taken as the trace id when sane. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** W3C Trace Context: {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}. */
    public static final String TRACEPARENT_HEADER = "traceparent";

    private static final String ATTRIBUTE = RequestContext.class.getName();
    private static final Pattern TRACE_ID = Pattern.compile("^[A-Za-z0-9-]{8,64}$");
    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");
    private static final String INVALID_TRACE = "0".repeat(32);

    /** The context of this exchange, created on first use. */
    public static RequestContext of(ServerWebExchange exchange) {
        RequestContext context = exchange.getAttribute(ATTRIBUTE);
        if (context == null) {
            ServerHttpRequest request = exchange.getRequest();
            String traceId = offeredTraceId(request);
            InetSocketAddress remote = request.getRemoteAddress();
            String ip = remote == null
                    ? "unknown"
                    : remote.getAddress() == null
                            ? remote.getHostString()
                            : remote.getAddress().getHostAddress();
            String browser = BrowserFamily.of(request.getHeaders().getFirst("User-Agent"));
            context = new RequestContext(ip, traceId, browser);
            exchange.getAttributes().put(ATTRIBUTE, context);
        }
        return context;
    }

    /**
     * The caller's trace id when it is sane: {@code X-Trace-Id}, else the trace id of a W3C {@code traceparent},
     * else a proxy's {@code X-Request-Id}; otherwise a new one. Sane: 8 to 64 letters, digits and dashes, so a
     * header can never put anything else into a log line or an event's metadata.
     */
    static String offeredTraceId(ServerHttpRequest request) {
        String trace = request.getHeaders().getFirst(TRACE_HEADER);
        if (trace != null && TRACE_ID.matcher(trace).matches()) {
            return trace;
        }
        String parent = request.getHeaders().getFirst(TRACEPARENT_HEADER);
        if (parent != null) {
            Matcher w3c = TRACEPARENT.matcher(parent.trim());
            if (w3c.matches() && !w3c.group(1).equals(INVALID_TRACE)) {
                return w3c.group(1);
            }
        }
        String requestId = request.getHeaders().getFirst(REQUEST_ID_HEADER);
        if (requestId != null && TRACE_ID.matcher(requestId).matches()) {
            return requestId;
        }
        return UUID.randomUUID().toString();
    }
}
