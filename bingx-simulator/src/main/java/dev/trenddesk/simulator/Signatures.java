package dev.trenddesk.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * BingX request signatures: hex HMAC-SHA256 of the parameter string exactly as received, without its
 * {@code signature=...} member. Upper- and lower-case hex are both accepted.
 */
final class Signatures {

    private static final String SIGNATURE = "signature=";

    private Signatures() {}

    static String hmacSha256Hex(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The {@code signature} value of a raw parameter string, if present. */
    static Optional<String> signatureOf(String paramString) {
        for (String pair : paramString.split("&")) {
            if (pair.startsWith(SIGNATURE)) {
                return Optional.of(Params.decode(pair.substring(SIGNATURE.length())))
                        .filter(s -> !s.isEmpty());
            }
        }
        return Optional.empty();
    }

    /** The string the signature covers: the received parameters minus {@code signature}, in order. */
    static String signedPayload(String paramString, SignaturePayload form) {
        List<String> kept = new ArrayList<>();
        for (String pair : paramString.split("&")) {
            if (pair.isEmpty() || pair.startsWith(SIGNATURE)) {
                continue;
            }
            if (form == SignaturePayload.AS_RECEIVED) {
                kept.add(pair);
            } else {
                int eq = pair.indexOf('=');
                kept.add(
                        eq < 0
                                ? Params.decode(pair)
                                : Params.decode(pair.substring(0, eq)) + "=" + Params.decode(pair.substring(eq + 1)));
            }
        }
        return String.join("&", kept);
    }

    /** Constant-time comparison of the expected signature with the presented one, case-insensitive. */
    static boolean verify(String secret, String payload, String presented) {
        byte[] expected = hmacSha256Hex(secret, payload).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = presented.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
