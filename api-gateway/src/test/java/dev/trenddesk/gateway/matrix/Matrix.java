package dev.trenddesk.gateway.matrix;

import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.People.Person;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * The authorization matrix: every endpoint × every kind of caller. Each area of the API adds its
 * rows in a class of its own in this package implementing {@link RowSource} (found by classpath
 * scan), so that areas never edit each other's rows. See AuthorizationMatrixTest.
 */
public final class Matrix {

    private Matrix() {}

    public enum Caller {
        ANONYMOUS,
        TRADER_A,
        TRADER_B,
        VIEWER_GRANTED_A,
        VIEWER_NOT_GRANTED,
        AUDITOR,
        ADMIN
    }

    public static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);
    public static final Set<Caller> LOGGED_IN = EnumSet.complementOf(EnumSet.of(Caller.ANONYMOUS));
    public static final Set<Caller> TRADERS = EnumSet.of(Caller.TRADER_A, Caller.TRADER_B);
    public static final Set<Caller> ADMINS = EnumSet.of(Caller.ADMIN);
    public static final Set<Caller> AUDIT_READERS = EnumSet.of(Caller.AUDITOR, Caller.ADMIN);
    /** Who may read trader A's data under /api/users/{A}/...: A, the viewer A was granted to, admins. */
    public static final Set<Caller> READERS_OF_A = EnumSet.of(Caller.TRADER_A, Caller.VIEWER_GRANTED_A, Caller.ADMIN);

    /**
     * The people and ids a row can point at. {@code subject} is a trader that admin-only rows may
     * change freely (its password stays the same); {@code traderA} is the data owner for
     * /api/users/{id} rows.
     */
    public record World(
            Person traderA, Person traderB, Person subject, Person viewerGrantedA, Person viewerNotGranted) {}

    /**
     * One endpoint: method and path pattern exactly as mapped, who may call it, the concrete path and
     * body to send, and an optional preparation run (as admin) before each call.
     */
    public record Row(
            String method,
            String pattern,
            Set<Caller> allowed,
            Function<World, String> path,
            Function<World, Object> body,
            BiConsumer<World, Api> before) {

        public String key() {
            return method + " " + pattern;
        }
    }

    public static Row row(
            String method,
            String pattern,
            Set<Caller> allowed,
            Function<World, String> path,
            Function<World, Object> body) {
        return new Row(method, pattern, allowed, path, body, (world, admin) -> {});
    }

    public static Row row(String method, String pattern, Set<Caller> allowed) {
        return row(method, pattern, allowed, w -> pattern, w -> null);
    }

    /** The rows of one area of the API. */
    public interface RowSource {
        List<Row> rows();
    }

    /** Every row of every area in this package. */
    public static List<Row> rows() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(RowSource.class));
        List<Row> rows = new ArrayList<>();
        scanner.findCandidateComponents(Matrix.class.getPackageName()).stream()
                .sorted(Comparator.comparing(BeanDefinition::getBeanClassName))
                .forEach(definition -> {
                    try {
                        rows.addAll(((RowSource) Class.forName(definition.getBeanClassName())
                                        .getDeclaredConstructor()
                                        .newInstance())
                                .rows());
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(
                                "cannot load matrix rows from " + definition.getBeanClassName(), e);
                    }
                });
        return rows;
    }
}
