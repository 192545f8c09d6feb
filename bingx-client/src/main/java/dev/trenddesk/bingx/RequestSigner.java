package dev.trenddesk.bingx;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests exactly as BingX does: {@code signature = hex(HMAC-SHA256(secret, paramString))}
 * where paramString is {@code k=v&k=v} in the order sent. Business params are sent sorted by name,
 * then {@code recvWindow}, then {@code timestamp} (the official samples' order), and
 * {@code &signature=...} is appended last.
 *
 * <p>Values are URL-encoded on the wire (JSON-valued params such as stopLoss need it). The signature
 * covers the raw values by default, or the encoded ones when {@code signEncoded} is set; for values
 * without special characters both forms are the same. Never log the secret or a Mac built from it.
 */
final class RequestSigner {

    private static final HexFormat HEX = HexFormat.of();

    private final Mac prototype;
    private final boolean signEncoded;

    RequestSigner(String secretKey, boolean signEncoded) {
        this.signEncoded = signEncoded;
        try {
            this.prototype = Mac.getInstance("HmacSHA256");
            this.prototype.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** hex(HMAC-SHA256(secret, paramString)). */
    String sign(String paramString) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            synchronized (prototype) {
                return HEX.formatHex(prototype.doFinal(paramString.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return HEX.formatHex(mac.doFinal(paramString.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The signed query string to send (already URL-encoded), for the given business params.
     *
     * @param params       business params (any order; sent sorted by name)
     * @param recvWindowMs recvWindow in ms, or a value below 1 to leave it out
     * @param timestamp    request time in ms, on the server's clock
     */
    String signedQuery(Map<String, String> params, long recvWindowMs, long timestamp) {
        StringBuilder raw = new StringBuilder(128);
        StringBuilder wire = new StringBuilder(160);
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            append(raw, wire, e.getKey(), e.getValue());
        }
        if (recvWindowMs > 0) {
            append(raw, wire, "recvWindow", Long.toString(recvWindowMs));
        }
        append(raw, wire, "timestamp", Long.toString(timestamp));
        String signature = sign(signEncoded ? wire.toString() : raw.toString());
        return wire.append("&signature=").append(signature).toString();
    }

    private static void append(StringBuilder raw, StringBuilder wire, String key, String value) {
        if (!raw.isEmpty()) {
            raw.append('&');
            wire.append('&');
        }
        raw.append(key).append('=').append(value);
        wire.append(key).append('=').append(encode(value));
    }

    /** URL-encodes a query value (spaces as %20). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The query string of unsigned (public) params, URL-encoded, sorted by name. */
    static String publicQuery(Map<String, String> params) {
        StringBuilder wire = new StringBuilder(64);
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (!wire.isEmpty()) {
                wire.append('&');
            }
            wire.append(e.getKey()).append('=').append(encode(e.getValue()));
        }
        return wire.toString();
    }
}
