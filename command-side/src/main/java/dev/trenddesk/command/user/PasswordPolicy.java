package dev.trenddesk.command.user;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.Password;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The password rules: 12 to 128 characters, not the username, and hard to guess.
 *
 * <p>Guessability is estimated by zxcvbn (the Java port zxcvbn4j), which looks for common
 * passwords, words, names, keyboard patterns, repeats, sequences and dates, and counts how many
 * guesses an attacker who knows these tricks needs. Its built-in dictionaries are shipped in its
 * jar: the 30,000 most common passwords (from a public breach corpus), English words (Wikipedia),
 * words from US TV and film, and common first names and surnames. The person's own username and
 * e-mail address, and the product's name, are added as words an attacker tries first.
 *
 * <p>The score needed is {@value #MIN_SCORE} of 4: at least 10^8 guesses, zxcvbn's "safely
 * unguessable" level, which holds out against an offline attack on a slow hash (passwords are
 * stored as Argon2id hashes); score 2 only holds out against throttled online guessing. Score 4
 * (10^10) would refuse many memorable passphrases of four common words.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    /** The zxcvbn score (0 to 4) a password needs. */
    public static final int MIN_SCORE = 3;
    /**
     * Only this many leading characters are estimated: the estimate of a 128-character password
     * takes up to a second of CPU, and a prefix is never rated stronger than the whole password.
     */
    static final int ESTIMATED_LENGTH = 64;
    /** Words anyone attacking this platform tries. */
    private static final List<String> PRODUCT_WORDS = List.of("trenddesk", "bingx");

    private static final String USER_INPUTS = "user_inputs";

    private static final Zxcvbn ESTIMATOR = new Zxcvbn();

    private PasswordPolicy() {}

    /**
     * Throws {@link InvalidInputException} on {@code field} when the password breaks a rule.
     * {@code username} and {@code email} are the account's; either may be null.
     */
    public static void check(String field, Password password, String username, String email) {
        String value = password == null ? "" : password.value();
        int length = value.codePointCount(0, value.length());
        if (length < MIN_LENGTH) {
            throw new InvalidInputException(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidInputException(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (username != null
                && value.trim().toLowerCase(Locale.ROOT).equals(username.trim().toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException(field, "must not be the username");
        }
        String estimated =
                length <= ESTIMATED_LENGTH ? value : value.substring(0, value.offsetByCodePoints(0, ESTIMATED_LENGTH));
        Strength strength = ESTIMATOR.measure(estimated, personalWords(username, email));
        if (strength.getScore() < MIN_SCORE) {
            throw new InvalidInputException(field, explain(strength));
        }
    }

    /** The username, the e-mail address and their parts, as words an attacker of this account tries first. */
    static List<String> personalWords(String username, String email) {
        Set<String> words = new LinkedHashSet<>();
        addWithParts(words, username);
        if (email != null) {
            String address = email.trim().toLowerCase(Locale.ROOT);
            words.add(address);
            int at = address.lastIndexOf('@');
            if (at > 0) {
                addWithParts(words, address.substring(0, at));
                String[] labels = address.substring(at + 1).split("\\.");
                for (int i = 0; i < labels.length - 1; i++) {
                    addWithParts(words, labels[i]);
                }
            }
        }
        words.addAll(PRODUCT_WORDS);
        words.removeIf(word -> word.length() < 3);
        return new ArrayList<>(words);
    }

    private static void addWithParts(Set<String> words, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        String lower = text.trim().toLowerCase(Locale.ROOT);
        words.add(lower);
        String[] parts = lower.split("[^\\p{L}\\p{N}]+");
        if (parts.length > 1) {
            words.add(String.join("", parts));
            words.addAll(List.of(parts));
        }
    }

    private static String explain(Strength strength) {
        StringBuilder message = new StringBuilder("is too easy to guess");
        Feedback feedback = strength.getFeedback();
        List<String> reasons = new ArrayList<>();
        boolean personal = strength.getSequence().stream()
                .map(match -> match.dictionaryName)
                .anyMatch(USER_INPUTS::equals);
        if (personal) {
            reasons.add("It contains your username or e-mail address (or the product's name).");
        }
        String warning = feedback.getWarning(Locale.ENGLISH);
        if (warning != null && !warning.isBlank()) {
            reasons.add(warning);
        }
        reasons.addAll(feedback.getSuggestions(Locale.ENGLISH));
        if (reasons.isEmpty()) {
            reasons.add("Use a longer password, e.g. four or five uncommon words.");
        }
        message.append(": ").append(String.join(" ", reasons));
        return message.toString();
    }
}
