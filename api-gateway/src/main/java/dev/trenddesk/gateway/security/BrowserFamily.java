package dev.trenddesk.gateway.security;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The coarse family of a User-Agent, e.g. {@code Chrome on Linux}: browser name and operating
 * system only, never versions or the full string, so it tells a new browser apart without
 * fingerprinting anybody. A client that is no known browser is named by its first product token
 * ({@code curl}, {@code Java-http-client}); no header at all gives {@code unknown}.
 */
final class BrowserFamily {

    public static final String UNKNOWN = "unknown";
    private static final Pattern PRODUCT = Pattern.compile("^([A-Za-z][A-Za-z0-9._-]{0,31})");

    private BrowserFamily() {}

    public static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String ua = userAgent.length() > 512 ? userAgent.substring(0, 512) : userAgent;
        String browser = browser(ua);
        if (browser == null) {
            Matcher product = PRODUCT.matcher(ua.trim());
            return product.find() && !product.group(1).equalsIgnoreCase("Mozilla") ? product.group(1) : UNKNOWN;
        }
        String os = os(ua);
        return os == null ? browser : browser + " on " + os;
    }

    private static String browser(String ua) {
        if (ua.contains("Edg/") || ua.contains("EdgA/") || ua.contains("EdgiOS/")) {
            return "Edge";
        }
        if (ua.contains("OPR/") || ua.contains("Opera")) {
            return "Opera";
        }
        if (ua.contains("SamsungBrowser/")) {
            return "Samsung Internet";
        }
        if (ua.contains("Firefox/") || ua.contains("FxiOS/")) {
            return "Firefox";
        }
        if (ua.contains("Chrome/") || ua.contains("CriOS/") || ua.contains("Chromium/")) {
            return "Chrome";
        }
        if (ua.contains("Safari/") && ua.contains("Version/")) {
            return "Safari";
        }
        return null;
    }

    private static String os(String ua) {
        String lower = ua.toLowerCase(Locale.ROOT);
        if (lower.contains("iphone") || lower.contains("ipad") || lower.contains("ipod")) {
            return "iOS";
        }
        if (lower.contains("android")) {
            return "Android";
        }
        if (lower.contains("cros")) {
            return "ChromeOS";
        }
        if (lower.contains("windows")) {
            return "Windows";
        }
        if (lower.contains("mac os x") || lower.contains("macintosh")) {
            return "macOS";
        }
        if (lower.contains("linux") || lower.contains("x11")) {
            return "Linux";
        }
        return null;
    }
}
