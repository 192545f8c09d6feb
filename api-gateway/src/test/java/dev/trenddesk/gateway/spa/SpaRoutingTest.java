package dev.trenddesk.gateway.spa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The gateway serves the dashboard for client-side routes without shadowing the server's own paths. */
@IntegrationTest
class SpaRoutingTest {

    @LocalServerPort
    int port;

    @Test
    void clientSideRoutesAnswerWithTheUncachedIndexPage() {
        for (String route : new String[] {"/", "/login", "/dashboard", "/admin/users", "/users/abc/dashboard"}) {
            Api.Response response = Api.at(port).get(route);
            assertThat(response.status()).as(route).isEqualTo(200);
            assertThat(response.header("Content-Type")).as(route).startsWith("text/html");
            assertThat(response.body()).as(route).contains("<div id=\"root\">");
            assertThat(response.header("Cache-Control")).as(route).contains("no-cache");
        }
    }

    @Test
    void hashedAssetsAreCachedAsImmutable() {
        String index = Api.at(port).get("/dashboard").body();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
        assertThat(script.find())
                .as("index.html names its script under /assets/")
                .isTrue();
        Api.Response asset = Api.at(port).get(script.group(1));
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.header("Cache-Control")).contains("max-age=31536000").contains("immutable");
    }

    @Test
    void serverPathsAreNotShadowed() {
        Api.Response api = Api.at(port).get("/api/me");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("Content-Type")).contains("json");
        Api.Response unknownApi = Api.at(port).get("/api/no-such-endpoint");
        assertThat(unknownApi.header("Content-Type")).doesNotContain("text/html");
        Api.Response docs = Api.at(port).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.header("Content-Type")).contains("json");
        Api.Response health = Api.at(port).get("/actuator/health");
        assertThat(health.header("Content-Type")).contains("json");
    }

    @Test
    void aMissingFileStaysNotFound() {
        assertThat(Api.at(port).get("/assets/no-such-file.js").status()).isEqualTo(404);
        assertThat(Api.at(port).get("/favicon-missing.png").status()).isEqualTo(404);
    }
}
