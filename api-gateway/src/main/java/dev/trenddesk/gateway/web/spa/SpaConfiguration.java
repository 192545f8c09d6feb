package dev.trenddesk.gateway.web.spa;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the web dashboard (the {@code frontend} module's jar puts it under {@code classpath:/static}).
 * Client-side routes such as {@code /dashboard} or {@code /admin/users} answer with {@code index.html}
 * (never cached, so a new release is picked up at once); the hashed files under {@code /assets/} are
 * cached for a year as immutable. {@code /api/**}, {@code /actuator/**} and {@code /v3/**} are never
 * answered here, and neither is a path whose last segment names a file (it has a dot), so a missing
 * asset stays a 404 instead of becoming HTML.
 */
@Configuration(proxyBeanMethods = false)
class SpaConfiguration implements WebFluxConfigurer {

    /** Path prefixes that belong to the server, never to the single-page app. */
    static final List<String> SERVER_PREFIXES = List.of("/api", "/actuator", "/v3", "/swagger-ui", "/webjars");

    private static final Resource INDEX = new ClassPathResource("static/index.html");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }

    @Bean
    RouterFunction<ServerResponse> singlePageAppRoutes() {
        return RouterFunctions.route(SpaConfiguration::isClientRoute, request -> ServerResponse.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .bodyValue(INDEX));
    }

    /** A GET or HEAD for a page of the app: not a server path, not a file, and the app is on the classpath. */
    static boolean isClientRoute(ServerRequest request) {
        HttpMethod method = request.method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        return isClientPath(request.path()) && INDEX.exists();
    }

    static boolean isClientPath(String path) {
        for (String prefix : SERVER_PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return false;
            }
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
