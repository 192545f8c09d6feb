package dev.trenddesk.gateway.spa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The frontend's TypeScript types are generated from {@code frontend/openapi.json}; this test fails
 * when the running application's {@code /v3/api-docs} no longer matches that snapshot, so an API
 * change cannot silently leave the dashboard's types behind.
 *
 * <p>To refresh the snapshot after an intended API change, run this test with
 * {@code -Dopenapi.snapshot.update=true} (or the environment variable {@code OPENAPI_SNAPSHOT_UPDATE=true}):
 * {@code mvn -pl api-gateway -am test -Dtest=OpenApiSnapshotTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dopenapi.snapshot.update=true}; it writes the file (keys sorted, the random server URL removed),
 * and the next frontend build regenerates the types from it.
 */
@IntegrationTest
class OpenApiSnapshotTest {

    static final Path SNAPSHOT = Path.of("..", "frontend", "openapi.json");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @LocalServerPort
    int port;

    @Test
    void liveOpenApiDocumentMatchesTheFrontendSnapshot() throws IOException {
        Api.Response response = Api.at(port).get("/v3/api-docs");
        assertThat(response.status()).as("GET /v3/api-docs").isEqualTo(200);
        JsonNode live = normalized(response.json());
        String rendered = JSON.writeValueAsString(live) + "\n";

        if (updateRequested()) {
            Files.writeString(SNAPSHOT, rendered, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(SNAPSHOT))
                .as(SNAPSHOT.toAbsolutePath() + " exists (create it with " + "-Dopenapi.snapshot.update=true)")
                .isTrue();
        JsonNode snapshot = JSON.readTree(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
        List<String> differences = new ArrayList<>();
        diff("", snapshot, live, differences);
        assertThat(differences)
                .as("frontend/openapi.json differs from the live /v3/api-docs; if the API change is intended, "
                        + "refresh it with: mvn -pl api-gateway -am test -Dtest=OpenApiSnapshotTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.snapshot.update=true")
                .isEmpty();
    }

    @Test
    void normalizingSortsKeysAndDropsTheServerList() {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.putArray("servers").addObject().put("url", "http://localhost:12345");
        document.put("openapi", "3.1.0");
        document.putObject("info").put("title", "t");
        JsonNode normalized = normalized(document);
        assertThat(normalized.has("servers")).isFalse();
        List<String> names = new ArrayList<>();
        normalized.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("info", "openapi");
    }

    @Test
    void diffNamesTheChangedPath() {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        a.putObject("paths").putObject("/api/me").put("x", 1);
        ObjectNode b = a.deepCopy();
        ((ObjectNode) b.get("paths")).putObject("/api/new");
        List<String> differences = new ArrayList<>();
        diff("", a, b, differences);
        assertThat(differences).containsExactly("/paths//api/new: only in the live document");
    }

    private static boolean updateRequested() {
        return Boolean.parseBoolean(System.getProperty("openapi.snapshot.update"))
                || Boolean.parseBoolean(System.getenv("OPENAPI_SNAPSHOT_UPDATE"));
    }

    /** Keys sorted at every level and {@code servers} (which holds the random test port) removed. */
    static JsonNode normalized(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                sorted.put(field.getKey(), normalized(field.getValue()));
            }
            sorted.remove("servers");
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            sorted.forEach(result::set);
            return result;
        }
        if (node.isArray()) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> result.add(normalized(element)));
            return result;
        }
        return node;
    }

    static void diff(String path, JsonNode snapshot, JsonNode live, List<String> out) {
        if (snapshot.isObject() && live.isObject()) {
            snapshot.fieldNames().forEachRemaining(name -> {
                if (!live.has(name)) {
                    out.add(path + "/" + name + ": only in the snapshot");
                } else {
                    diff(path + "/" + name, snapshot.get(name), live.get(name), out);
                }
            });
            live.fieldNames().forEachRemaining(name -> {
                if (!snapshot.has(name)) {
                    out.add(path + "/" + name + ": only in the live document");
                }
            });
        } else if (!snapshot.equals(live)) {
            out.add(path + ": snapshot " + abbreviate(snapshot) + " but live " + abbreviate(live));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
