package dev.trenddesk.api.credentials;

import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape a BingX API key and secret must have before anything is encrypted or stored: 8 to 128
 * printable ASCII characters without spaces (BingX issues 64 letters and digits). Messages never
 * repeat the value.
 */
public final class CredentialsFormat {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private CredentialsFormat() {}

    /** Throws {@link InvalidInputException} naming {@code apiKey} and/or {@code secretKey} when either is malformed. */
    public static void check(String apiKey, String secretKey) {
        List<FieldViolation> violations = new ArrayList<>();
        problem(apiKey).ifPresent(message -> violations.add(new FieldViolation("apiKey", message)));
        problem(secretKey).ifPresent(message -> violations.add(new FieldViolation("secretKey", message)));
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /** The last four characters, as shown to people: {@code ****Ab12}. */
    public static String mask(String apiKey) {
        return apiKey.length() <= 4 ? "****" : "****" + apiKey.substring(apiKey.length() - 4);
    }

    private static java.util.Optional<String> problem(String value) {
        if (value == null || value.isEmpty()) {
            return java.util.Optional.of("is required");
        }
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            return java.util.Optional.of("must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return java.util.Optional.of("may contain only printable ASCII characters without spaces "
                        + "(letters, digits, punctuation), as BingX issues them");
            }
        }
        return java.util.Optional.empty();
    }
}
