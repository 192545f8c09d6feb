package dev.trenddesk.api.platform;

import dev.trenddesk.api.common.InvalidInputException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A brand's logo: PNG, JPEG or WebP, at most {@value #MAX_BYTES} bytes, recognised by its magic bytes (a declared
 * type is never trusted). SVG is refused: it can carry script.
 *
 * @param bytes       the image
 * @param contentType image/png, image/jpeg or image/webp, as the bytes say
 */
public record BrandingLogo(byte[] bytes, String contentType) {

    public static final int MAX_BYTES = 100 * 1024;

    /** The image in {@code base64}; 422 {@code logo} when it is not base64, too big or not PNG, JPEG or WebP. */
    public static BrandingLogo fromBase64(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("logo", "must be the image in base64");
        }
        if (bytes.length == 0) {
            throw new InvalidInputException("logo", "must be the image in base64 (null removes the logo)");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException(
                    "logo", "is " + bytes.length + " bytes: at most " + MAX_BYTES + " bytes (100 KiB)");
        }
        String type = detect(bytes);
        if (type == null) {
            throw new InvalidInputException(
                    "logo", "must be a PNG, JPEG or WebP image (SVG is refused: it can carry script)");
        }
        return new BrandingLogo(bytes, type);
    }

    /** The content type the magic bytes say, or null when they are none of PNG, JPEG, WebP. */
    public static String detect(byte[] b) {
        if (b.length >= 8
                && (b[0] & 0xff) == 0x89
                && b[1] == 'P'
                && b[2] == 'N'
                && b[3] == 'G'
                && b[4] == 0x0d
                && b[5] == 0x0a
                && b[6] == 0x1a
                && b[7] == 0x0a) {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 12
                && b[0] == 'R'
                && b[1] == 'I'
                && b[2] == 'F'
                && b[3] == 'F'
                && b[8] == 'W'
                && b[9] == 'E'
                && b[10] == 'B'
                && b[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
