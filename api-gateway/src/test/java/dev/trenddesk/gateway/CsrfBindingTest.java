package dev.trenddesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The CSRF token is bound to the session: a token (cookie and header alike) from another session is
 * refused, and logging in issues a new token, so the one from before the login stops working.
 */
@IntegrationTest
class CsrfBindingTest {

    @LocalServerPort
    int port;

    @Test
    void aTokenFromAnotherSessionIsRefused() {
        People people = new People(port);
        Api alice = people.create("trader").login();
        Api mallory = people.create("trader").login();
        String mallorysToken = mallory.cookie("XSRF-TOKEN");
        assertThat(mallorysToken).isNotNull().isNotEqualTo(alice.cookie("XSRF-TOKEN"));

        // a sibling site plants its own token as Alice's XSRF-TOKEN cookie and sends it as the header
        alice.setCookie("XSRF-TOKEN", mallorysToken);
        Api.Response forged = alice.put("/api/me/settings", Map.of());
        assertThat(forged.status()).as(forged.toString()).isEqualTo(403);
        assertThat(forged.json().get("detail").asText()).contains("CSRF");
        assertThat(alice.get("/api/me").status())
                .as("the session itself is fine")
                .isEqualTo(200);
        assertThat(alice.cookie("XSRF-TOKEN"))
                .as("the next answer hands Alice her own token again")
                .isNotEqualTo(mallorysToken);
        assertThat(alice.post("/api/auth/logout", null).status()).isEqualTo(204);
    }

    @Test
    void loginIssuesANewTokenAndThePreLoginOneStopsWorking() {
        People people = new People(port);
        People.Person trader = people.create("trader");
        Api api = Api.at(port);
        assertThat(api.get("/api/auth/csrf").status()).isEqualTo(200);
        String before = api.cookie("XSRF-TOKEN");
        assertThat(before).isNotNull();

        Api.Response login = api.login(trader.username(), trader.password());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.headers().entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                        .flatMap(e -> e.getValue().stream())
                        .anyMatch(c -> c.startsWith("XSRF-TOKEN=")))
                .as("the login answer sets a new XSRF-TOKEN cookie")
                .isTrue();
        String after = api.cookie("XSRF-TOKEN");
        assertThat(after).isNotEqualTo(before);
        assertThat(api.get("/api/auth/csrf").json().get("token").asText()).isEqualTo(after);

        api.setCookie("XSRF-TOKEN", before);
        assertThat(api.post("/api/auth/logout", null).status())
                .as("the pre-login token")
                .isEqualTo(403);
        api.setCookie("XSRF-TOKEN", after);
        assertThat(api.post("/api/auth/logout", null).status()).isEqualTo(204);
    }
}
