package dev.trenddesk.bingx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** Turns BingX WebSocket payloads into text: binary frames are GZIP-compressed, text frames are plain. */
final class WsFrames {

    private WsFrames() {}

    /** The text of a frame payload, gunzipped when it starts with the GZIP magic bytes. */
    static String text(byte[] payload) {
        if (payload.length >= 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(payload))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("corrupt GZIP frame", e);
            }
        }
        return new String(payload, StandardCharsets.UTF_8);
    }
}
