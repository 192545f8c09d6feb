package dev.trenddesk.strategy.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request (docs/notifications.md): {@code sha256=} and the lower-case hex
 * HMAC-SHA256 of the exact body bytes under the channel's secret, in header {@value #SIGNATURE_HEADER}.
 * The body carries the same {@code timestamp} as header {@value #TIMESTAMP_HEADER}, so a receiver that
 * checks the signature and then the body's timestamp can refuse a replayed old request.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-TrendDesk-Signature";
    public static final String TIMESTAMP_HEADER = "X-TrendDesk-Timestamp";
    public static final String DELIVERY_HEADER = "X-TrendDesk-Delivery";
    public static final String KIND_HEADER = "X-TrendDesk-Event";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {}

    /** {@code sha256=<hex>} of {@code body} under {@code secret}. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(String secret, byte[] body, String signatureHeader) {
        if (signatureHeader == null) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(secret, body).getBytes(StandardCharsets.US_ASCII),
                signatureHeader.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
