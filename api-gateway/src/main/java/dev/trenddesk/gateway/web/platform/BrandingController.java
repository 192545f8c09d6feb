package dev.trenddesk.gateway.web.platform;

import dev.trenddesk.api.platform.BrandingView;
import dev.trenddesk.api.platform.PlatformQueries.FindBranding;
import dev.trenddesk.gateway.web.platform.PlatformSettingsDtos.BrandingResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The brand the platform carries (white label), read without login: the login page shows it before anyone logs in.
 * Admins change it on the platform settings ({@link PlatformSettingsController}).
 */
@RestController
@Tag(name = "branding", description = "The platform's brand, read without login")
class BrandingController {

    private final QueryGateway queries;

    BrandingController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(
            summary = "The platform's brand: product name, primary colour, support e-mail, legal footer, logo URL"
                    + " (no login needed)")
    @GetMapping("/api/branding")
    public Mono<BrandingResponse> branding() {
        return read(queries, false).map(BrandingResponse::of);
    }

    @Operation(summary = "The brand's logo (PNG, JPEG or WebP; no login needed); 404 when there is none")
    @GetMapping("/api/branding/logo")
    public Mono<ResponseEntity<byte[]>> logo(ServerWebExchange exchange) {
        return read(queries, true).flatMap(view -> {
            if (view.logo() == null) {
                return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no logo"));
            }
            String etag = '"' + view.logoSha256() + '"';
            CacheControl cache = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();
            if (exchange.checkNotModified(etag)) {
                // the browser's copy is this logo: 304 without the bytes
                return Mono.just(ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                        .eTag(etag)
                        .cacheControl(cache)
                        .build());
            }
            return Mono.just(ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(view.logoContentType()))
                    .header("X-Content-Type-Options", "nosniff")
                    .cacheControl(cache)
                    .eTag(etag)
                    .body(view.logo()));
        });
    }

    static Mono<BrandingView> read(QueryGateway queries, boolean withLogo) {
        return Mono.fromFuture(
                        () -> queries.query(new FindBranding(withLogo), ResponseTypes.instanceOf(BrandingView.class)))
                .subscribeOn(Schedulers.boundedElastic())
                .defaultIfEmpty(BrandingView.initial());
    }
}
