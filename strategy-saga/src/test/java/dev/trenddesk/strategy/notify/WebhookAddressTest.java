package dev.trenddesk.strategy.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.trenddesk.api.notify.InternalAddresses;
import dev.trenddesk.api.notify.NotificationChannel;
import dev.trenddesk.api.notify.NotificationKind;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a webhook request connects: a name is looked up once, at send time, with a resolver this test
 * controls; any internal address among its answers refuses the attempt for good (FAILED, not retried);
 * loopback passes only with allow-http-loopback; and the request goes to the address that was checked.
 */
class WebhookAddressTest {

    static final String SECRET = "receiver-secret-0123456789";
    static HttpServer receiver;
    static final List<String> hosts = new CopyOnWriteArrayList<>();

    /** What the "DNS" answers, and how often it was asked. */
    final Map<String, InetAddress[]> dns = new ConcurrentHashMap<>();

    final AtomicInteger lookups = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
    }

    Senders senders(boolean allowLoopback) {
        return new Senders(
                new ObjectMapper(),
                Duration.ofSeconds(2),
                "http://127.0.0.1:9",
                Clock.systemUTC(),
                allowLoopback,
                host -> {
                    lookups.incrementAndGet();
                    InetAddress[] answer = dns.get(host);
                    if (answer == null) {
                        throw new UnknownHostException(host);
                    }
                    return answer;
                });
    }

    static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    static NotificationStore.Claim claim() {
        return new NotificationStore.Claim(
                "webhook:test:" + UUID.randomUUID(),
                UUID.randomUUID(),
                NotificationChannel.WEBHOOK,
                NotificationKind.TEST,
                "Test message from TrendDesk",
                "A test.",
                "{}",
                0,
                Instant.now());
    }

    String url(String host) {
        return "http://" + host + ":" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void aNameResolvingToAnInternalAddressIsRefusedForGoodAfterOneLookup() throws Exception {
        for (String internal : List.of("10.0.0.5", "169.254.169.254", "192.168.1.10", "100.64.0.1", "fd00::1")) {
            dns.put("hooks.example.test", new InetAddress[] {ip(internal)});
            lookups.set(0);
            try (Senders senders = senders(true)) {
                SendResult result = senders.webhook(claim(), url("hooks.example.test"), SECRET);
                assertThat(result.delivered()).isFalse();
                assertThat(result.retryable())
                        .as("refused for good, no retry storm")
                        .isFalse();
                assertThat(result.error())
                        .isEqualTo("refused: hooks.example.test resolves to an internal address ("
                                + ip(internal).getHostAddress() + ")");
                assertThat(lookups).hasValue(1);
            }
        }
    }

    @Test
    void oneInternalAddressAmongPublicOnesIsEnough() throws Exception {
        dns.put("mixed.example.test", new InetAddress[] {ip("93.184.216.34"), ip("10.1.2.3")});
        try (Senders senders = senders(false)) {
            SendResult result = senders.webhook(claim(), url("mixed.example.test"), SECRET);
            assertThat(result.retryable()).isFalse();
            assertThat(result.error()).contains("internal address (10.1.2.3)");
        }
    }

    @Test
    void loopbackPassesOnlyWhereAllowedAndTheRequestGoesToTheCheckedAddress() throws Exception {
        dns.put("rebinding.example.test", new InetAddress[] {ip("127.0.0.1")});
        try (Senders senders = senders(false)) {
            SendResult refused = senders.webhook(claim(), url("rebinding.example.test"), SECRET);
            assertThat(refused.retryable()).isFalse();
            assertThat(refused.error()).contains("internal address (127.0.0.1)");
        }
        hosts.clear();
        lookups.set(0);
        try (Senders senders = senders(true)) {
            SendResult sent = senders.webhook(claim(), url("rebinding.example.test"), SECRET);
            assertThat(sent.delivered()).as(String.valueOf(sent)).isTrue();
            // the name exists only in this test's resolver: the request reached the address it answered,
            // asked once, with the name kept for the Host header (and, over https, for SNI and the certificate)
            assertThat(lookups).hasValue(1);
            assertThat(hosts)
                    .containsExactly(
                            "rebinding.example.test:" + receiver.getAddress().getPort());
        }
    }

    @Test
    void aNameThatDoesNotResolveIsTriedAgainLater() {
        try (Senders senders = senders(false)) {
            SendResult result = senders.webhook(claim(), url("nowhere.example.test"), SECRET);
            assertThat(result.retryable()).isTrue();
            assertThat(result.error()).isEqualTo("could not resolve the host name");
        }
    }

    @Test
    void theRulesAreTheOnesTheGatewayAppliesToWrittenAddresses() throws Exception {
        for (String internal : List.of(
                "10.0.0.5",
                "172.16.0.1",
                "192.168.0.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.255",
                "0.0.0.0",
                "0.1.2.3",
                "127.0.0.2",
                "224.0.0.1",
                "::1",
                "::",
                "fe80::1",
                "fd12::1",
                "fc00::1",
                "ff02::1")) {
            assertThat(InternalAddresses.internal(ip(internal))).as(internal).isTrue();
        }
        for (String external : List.of("93.184.216.34", "100.128.0.1", "172.32.0.1", "8.8.8.8", "2606:4700::1111")) {
            assertThat(InternalAddresses.internal(ip(external))).as(external).isFalse();
        }
        // IPv6 forms carrying an IPv4 address are judged as that address
        byte[] compatible = new byte[16];
        compatible[12] = 10;
        compatible[15] = 1;
        assertThat(InternalAddresses.internal(Inet6Address.getByAddress(null, compatible, null)))
                .as("::10.0.0.1")
                .isTrue();
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        assertThat(InternalAddresses.internal(Inet6Address.getByAddress(null, mapped, null)))
                .as("::ffff:169.254.169.254")
                .isTrue();
        assertThat(InternalAddresses.loopback(ip("127.0.0.1"))).isTrue();
        assertThat(InternalAddresses.loopback(ip("::1"))).isTrue();
        assertThat(InternalAddresses.loopback(ip("10.0.0.1"))).isFalse();
    }
}
