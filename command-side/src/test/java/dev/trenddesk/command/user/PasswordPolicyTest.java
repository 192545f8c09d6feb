package dev.trenddesk.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.Password;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The password rules on their own: length, and guessability as a strength estimator sees it. */
class PasswordPolicyTest {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "aaaaaaaaaaaa",
                "password1234",
                "            ",
                "123456789012",
                "qwertyuiop12",
                "Password123!",
                "iloveyou2024",
                "abcdefghijkl",
                "123123123123",
            })
    void refusesPasswordsThatAreEasyToGuess(String weak) {
        assertThatThrownBy(() -> PasswordPolicy.check("password", new Password(weak), "carol", "carol@example.com"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("password: ");
    }

    @Test
    void refusesTheUsernameWithALittleAdded() {
        assertThatThrownBy(() -> PasswordPolicy.check(
                        "password", new Password("aliceliddell1"), "aliceliddell", "alice@example.com"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("password: ");
        assertThatThrownBy(() ->
                        PasswordPolicy.check("newPassword", new Password("Carol-Trader-2024"), "carol-trader", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("newPassword: ");
    }

    @Test
    void refusesTheEmailAddressOrItsPartsWithALittleAdded() {
        for (String weak : List.of("margaret.hilda!", "margarethilda77", "Margaret.Hilda.1", "acme-trading-2024")) {
            assertThatThrownBy(() -> PasswordPolicy.check(
                            "password", new Password(weak), "mh", "margaret.hilda@acme-trading.com"))
                    .as(weak)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("username or e-mail address");
        }
    }

    @Test
    void refusesTheProductNameWithALittleAdded() {
        assertThatThrownBy(() -> PasswordPolicy.check("password", new Password("TrendDesk2024!"), "carol", null))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void explainsWhyAndHowToDoBetter() {
        assertThatThrownBy(() -> PasswordPolicy.check("password", new Password("password1234"), "carol", null))
                .hasMessage("password: is too easy to guess: This is a very common password. "
                        + "Add another word or two. Uncommon words are better.");
    }

    @Test
    void keepsTheLengthRules() {
        assertThatThrownBy(() -> PasswordPolicy.check("password", new Password("Zx8#mQ2!vL"), "carol", null))
                .hasMessage("password: must be at least 12 characters");
        assertThatThrownBy(() -> PasswordPolicy.check("password", new Password("x".repeat(129)), "carol", null))
                .hasMessage("password: must be at most 128 characters");
        assertThatThrownBy(() -> PasswordPolicy.check(
                        "password", new Password(" Carol-Trader-Of-Doom "), "carol-trader-of-doom", null))
                .hasMessage("password: must not be the username");
    }

    @Test
    void longPasswordIsJudgedQuicklyOnItsFirst64Characters() {
        String strongStart = "violet kettle orbit marmalade " + "a".repeat(98);
        long start = System.nanoTime();
        assertThatCode(() -> PasswordPolicy.check("password", new Password(strongStart), "carol", null))
                .doesNotThrowAnyException();
        String weakStart = "1qaz2wsx3edc".repeat(6) + "violet kettle orbit marmalade " + "Zx8#mQ2!vLp9".repeat(3);
        assertThatThrownBy(() ->
                        PasswordPolicy.check("password", new Password(weakStart.substring(0, 128)), "carol", null))
                .as("the strong tail lies past the 64 characters that are estimated")
                .isInstanceOf(InvalidInputException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void personalWordsAreTheUsernameTheAddressAndTheirParts() {
        assertThat(PasswordPolicy.personalWords("Carol.Smith", "c.smith@acme-trading.co.uk"))
                .contains(
                        "carol.smith",
                        "carolsmith",
                        "carol",
                        "smith",
                        "c.smith@acme-trading.co.uk",
                        "acme-trading",
                        "acmetrading",
                        "acme",
                        "trading",
                        "trenddesk",
                        "bingx")
                .doesNotContain("c", "co", "uk");
    }

    /** The README's demo traders and the tests' bootstrap admins (BootstrapUsers gives them these addresses). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "alice, alice@demo.trenddesk.local, alice-demo-password",
        "bob, bob@demo.trenddesk.local, bob-demo-password",
        "root, root@trenddesk.local, root-password-for-tests",
        "admin, admin@trenddesk.local, crash-test-admin-password-7Qx",
    })
    void acceptsTheDocumentedDemoAndTestPasswords(String username, String email, String password) {
        assertThatCode(() -> PasswordPolicy.check("password", new Password(password), username, email))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "correct horse battery staple",
                "a brand new passphrase",
                "set by the admin 42",
                "Zx8#mQ2!vLp9",
                "alice-demo-password",
                "root-password-for-tests",
            })
    void acceptsPasswordsThatAreHardToGuess(String strong) {
        assertThatCode(() -> PasswordPolicy.check("password", new Password(strong), "carol", "carol@example.com"))
                .doesNotThrowAnyException();
    }
}
