package dev.trenddesk.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.Node;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The session and XSRF cookies carry Secure when the browser's connection is TLS. Behind a proxy that
 * ends TLS, the gateway learns that from X-Forwarded-Proto, but only when told to trust forwarded
 * headers ({@code server.forward-headers-strategy}); plain HTTP on localhost (local mode) keeps working.
 */
@IntegrationTest
class SecureCookieTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    int port;

    @Test
    void localModeOverPlainHttpSetsCookiesWithoutSecureAndTheSessionWorks() throws Exception {
        Login login = login(port, Optional.empty());
        assertThat(login.xsrfCookie()).doesNotContainIgnoringCase("secure");
        assertThat(login.sessionCookie())
                .startsWith("td_session=")
                .containsIgnoringCase("HttpOnly")
                .contains("SameSite=Strict")
                .doesNotContainIgnoringCase("secure");
        assertThat(me(port, login.sessionCookie(), Optional.empty())).isEqualTo(200);
    }

    @Test
    void forwardedProtoIsNotTrustedWithoutAForwardHeadersStrategy() throws Exception {
        Login login = login(port, Optional.of("https"));
        assertThat(login.sessionCookie()).startsWith("td_session=").doesNotContainIgnoringCase("secure");
        assertThat(login.xsrfCookie()).doesNotContainIgnoringCase("secure");
    }

    @ParameterizedTest(name = "server.forward-headers-strategy={0}")
    @ValueSource(strings = {"framework", "native"})
    void behindATlsProxyBothCookiesAreSecureAndPlainHttpStillWorks(String strategy) throws Exception {
        try (Node node = Node.start(
                "trenddesk.database.embedded.data-dir=" + System.getProperty("trenddesk.test.build-dir", "target")
                        + "/test-postgres/secure-cookie",
                "server.forward-headers-strategy=" + strategy)) {
            Login tls = login(node.port(), Optional.of("https"));
            assertThat(tls.xsrfCookie()).startsWith("XSRF-TOKEN=").containsIgnoringCase("; Secure");
            assertThat(tls.sessionCookie())
                    .startsWith("__Host-td_session=")
                    .containsIgnoringCase("; Secure")
                    .containsIgnoringCase("HttpOnly")
                    .contains("SameSite=Strict")
                    .contains("Path=/")
                    .doesNotContain("Domain=");
            assertThat(me(node.port(), tls.sessionCookie(), Optional.of("https")))
                    .isEqualTo(200);

            Login plain = login(node.port(), Optional.of("http"));
            assertThat(plain.sessionCookie()).startsWith("td_session=").doesNotContainIgnoringCase("secure");
            assertThat(plain.xsrfCookie()).doesNotContainIgnoringCase("secure");
            assertThat(me(node.port(), plain.sessionCookie(), Optional.empty())).isEqualTo(200);
        }
    }

    record Login(String xsrfCookie, String sessionCookie) {}

    /** Logs in as the test admin the way a browser would, through a proxy that says {@code proto} when present. */
    private static Login login(int port, Optional<String> proto) throws IOException, InterruptedException {
        HttpRequest.Builder csrf = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/csrf"));
        proto.ifPresent(p -> csrf.header("X-Forwarded-Proto", p));
        HttpResponse<String> first = HTTP.send(csrf.build(), HttpResponse.BodyHandlers.ofString());
        String xsrfCookie = setCookie(first, "XSRF-TOKEN=");
        String token = xsrfCookie.substring("XSRF-TOKEN=".length(), xsrfCookie.indexOf(';'));

        HttpRequest.Builder login = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .header("Cookie", "XSRF-TOKEN=" + token)
                .header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + IntegrationTest.ADMIN
                        + "\",\"password\":\"" + IntegrationTest.ADMIN_PASSWORD + "\"}"));
        proto.ifPresent(p -> login.header("X-Forwarded-Proto", p));
        HttpResponse<String> response = HTTP.send(login.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String session = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("td_session=") || c.startsWith("__Host-td_session="))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no session cookie in " + response.headers().map()));
        return new Login(xsrfCookie, session);
    }

    private static int me(int port, String sessionCookie, Optional<String> proto)
            throws IOException, InterruptedException {
        HttpRequest.Builder me = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me"))
                .header("Cookie", sessionCookie.substring(0, sessionCookie.indexOf(';')));
        proto.ifPresent(p -> me.header("X-Forwarded-Proto", p));
        return HTTP.send(me.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String setCookie(HttpResponse<?> response, String prefix) {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        return cookies.stream()
                .filter(c -> c.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " cookie in " + cookies));
    }
}
