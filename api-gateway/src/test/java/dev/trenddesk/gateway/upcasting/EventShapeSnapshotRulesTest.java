package dev.trenddesk.gateway.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.upcasting.EventShapeSnapshot.Entry;
import dev.trenddesk.gateway.upcasting.EventShapeSnapshot.Live;
import dev.trenddesk.gateway.upcasting.EventShapeSnapshot.Outcome;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What the shape snapshot lets through, with and without the update switch. */
class EventShapeSnapshotRulesTest {

    static final String TYPE = "dev.example.Started";

    static final SortedMap<String, String> V1 = shape(Map.of("id", "string", "side", "string enum LONG|SHORT"));
    static final SortedMap<String, String> V2 =
            shape(Map.of("id", "string", "side", "string enum LONG|SHORT", "strategy", "string"));

    @Test
    void anUnchangedShapePasses() {
        Outcome outcome = EventShapeSnapshot.check(recorded(Entry.first("1", V1)), live("1", V1), false);
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.changed()).isFalse();
    }

    @Test
    void aChangedShapeUnderTheSameRevisionFailsEvenWithTheUpdateSwitch() {
        for (boolean update : new boolean[] {false, true}) {
            Outcome outcome = EventShapeSnapshot.check(recorded(Entry.first("1", V1)), live("1", V2), update);
            assertThat(outcome.problems())
                    .singleElement()
                    .asString()
                    .contains("shape changed but its revision is still 1")
                    .contains("@Revision(\"2\")")
                    .contains("+ strategy: string");
            assertThat(outcome.changed()).isFalse();
            assertThat(outcome.snapshot().get(TYPE).shapes().get("1")).isEqualTo(V1);
        }
    }

    @Test
    void aChangedShapeWithANewRevisionIsRecordedByTheUpdateSwitchKeepingTheOldShape() {
        Outcome without = EventShapeSnapshot.check(recorded(Entry.first("1", V1)), live("2", V2), false);
        assertThat(without.problems()).singleElement().asString().contains("new revision 2");

        Outcome with = EventShapeSnapshot.check(recorded(Entry.first("1", V1)), live("2", V2), true);
        assertThat(with.problems()).isEmpty();
        assertThat(with.changed()).isTrue();
        Entry entry = with.snapshot().get(TYPE);
        assertThat(entry.revision()).isEqualTo("2");
        assertThat(entry.shapes()).containsEntry("1", V1).containsEntry("2", V2);

        Outcome next = EventShapeSnapshot.check(with.snapshot(), live("2", V2), false);
        assertThat(next.problems()).isEmpty();
    }

    @Test
    void aRevisionNeverGoesBack() {
        Entry twoRevisions = Entry.first("1", V1).with("2", V2, true);
        assertThat(EventShapeSnapshot.check(recorded(twoRevisions), live("1", V1), true)
                        .problems())
                .singleElement()
                .asString()
                .contains("never goes back");
        assertThat(EventShapeSnapshot.check(recorded(Entry.first("3", V1)), live("2", V1), true)
                        .problems())
                .singleElement()
                .asString()
                .contains("never goes back");
    }

    @Test
    void addedEnumConstantsNeedOnlyTheUpdateRemovedOnesNeedARevision() {
        SortedMap<String, String> more = shape(Map.of("id", "string", "side", "string enum LONG|SHORT|FLAT"));
        SortedMap<String, String> fewer = shape(Map.of("id", "string", "side", "string enum LONG"));
        assertThat(EventShapeSnapshot.check(recorded(Entry.first("1", V1)), live("1", more), false)
                        .problems())
                .singleElement()
                .asString()
                .contains("new enum constants");
        Outcome updated = EventShapeSnapshot.check(recorded(Entry.first("1", V1)), live("1", more), true);
        assertThat(updated.problems()).isEmpty();
        assertThat(updated.snapshot().get(TYPE).shapes().get("1")).isEqualTo(more);
        assertThat(EventShapeSnapshot.check(recorded(Entry.first("1", V1)), live("1", fewer), true)
                        .problems())
                .singleElement()
                .asString()
                .contains("revision is still 1");
    }

    @Test
    void anEventClassThatDisappearedFailsEvenWithTheUpdateSwitch() {
        Outcome outcome = EventShapeSnapshot.check(recorded(Entry.first("1", V1)), new TreeMap<>(), true);
        assertThat(outcome.problems()).singleElement().asString().contains("no event class has this name");
        assertThat(outcome.snapshot()).containsKey(TYPE);
    }

    @Test
    void aNewEventIsAddedByTheUpdateSwitchAndOneWithoutRevisionIsRefused() {
        assertThat(EventShapeSnapshot.check(new TreeMap<>(), live("1", V1), false)
                        .problems())
                .singleElement()
                .asString()
                .contains("new event");
        Outcome added = EventShapeSnapshot.check(new TreeMap<>(), live("1", V1), true);
        assertThat(added.problems()).isEmpty();
        assertThat(added.snapshot().get(TYPE)).isEqualTo(Entry.first("1", V1));
        assertThat(EventShapeSnapshot.check(new TreeMap<>(), live(null, V1), true)
                        .problems())
                .singleElement()
                .asString()
                .contains("has no @Revision");
    }

    @Test
    void revisionsCompareAsNumbers() {
        Entry nine = Entry.first("9", V1);
        Outcome outcome = EventShapeSnapshot.check(recorded(nine), live("10", V2), true);
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.snapshot().get(TYPE).shapes().keySet()).containsExactly("9", "10");
    }

    private static SortedMap<String, String> shape(Map<String, String> fields) {
        return new TreeMap<>(fields);
    }

    private static SortedMap<String, Entry> recorded(Entry entry) {
        return new TreeMap<>(Map.of(TYPE, entry));
    }

    private static SortedMap<String, Live> live(String revision, SortedMap<String, String> shape) {
        return new TreeMap<>(Map.of(TYPE, new Live(revision, shape)));
    }
}
