package dev.trenddesk.gateway.security;

import java.time.Duration;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The session cookie: HttpOnly, SameSite=Strict, Path=/. Over TLS it is Secure and named with the
 * {@code __Host-} prefix (which browsers accept only on Secure cookies); over plain HTTP (local
 * mode on a laptop) it is {@code td_session} without Secure. Behind a TLS-terminating proxy, see
 * {@link #overTls}. See docs/adr/0005.
 */
@Component
public class SessionCookies {

    static final String SECURE_NAME = "__Host-td_session";
    static final String PLAIN_NAME = "td_session";

    public String read(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(SECURE_NAME);
        if (cookie == null) {
            cookie = exchange.getRequest().getCookies().getFirst(PLAIN_NAME);
        }
        return cookie == null ? null : cookie.getValue();
    }

    public void write(ServerWebExchange exchange, String token, Duration maxAge) {
        exchange.getResponse().addCookie(build(exchange, token, maxAge));
    }

    public void clear(ServerWebExchange exchange) {
        exchange.getResponse().addCookie(build(exchange, "", Duration.ZERO));
    }

    /**
     * Whether the browser's connection is TLS: this process holds the TLS connection, or the request's
     * scheme is https. Behind a proxy that ends TLS the scheme is https only when the gateway trusts the
     * proxy's X-Forwarded-Proto, which it does with {@code server.forward-headers-strategy} set
     * ({@code framework} or {@code native}); without it the header is ignored, as any client could send it.
     */
    public static boolean overTls(ServerWebExchange exchange) {
        return exchange.getRequest().getSslInfo() != null
                || "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme());
    }

    private static ResponseCookie build(ServerWebExchange exchange, String value, Duration maxAge) {
        boolean secure = overTls(exchange);
        return ResponseCookie.from(secure ? SECURE_NAME : PLAIN_NAME, value)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Strict")
                .path("/")
                .maxAge(maxAge)
                .build();
    }
}
