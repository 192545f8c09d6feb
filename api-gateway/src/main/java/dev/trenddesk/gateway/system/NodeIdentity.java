package dev.trenddesk.gateway.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * The name of this node in a cluster: {@code trenddesk.node.id} (environment {@code TRENDDESK_NODE_ID}), or when
 * it is not set {@code <hostname>-<pid>}. It is defined on the environment before anything reads it, so logback
 * ({@code springProperty}), Axon's token claims ({@code token_entry.owner}), the node registry and every bean see
 * the same value. Registered in {@code META-INF/spring.factories}.
 */
public final class NodeIdentity implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY = "trenddesk.node.id";

    /** At most 64 characters of letters, digits, dot, underscore and hyphen: it is shown, logged and stored. */
    static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final String SOURCE = "trenddeskNodeIdentity";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(PROPERTY);
        if (configured == null) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(SOURCE, Map.of(PROPERTY, derived(hostname(), pid()))));
            return;
        }
        if (!VALID.matcher(configured).matches()) {
            throw new IllegalStateException(PROPERTY + " (TRENDDESK_NODE_ID) must be 1 to 64 letters, digits, '.', '_'"
                    + " or '-', starting with a letter or digit; it is \"" + configured + "\"");
        }
    }

    /** This node's id, as every part of the process sees it. */
    public static String of(Environment environment) {
        return environment.getRequiredProperty(PROPERTY);
    }

    /** After the configuration files are read, so a value set in one of them is kept. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * {@code <hostname>-<pid>}, the host name cut at its first dot and reduced to the characters of a node id, so
     * that the result is always {@link #VALID}.
     */
    static String derived(String hostname, long pid) {
        String suffix = "-" + pid;
        String host = hostname == null ? "" : hostname.strip();
        int dot = host.indexOf('.');
        if (dot > 0) {
            host = host.substring(0, dot);
        }
        host = host.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        if (host.isEmpty()) {
            host = "node";
        }
        int room = 64 - suffix.length();
        return (host.length() > room ? host.substring(0, room) : host) + suffix;
    }

    private static long pid() {
        return ProcessHandle.current().pid();
    }

    /** The host name without a DNS lookup where the system tells it (HOSTNAME, /etc/hostname). */
    static String hostname() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            Path etcHostname = Path.of("/etc/hostname");
            if (Files.isReadable(etcHostname)) {
                String name = Files.readString(etcHostname).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException | SecurityException unreadable) {
            // fall through to the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            return "node";
        }
    }
}
