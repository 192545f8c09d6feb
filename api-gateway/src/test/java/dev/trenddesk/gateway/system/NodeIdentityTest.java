package dev.trenddesk.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class NodeIdentityTest {

    private static StandardEnvironment environment(Map<String, Object> systemEnvironment) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment
                .getPropertySources()
                .addLast(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, systemEnvironment));
        return environment;
    }

    private static String process(StandardEnvironment environment) {
        new NodeIdentity().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(NodeIdentity.PROPERTY);
    }

    @Test
    void withoutAnIdTheNodeIsNamedAfterItsHostAndProcess() {
        String id = process(environment(Map.of()));
        assertThat(id).endsWith("-" + ProcessHandle.current().pid()).matches(NodeIdentity.VALID);
        assertThat(id).isNotEqualTo("-" + ProcessHandle.current().pid());
    }

    @Test
    void theEnvironmentVariableNamesTheNode() {
        assertThat(process(environment(Map.of("TRENDDESK_NODE_ID", "node-b")))).isEqualTo("node-b");
    }

    @Test
    void anIdFromTheConfigurationIsKept() {
        StandardEnvironment environment = environment(Map.of());
        environment.getPropertySources().addFirst(new MapPropertySource("file", Map.of(NodeIdentity.PROPERTY, "n1")));
        assertThat(process(environment)).isEqualTo("n1");
    }

    @Test
    void anIdThatCannotBeShownOrStoredSafelyStopsTheStart() {
        for (String bad : new String[] {"", " ", "node a", "-node", "n".repeat(65), "node\nfake-log-line"}) {
            assertThatThrownBy(() -> process(environment(Map.of("TRENDDESK_NODE_ID", bad))))
                    .as(bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("trenddesk.node.id")
                    .hasMessageContaining("TRENDDESK_NODE_ID");
        }
    }

    @Test
    void theDerivedIdIsTheShortHostNameAndThePid() {
        assertThat(NodeIdentity.derived("box.example.org", 42)).isEqualTo("box-42");
        assertThat(NodeIdentity.derived("trenddesk-7f9c", 1)).isEqualTo("trenddesk-7f9c-1");
        assertThat(NodeIdentity.derived("", 7)).isEqualTo("node-7");
        assertThat(NodeIdentity.derived(null, 7)).isEqualTo("node-7");
        assertThat(NodeIdentity.derived("_under score", 3)).isEqualTo("under-score-3");
        String longHost = "h".repeat(100);
        String id = NodeIdentity.derived(longHost, 123456);
        assertThat(id).hasSize(64).endsWith("-123456").matches(NodeIdentity.VALID);
    }
}
