package dev.trenddesk.api.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Which addresses a webhook must never reach (docs/notifications.md, "Webhook addresses"): the gateway
 * refuses them written into a URL, the dispatcher refuses a name that resolves to one when it sends.
 * Internal: unspecified (0/8, ::), loopback (127/8, ::1), link-local (169.254/16 with cloud metadata,
 * fe80::/10), private (10/8, 172.16/12, 192.168/16, fc00::/7), shared (100.64/10) and multicast; an IPv6
 * address carrying an IPv4 one (mapped, compatible) as that IPv4 address.
 */
public final class InternalAddresses {

    /** An IPv4 address in any form Java reads without a lookup: dotted with 1 to 4 parts of digits. */
    private static final Pattern NUMERIC_V4 = Pattern.compile("^[0-9]+(\\.[0-9]+){0,3}$");

    private InternalAddresses() {}

    /** Whether the address lies in a range no public receiver lives in. */
    public static boolean internal(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16 && embedsV4(b)) {
            try {
                return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()
                || (b.length == 4 && (b[0] == 0 || (b[0] == 100 && (b[1] & 0xc0) == 64)))
                || (b.length == 16 && (b[0] & 0xfe) == 0xfc);
    }

    /** Whether the address is one of this machine's loopback addresses (127/8, ::1, or ::ffff:127.x). */
    public static boolean loopback(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16 && embedsV4(b) && !allZeroBut(b)) {
            return b[12] == 127;
        }
        return address.isLoopbackAddress();
    }

    /**
     * Whether the host, as written in a URL, is an address (dotted, a single number or IPv6, bracketed or
     * not) that is {@link #internal}; a name is not resolved here and gives false. A written address Java
     * cannot read counts as internal.
     */
    public static boolean internalLiteral(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!NUMERIC_V4.matcher(literal).matches() && !literal.contains(":")) {
            return false;
        }
        try {
            return internal(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /** ::ffff:a.b.c.d (mapped) or ::a.b.c.d (compatible, deprecated but still routed by some stacks). */
    private static boolean embedsV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = b[10] == 0 && b[11] == 0 && !allZeroBut(b);
        return mapped || compatible;
    }

    /** ::, ::1 — IPv6's own unspecified and loopback addresses, not IPv4-compatible ones. */
    private static boolean allZeroBut(byte[] b) {
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[15] & 0xff) <= 1 && b[10] == 0;
    }
}
