package dev.trenddesk.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.context.SecurityContext;
import reactor.core.publisher.Mono;

/** One request, one reading of its session: authorization and the controller see the same person. */
class SessionSecurityContextRepositoryTest {

    @Test
    void aRequestsSessionIsReadOnceAndStaysWhatItWasWhenTheRequestWasLetIn() {
        WebSessionStore sessions = mock(WebSessionStore.class);
        SessionCookies cookies = mock(SessionCookies.class);
        when(cookies.read(any())).thenReturn("session-token");
        SessionUser admin = new SessionUser(new UserId(UUID.randomUUID()), "admin", Role.ADMIN, Set.of());
        AtomicInteger reads = new AtomicInteger();
        // the first read finds the session; it is deleted right after (the admin was erased meanwhile)
        when(sessions.find("session-token"))
                .thenReturn(Mono.defer(() -> reads.incrementAndGet() == 1 ? Mono.just(admin) : Mono.empty()));
        SessionSecurityContextRepository repository = new SessionSecurityContextRepository(sessions, cookies);

        Mono<SecurityContext> context =
                repository.load(MockServerWebExchange.from(MockServerHttpRequest.get("/api/me")));

        SecurityContext forAuthorization = context.block();
        SecurityContext forTheController = context.block();
        assertThat(forAuthorization).isNotNull();
        assertThat(forTheController).as("the principal the controller gets").isNotNull();
        assertThat(forTheController.getAuthentication().getPrincipal()).isSameAs(admin);
        assertThat(reads).hasValue(1);
    }
}
