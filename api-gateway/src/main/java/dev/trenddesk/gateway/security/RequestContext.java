package dev.trenddesk.gateway.security;

import java.net.InetSocketAddress;
import java.util.UUID;
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
    private static final String ATTRIBUTE = RequestContext.class.getName();
    private static final Pattern TRACE_ID = Pattern.compile("^[A-Za-z0-9-]{8,64}$");

    /** The context of this exchange, created on first use. */
    public static RequestContext of(ServerWebExchange exchange) {
        RequestContext context = exchange.getAttribute(ATTRIBUTE);
        if (context == null) {
            ServerHttpRequest request = exchange.getRequest();
            String offered = request.getHeaders().getFirst(TRACE_HEADER);
            String traceId = offered != null && TRACE_ID.matcher(offered).matches()
                    ? offered
                    : UUID.randomUUID().toString();
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
}
