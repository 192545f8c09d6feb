package dev.trenddesk.gateway.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog the shape snapshot and the fixtures are checked against leaves no event out. */
class EventCatalogTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.trenddesk");
    }

    @Test
    void everyTypeAHandlerReceivesAsAnEventIsInTheCatalog() {
        Set<String> known = EventCatalog.all().stream().map(Class::getName).collect(Collectors.toSet());
        EventCatalog.FAMILIES.forEach(family -> known.add(family.getName()));
        Set<String> handled = new TreeSet<>();
        for (JavaClass type : classes) {
            for (JavaMethod method : type.getMethods()) {
                boolean handler =
                        method.isAnnotatedWith(EventHandler.class) || method.isMetaAnnotatedWith(EventHandler.class);
                if (handler && !method.getRawParameterTypes().isEmpty()) {
                    JavaClass payload = method.getRawParameterTypes().get(0);
                    if (payload.getPackageName().startsWith("dev.trenddesk.api")) {
                        handled.add(payload.getName());
                    }
                }
            }
        }
        assertThat(handled)
                .as("event payload types of @EventHandler, @EventSourcingHandler and @SagaEventHandler " + "methods")
                .isNotEmpty()
                .allSatisfy(
                        type -> assertThat(known).as(type + " in EventCatalog").contains(type));
    }

    @Test
    void everyCoreApiClassWithARevisionIsACatalogedEventAndEveryEventHasOne() {
        Set<String> catalog =
                EventCatalog.all().stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> revised = classes.stream()
                .filter(c -> c.getPackageName().startsWith("dev.trenddesk.api"))
                .filter(c -> c.isAnnotatedWith(Revision.class))
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(revised).isEqualTo(catalog);
        assertThat(EventCatalog.all()).hasSize(catalog.size()).allSatisfy(type -> assertThat(
                        EventCatalog.revision(type))
                .as(type.getName())
                .isNotNull());
    }
}
