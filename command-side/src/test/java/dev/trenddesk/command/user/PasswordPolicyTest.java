package dev.trenddesk.command.user;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The password rules on their own: length, and guessability as a strength estimator sees it. */
class PasswordPolicyTest {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
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
        assertThatThrownBy(() -> PasswordPolicy.check("password", new Password(weak), "carol"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("password: ");
    }

    @Test
    void refusesTheUsernameWithALittleAdded() {
        assertThatThrownBy(() -> PasswordPolicy.check("password", new Password("aliceliddell1"), "aliceliddell"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("password: ");
        assertThatThrownBy(() -> PasswordPolicy.check("newPassword", new Password("Carol-Trader-2024"), "carol-trader"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("newPassword: ");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "correct horse battery staple",
            "a brand new passphrase",
            "set by the admin 42",
            "Zx8#mQ2!vLp9",
    })
    void acceptsPasswordsThatAreHardToGuess(String strong) {
        assertThatCode(() -> PasswordPolicy.check("password", new Password(strong), "carol")).doesNotThrowAnyException();
    }
}
