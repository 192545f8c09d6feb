package dev.trenddesk.strategy.notify;

import dev.trenddesk.api.notify.InternalAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Where a webhook request connects (docs/notifications.md, "Webhook addresses"): the host name is looked up
 * once, when the connection is made, and refused when any address it gives is internal by {@link
 * InternalAddresses} (loopback allowed only with {@code allow-http-loopback}); the connection then goes to
 * the addresses that were checked, never to a second lookup's (a name re-pointed in between: DNS rebinding).
 */
final class WebhookResolver implements DnsResolver {

    /** The lookup itself, replaceable in tests. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] all(String host) throws UnknownHostException;
    }

    /** A host whose addresses include an internal one: the attempt is refused for good. */
    static final class InternalAddressException extends UnknownHostException {
        InternalAddressException(String host, InetAddress address) {
            super(host + " resolves to an internal address (" + address.getHostAddress() + ")");
        }
    }

    private final Lookup lookup;
    private final boolean allowLoopback;

    WebhookResolver(Lookup lookup, boolean allowLoopback) {
        this.lookup = lookup;
        this.allowLoopback = allowLoopback;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = lookup.all(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            if (InternalAddresses.internal(address) && !(allowLoopback && InternalAddresses.loopback(address))) {
                throw new InternalAddressException(host, address);
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        // never a second lookup: the name as written
        return host;
    }
}
