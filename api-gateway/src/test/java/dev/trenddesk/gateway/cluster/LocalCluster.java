package dev.trenddesk.gateway.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes of a cluster on loopback, as ClusterFailoverIT and ClusterTradingBenchmarkIT start them:
 * Debian's PostgreSQL, the standalone BingX simulator, N nodes of the packaged jar (every role, one
 * database, one master key) and HAProxy with deploy/haproxy/haproxy.cfg. Each test chooses the simulator's
 * clock, the nodes' JVM options and extra arguments; what every node of a cluster needs (database, master
 * key, admin password, node id, the simulator's addresses, forwarded headers, drain, JSON logs) is set
 * here. Every process is a {@link ClusterProcess}: {@link ClusterProcess#stopAll()} ends them.
 *
 * <p>Where the jars and the HAProxy file are: the system properties failsafe sets ({@code
 * trenddesk.test.jar}, {@code trenddesk.test.simulator-jar}, {@code trenddesk.test.haproxy-config}).
 */
final class LocalCluster {

    private static final Pattern SERVER_LINE = Pattern.compile("^(\\s*server node-)(\\d+)( .*)$");

    private final Path dir;
    private final String adminPassword;
    private final String masterKey;
    private final Map<String, String> nodeEnvironment;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ClusterProcess> nodes = new ArrayList<>();
    private final Map<String, Integer> nodePorts = new LinkedHashMap<>();
    private DebianPostgres postgres;
    private ClusterProcess simulator;
    private ClusterProcess haproxy;
    private int simulatorPort;
    private int balancerPort;

    /**
     * A cluster whose processes keep their folders and logs under {@code dir}; every node gets this admin
     * password, a master key generated here and {@code nodeEnvironment} on top.
     */
    LocalCluster(Path dir, String adminPassword, Map<String, String> nodeEnvironment) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.adminPassword = adminPassword;
        this.masterKey = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        this.nodeEnvironment = Map.copyOf(nodeEnvironment);
    }

    Path dir() {
        return dir;
    }

    /** PostgreSQL in {@code dir/postgres}, with these server settings on top of the test defaults. */
    DebianPostgres startPostgres(Map<String, String> settings) throws IOException, InterruptedException {
        postgres = DebianPostgres.start(dir.resolve("postgres"), freePort(), "cluster-db-" + token(12), settings);
        return postgres;
    }

    /**
     * The standalone simulator in {@code dir/simulator} on a free port, with these JVM options and
     * simulator options (see SimulatorMain: {@code --speed N}, {@code --stepped}, {@code --no-rate-limits},
     * {@code --data DIR}, ...); waits until it answers.
     */
    ClusterProcess startSimulator(List<String> jvmOptions, List<String> options) throws IOException {
        Path jar = Path.of(System.getProperty(
                        "trenddesk.test.simulator-jar", "../bingx-simulator/target/bingx-simulator.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the simulator's standalone jar " + jar + " is missing: run mvn verify");
        }
        simulatorPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--port", Integer.toString(simulatorPort)));
        command.addAll(options);
        simulator = new ClusterProcess("simulator", dir.resolve("simulator"), command, Map.of());
        simulator.start();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!simulator.isAlive()) {
                        throw new AssertionError("the simulator exited:\n" + simulator.tail(30));
                    }
                    return status(simulatorPort, "/sim/clock") == 200;
                });
        return simulator;
    }

    /**
     * Node {@code node-<n>} (n = nodes so far + 1) of the packaged jar, not started: these JVM options, the
     * settings every cluster node needs, then {@code arguments}.
     */
    ClusterProcess addNode(List<String> jvmOptions, List<String> arguments) throws IOException {
        Path jar = Path.of(System.getProperty("trenddesk.test.jar", "target/trenddesk.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the packaged jar " + jar + " is missing: run the tests with mvn verify");
        }
        if (postgres == null || simulator == null) {
            throw new IllegalStateException("start PostgreSQL and the simulator before the nodes");
        }
        String name = "node-" + (nodes.size() + 1);
        int port = freePort();
        nodePorts.put(name, port);
        Map<String, String> env = new HashMap<>(nodeEnvironment);
        env.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", DebianPostgres.USER);
        env.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        env.put("TRENDDESK_MASTER_KEY", masterKey);
        env.put("TRENDDESK_ADMIN_PASSWORD", adminPassword);
        env.put("TRENDDESK_NODE_ID", name);
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--server.forward-headers-strategy=framework",
                "--trenddesk.exchange.base-url=http://127.0.0.1:" + simulatorPort,
                "--trenddesk.exchange.ws-url=ws://127.0.0.1:" + simulatorPort + "/swap-market",
                "--trenddesk.demo.enabled=false",
                "--trenddesk.shutdown.drain=5s",
                "--trenddesk.logging.format=json"));
        command.addAll(arguments);
        ClusterProcess node = new ClusterProcess(name, dir.resolve(name), command, env);
        nodes.add(node);
        return node;
    }

    /**
     * Starts every node added so far as docs/cluster.md says: the first one creates the schema and the
     * bootstrap admin, the others join an existing store once it is ready.
     */
    void startNodes(Duration startLimit) throws IOException {
        nodes.getFirst().start();
        awaitReady(nodes.getFirst(), startLimit);
        for (ClusterProcess node : nodes.subList(1, nodes.size())) {
            node.start();
        }
        for (ClusterProcess node : nodes.subList(1, nodes.size())) {
            awaitReady(node, startLimit);
        }
    }

    void awaitReady(ClusterProcess node, Duration limit) {
        int port = nodePorts.get(node.name());
        await().atMost(limit).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!node.isAlive()) {
                throw new AssertionError(
                        node.name() + " exited during start; see " + node.log() + "\n" + node.tail(40));
            }
            return status(port, "/actuator/health/readiness") == 200;
        });
    }

    /**
     * HAProxy in {@code dir/haproxy} in front of the nodes added so far, with the repository's
     * configuration: as it is for three nodes; for another count with a {@code server node-N} line per
     * node in each backend, as docs/cluster.md tells an operator to do (written next to the logs).
     */
    ClusterProcess startBalancer() throws IOException {
        Path original = Path.of(System.getProperty("trenddesk.test.haproxy-config", "../deploy/haproxy/haproxy.cfg"))
                .toAbsolutePath();
        Path haproxyDir = Files.createDirectories(dir.resolve("haproxy"));
        Path config = original;
        if (nodes.size() != 3) {
            config = haproxyDir.resolve("haproxy-" + nodes.size() + "-nodes.cfg");
            Files.writeString(
                    config,
                    withServers(Files.readString(original, StandardCharsets.UTF_8), nodes.size()),
                    StandardCharsets.UTF_8);
        }
        String executable = Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
        balancerPort = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("TRENDDESK_LISTEN", "127.0.0.1:" + balancerPort);
        nodePorts.forEach(
                (name, port) -> env.put("TRENDDESK_NODE_" + name.substring("node-".length()), "127.0.0.1:" + port));
        haproxy = new ClusterProcess("haproxy", haproxyDir, List.of(executable, "-db", "-f", config.toString()), env);
        haproxy.start();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!haproxy.isAlive()) {
                        throw new AssertionError("HAProxy exited (apt-get install haproxy):\n" + haproxy.tail(30));
                    }
                    return status(balancerPort, "/actuator/health/readiness") == 200;
                });
        return haproxy;
    }

    /** The configuration with one {@code server node-N} line per node 1..count in each backend. */
    static String withServers(String config, int count) {
        StringBuilder out = new StringBuilder();
        for (String line : config.split("\n", -1)) {
            Matcher server = SERVER_LINE.matcher(line);
            if (!server.matches()) {
                out.append(line).append('\n');
                continue;
            }
            int n = Integer.parseInt(server.group(2));
            if (n == 1) {
                for (int i = 1; i <= count; i++) {
                    out.append(server.group(1))
                            .append(i)
                            .append(server.group(3).replace("TRENDDESK_NODE_1", "TRENDDESK_NODE_" + i))
                            .append('\n');
                }
            }
        }
        return out.substring(0, out.length() - 1);
    }

    DebianPostgres postgres() {
        return postgres;
    }

    ClusterProcess simulator() {
        return simulator;
    }

    /** HAProxy, null before {@link #startBalancer()}. */
    ClusterProcess haproxy() {
        return haproxy;
    }

    int simulatorPort() {
        return simulatorPort;
    }

    int balancerPort() {
        return balancerPort;
    }

    List<ClusterProcess> nodes() {
        return List.copyOf(nodes);
    }

    int port(ClusterProcess node) {
        return nodePorts.get(node.name());
    }

    /** The HTTP status of a GET on loopback, -1 when there is no answer within 3 s. */
    int status(int port, String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(3))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String token(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
