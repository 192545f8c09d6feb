package dev.trenddesk.gateway.upcasting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules of the event shape snapshot ({@code src/test/resources/events/shapes.json}): for every
 * event class its current revision and the shape of each revision it has had. A shape may only
 * change together with a new, higher revision; the shapes of earlier revisions stay recorded, since
 * stored events of those revisions still exist and are upcast from them.
 */
final class EventShapeSnapshot {

    /** Revision numbers, compared as numbers ("10" after "9"). */
    static final Comparator<String> REVISION_ORDER = Comparator.comparing(EventShapeSnapshot::number);

    /** What the snapshot records of one event class. */
    record Entry(String revision, SortedMap<String, SortedMap<String, String>> shapes) {

        Entry {
            SortedMap<String, SortedMap<String, String>> copy = new TreeMap<>(REVISION_ORDER);
            shapes.forEach((rev, shape) -> copy.put(rev, new TreeMap<>(shape)));
            shapes = copy;
        }

        static Entry first(String revision, SortedMap<String, String> shape) {
            return new Entry(revision, new TreeMap<>(Map.of(revision, shape)));
        }

        Entry with(String newRevision, SortedMap<String, String> shape, boolean current) {
            SortedMap<String, SortedMap<String, String>> more = new TreeMap<>(REVISION_ORDER);
            more.putAll(shapes);
            more.put(newRevision, shape);
            return new Entry(current ? newRevision : revision, more);
        }
    }

    /** An event class as the code has it now: its {@code @Revision} (null if none) and shape. */
    record Live(String revision, SortedMap<String, String> shape) {}

    /**
     * @param problems what is wrong (empty: the snapshot matches the code)
     * @param snapshot the snapshot with every change the update switch may write
     * @param changed  whether {@code snapshot} differs from the one read
     */
    record Outcome(List<String> problems, SortedMap<String, Entry> snapshot, boolean changed) {}

    private EventShapeSnapshot() {}

    static Outcome check(SortedMap<String, Entry> recorded, SortedMap<String, Live> live, boolean update) {
        List<String> problems = new ArrayList<>();
        SortedMap<String, Entry> next = new TreeMap<>(recorded);
        boolean changed = false;
        String howToUpdate = "; record it with -Devents.snapshot.update=true (docs/events.md)";
        for (Map.Entry<String, Live> e : live.entrySet()) {
            String type = e.getKey();
            Live now = e.getValue();
            if (now.revision() == null) {
                problems.add(type + " has no @Revision: every event carries one (docs/events.md)");
                continue;
            }
            if (!now.revision().matches("[1-9][0-9]*")) {
                problems.add(type + " has @Revision(\"" + now.revision() + "\"): revisions are 1, 2, 3, ...");
                continue;
            }
            Entry entry = recorded.get(type);
            if (entry == null) {
                if (update) {
                    next.put(type, Entry.first(now.revision(), now.shape()));
                    changed = true;
                } else {
                    problems.add(type + " is a new event, not in the snapshot" + howToUpdate);
                }
                continue;
            }
            SortedMap<String, String> known = entry.shapes().get(now.revision());
            if (known != null) {
                if (!now.revision().equals(entry.revision())) {
                    problems.add(type + " is at revision " + now.revision() + " but was already at revision "
                            + entry.revision() + ": a revision never goes back");
                } else if (known.equals(now.shape())) {
                    continue;
                } else if (onlyEnumConstantsAdded(known, now.shape())) {
                    if (update) {
                        next.put(type, entry.with(now.revision(), now.shape(), true));
                        changed = true;
                    } else {
                        problems.add(type + " can hold new enum constants (old events still read)" + howToUpdate + "\n"
                                + difference(known, now.shape()));
                    }
                } else {
                    problems.add(type + ": its serialized shape changed but its revision is still "
                            + now.revision() + ". Stored events of revision " + now.revision()
                            + " have the old shape: give the class @Revision(\"" + (number(now.revision()) + 1)
                            + "\"), add an upcaster " + now.revision() + " -> " + (number(now.revision()) + 1)
                            + " to EventUpcasters and a fixture events/v" + now.revision() + "/"
                            + simpleName(type) + ".json (docs/events.md)\n" + difference(known, now.shape()));
                }
                continue;
            }
            if (REVISION_ORDER.compare(now.revision(), entry.revision()) <= 0) {
                problems.add(type + " is at revision " + now.revision() + ", below its recorded revision "
                        + entry.revision() + ": a revision never goes back");
            } else if (update) {
                next.put(type, entry.with(now.revision(), now.shape(), true));
                changed = true;
            } else {
                problems.add(type + " is at a new revision " + now.revision() + " (was " + entry.revision() + ")"
                        + howToUpdate);
            }
        }
        for (String type : recorded.keySet()) {
            if (!live.containsKey(type)) {
                problems.add(type + " is in the snapshot but no event class has this name any more: its stored "
                        + "events could no longer be read. Keep the class (as UserEvent.AccountLockedOut is kept), "
                        + "or upcast the stored type to another one and say so in docs/events.md");
            }
        }
        return new Outcome(problems, next, changed);
    }

    /** Same fields and types, except enum fields that gained constants (and lost none). */
    static boolean onlyEnumConstantsAdded(SortedMap<String, String> before, SortedMap<String, String> after) {
        if (!before.keySet().equals(after.keySet())) {
            return false;
        }
        for (String path : before.keySet()) {
            String was = before.get(path);
            String is = after.get(path);
            if (Objects.equals(was, is)) {
                continue;
            }
            int wasAt = was.indexOf(EventShapes.ENUM);
            int isAt = is.indexOf(EventShapes.ENUM);
            if (wasAt < 0 || isAt < 0 || !was.substring(0, wasAt).equals(is.substring(0, isAt))) {
                return false;
            }
            if (!constants(is, isAt).containsAll(constants(was, wasAt))) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> constants(String type, int at) {
        return new HashSet<>(
                Arrays.asList(type.substring(at + EventShapes.ENUM.length()).split("\\|")));
    }

    static String difference(SortedMap<String, String> before, SortedMap<String, String> after) {
        StringBuilder out = new StringBuilder();
        Set<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String path : paths) {
            String was = before.get(path);
            String is = after.get(path);
            if (!Objects.equals(was, is)) {
                if (was != null) {
                    out.append("    - ").append(path).append(": ").append(was).append('\n');
                }
                if (is != null) {
                    out.append("    + ").append(path).append(": ").append(is).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static long number(String revision) {
        try {
            return Long.parseLong(revision);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String simpleName(String type) {
        return type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
    }
}
