package dev.trenddesk.gateway.upcasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.user.UserEvent.UserDeactivated;
import dev.trenddesk.gateway.config.AxonConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** What each step of the chain touches, and that steps run in the order of the list. */
class EventUpcastersTest {

    static final Serializer SERIALIZER = AxonConfiguration.storageSerializer();
    static final String DEACTIVATED = UserDeactivated.class.getName();
    static final String PAYLOAD =
            "{\"userId\":\"3f6c2a4e-8d1b-4c57-9e0a-2b7d5f1c9a63\",\"at\":\"2026-11-30T09:15:02.418Z\"}";

    @Test
    void anEventStoredWithoutRevisionBecomesRevision1WithItsPayloadAndMetadataUntouched() {
        IntermediateEventRepresentation out = single(EventUpcasters.chain(), stored(DEACTIVATED, null, PAYLOAD));
        assertThat(out.getType().getName()).isEqualTo(DEACTIVATED);
        assertThat(out.getType().getRevision()).isEqualTo("1");
        assertThat(new String(out.getData(byte[].class).getData(), StandardCharsets.UTF_8))
                .isEqualTo(PAYLOAD);
        assertThat(out.getMetaData().getObject()).containsEntry("actorId", "system:test");
        assertThat(out.getMessageIdentifier()).isEqualTo("event-1");
        assertThat(out.getAggregateIdentifier()).contains("aggregate-1");
    }

    @Test
    void eventsAlreadyVersionedAndTypesNotStoredBeforeRevisionsAreLeftAlone() {
        IntermediateEventRepresentation versioned = single(EventUpcasters.chain(), stored(DEACTIVATED, "1", PAYLOAD));
        assertThat(versioned.getType().getRevision()).isEqualTo("1");
        IntermediateEventRepresentation unknown =
                single(EventUpcasters.chain(), stored("dev.example.NotAnEvent", null, "{}"));
        assertThat(unknown.getType().getRevision()).isNull();
    }

    @Test
    void laterStepsReadWhatEarlierStepsProducedInTheOrderOfTheList() {
        List<EventUpcaster> steps = new ArrayList<>(EventUpcasters.all());
        steps.add(new AddReason("1", "2", "reason", "ADMIN"));
        steps.add(new AddReason("2", "3", "note", "from revision 2"));
        EventUpcasterChain chain = new EventUpcasterChain(steps);

        IntermediateEventRepresentation fromNull = single(chain, stored(DEACTIVATED, null, PAYLOAD));
        assertThat(fromNull.getType().getRevision()).isEqualTo("3");
        ObjectNode payload = fromNull.getData(ObjectNode.class).getData();
        assertThat(payload.get("reason").asText()).isEqualTo("ADMIN");
        assertThat(payload.get("note").asText()).isEqualTo("from revision 2");
        assertThat(payload.get("userId").asText()).isEqualTo("3f6c2a4e-8d1b-4c57-9e0a-2b7d5f1c9a63");

        IntermediateEventRepresentation fromTwo = single(
                chain,
                stored(DEACTIVATED, "2", "{\"userId\":\"3f6c2a4e-8d1b-4c57-9e0a-2b7d5f1c9a63\",\"reason\":\"SELF\"}"));
        assertThat(fromTwo.getType().getRevision()).isEqualTo("3");
        assertThat(fromTwo.getData(ObjectNode.class).getData().get("reason").asText())
                .isEqualTo("SELF");

        IntermediateEventRepresentation otherType = single(chain, stored("dev.example.Other", "1", "{}"));
        assertThat(otherType.getType().getRevision()).isEqualTo("1");
        assertThat(otherType.getData(ObjectNode.class).getData().has("reason")).isFalse();
    }

    @Test
    void aStepMustChangeTheRevision() {
        assertThatThrownBy(() -> new AddReason("1", "1", "reason", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must change the revision");
    }

    /** A step of UserDeactivated used only here: adds a field with a fixed value. */
    static final class AddReason extends RevisionUpcaster {

        private final String field;
        private final String value;

        AddReason(String from, String to, String field, String value) {
            super(UserDeactivated.class, from, to);
            this.field = field;
            this.value = value;
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload) {
            if (!payload.has(field)) {
                payload.put(field, value);
            }
            return payload;
        }
    }

    static InitialEventRepresentation stored(String type, String revision, String payload) {
        return new InitialEventRepresentation(
                new GenericDomainEventEntry<>(
                        "UserAccount",
                        "aggregate-1",
                        3,
                        "event-1",
                        "2026-11-30T09:15:02.418Z",
                        type,
                        revision,
                        payload.getBytes(StandardCharsets.UTF_8),
                        "{\"actorId\":\"system:test\"}".getBytes(StandardCharsets.UTF_8)),
                SERIALIZER);
    }

    static IntermediateEventRepresentation single(EventUpcaster chain, IntermediateEventRepresentation in) {
        List<IntermediateEventRepresentation> out = chain.upcast(Stream.of(in)).toList();
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}
