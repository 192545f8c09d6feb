package dev.trenddesk.gateway.web.notify;

import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.notify.InternalAddresses;
import dev.trenddesk.api.notify.NotificationKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a channel's values must look like (docs/notifications.md). A webhook URL is absolute https with a
 * host and no user or password in it; plain http is accepted only for a loopback host, and a loopback host
 * only when {@code trenddesk.notifications.allow-http-loopback} is on (tests): production receivers are
 * never this machine.
 */
final class NotificationFormat {

    static final Pattern BOT_TOKEN = Pattern.compile("^[0-9]{1,20}:[A-Za-z0-9_-]{30,100}$");
    static final Pattern CHAT_ID = Pattern.compile("^(-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$");
    static final int SECRET_MIN = 16;
    static final int SECRET_MAX = 256;
    static final int URL_MAX = 2048;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private NotificationFormat() {}

    static void url(String url, boolean allowLoopback, List<FieldViolation> out) {
        String field = "webhook.url";
        if (url == null || url.isBlank()) {
            out.add(new FieldViolation(field, "is required"));
            return;
        }
        if (url.length() > URL_MAX) {
            out.add(new FieldViolation(field, "is longer than " + URL_MAX + " characters"));
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            out.add(new FieldViolation(field, "is not a valid URL"));
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host == null || host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
            out.add(new FieldViolation(field, "must be an absolute https URL with a host"));
            return;
        }
        if (uri.getRawUserInfo() != null) {
            out.add(new FieldViolation(field, "must not contain a user name or password"));
            return;
        }
        boolean loopback = LOOPBACK.contains(host) || host.endsWith(".localhost");
        if (loopback && !allowLoopback) {
            out.add(new FieldViolation(field, "must not point at this server (localhost)"));
            return;
        }
        if (!loopback && InternalAddresses.internalLiteral(host)) {
            out.add(new FieldViolation(field, "must not point at a private, link-local or otherwise internal address"));
            return;
        }
        if (scheme.equals("http") && !loopback) {
            out.add(new FieldViolation(field, "must use https"));
        }
    }

    static void secret(String secret, List<FieldViolation> out) {
        if (secret.length() < SECRET_MIN || secret.length() > SECRET_MAX) {
            out.add(new FieldViolation(
                    "webhook.secret", "must be " + SECRET_MIN + " to " + SECRET_MAX + " characters long"));
        } else if (!secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            out.add(new FieldViolation("webhook.secret", "must be printable ASCII without spaces"));
        }
    }

    static void botToken(String token, List<FieldViolation> out) {
        if (!BOT_TOKEN.matcher(token).matches()) {
            out.add(new FieldViolation(
                    "telegram.botToken", "is not a Telegram bot token (digits, a colon, then 30 or more characters)"));
        }
    }

    static void chatId(String chatId, List<FieldViolation> out) {
        if (chatId == null || chatId.isBlank()) {
            out.add(new FieldViolation("telegram.chatId", "is required"));
        } else if (!CHAT_ID.matcher(chatId).matches()) {
            out.add(new FieldViolation("telegram.chatId", "must be a number (negative for a group) or @channelname"));
        }
    }

    static void events(String field, List<NotificationKind> events, List<FieldViolation> out) {
        if (events == null) {
            return;
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == null) {
                out.add(new FieldViolation(field + "[" + i + "]", "is null"));
            } else if (!events.get(i).choosable()) {
                out.add(new FieldViolation(field + "[" + i + "]", "cannot be chosen (it is the test button's)"));
            }
        }
        if (events.stream().distinct().count() != events.size()) {
            out.add(new FieldViolation(field, "names an event more than once"));
        }
    }
}
