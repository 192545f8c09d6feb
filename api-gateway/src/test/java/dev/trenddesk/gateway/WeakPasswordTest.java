package dev.trenddesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.Names;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Passwords that are easy to guess are refused wherever a password is set: at registration, when
 * people change their own, and when an admin resets one. The refusal names the field and says why.
 */
@IntegrationTest
class WeakPasswordTest {

    @LocalServerPort
    int port;

    private People people;

    @BeforeEach
    void setUp() {
        people = new People(port);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {"aaaaaaaaaaaa", "password1234", "            ", "123456789012", "Password123!", "trenddesk2024"})
    void registrationRefusesEasyToGuessPassword(String weak) {
        String username = Names.unique("weak");
        Api.Response response = people.admin()
                .post(
                        "/api/admin/users",
                        Map.of(
                                "username",
                                username,
                                "email",
                                username + "@example.com",
                                "password",
                                weak,
                                "role",
                                "trader"));
        assertRefused(response, "password");
        assertThat(people.admin().get("/api/admin/users").json().findValuesAsText("username"))
                .as("no such account was made")
                .doesNotContain(username);
    }

    @Test
    void registrationRefusesUsernameOrEmailWithALittleAdded() {
        String username = Names.unique("weak");
        assertRefused(
                people.admin()
                        .post(
                                "/api/admin/users",
                                Map.of(
                                        "username",
                                        username,
                                        "email",
                                        username + "@example.com",
                                        "password",
                                        username + "2024",
                                        "role",
                                        "trader")),
                "password");

        String other = Names.unique("u");
        String mailbox = Names.unique("margaret.hilda");
        assertRefused(
                people.admin()
                        .post(
                                "/api/admin/users",
                                Map.of(
                                        "username",
                                        other,
                                        "email",
                                        mailbox + "@example.com",
                                        "password",
                                        mailbox + "!",
                                        "role",
                                        "trader")),
                "password");
    }

    @Test
    void ownPasswordChangeRefusesEasyToGuessPassword() {
        Person trader = people.create("trader");
        Api api = trader.login();
        for (String weak : new String[] {"password1234", "aaaaaaaaaaaa", "            ", trader.username() + "1"}) {
            assertRefused(
                    api.put("/api/me/password", Map.of("currentPassword", trader.password(), "newPassword", weak)),
                    "newPassword");
        }
        assertThat(Api.at(port).login(trader.username(), trader.password()).status())
                .as("the old password still works")
                .isEqualTo(200);
    }

    @Test
    void adminResetRefusesEasyToGuessPassword() {
        Person trader = people.create("trader");
        for (String weak : new String[] {"password1234", "aaaaaaaaaaaa", "            ", trader.username() + "1"}) {
            assertRefused(
                    people.admin().put("/api/admin/users/" + trader.id() + "/password", Map.of("password", weak)),
                    "password");
        }
        assertThat(Api.at(port).login(trader.username(), trader.password()).status())
                .as("the old password still works")
                .isEqualTo(200);
    }

    @Test
    void strongPassphraseIsAccepted() {
        Person trader = people.create("trader");
        assertThat(trader.login()
                        .put(
                                "/api/me/password",
                                Map.of(
                                        "currentPassword",
                                        trader.password(),
                                        "newPassword",
                                        "violet kettle orbit marmalade"))
                        .status())
                .isEqualTo(204);
    }

    /** Refused as a value outside its rules (422, as for a too short password), naming the field and saying why. */
    private static void assertRefused(Api.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
        assertThat(response.json().get("errors").get(0).get("message").asText()).containsIgnoringCase("guess");
    }
}
