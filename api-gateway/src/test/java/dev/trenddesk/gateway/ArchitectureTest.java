package dev.trenddesk.gateway;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.JavaModifier.PUBLIC;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.trenddesk.command.AggregateView;
import dev.trenddesk.gateway.web.CommandSender;
import dev.trenddesk.gateway.web.readside.AdminViews;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The module rules of docs/architecture.md, checked on the compiled main classes of every module: which
 * module may use which, and inside the gateway which package may use which.
 */
class ArchitectureTest {

    private static final String GATEWAY = "dev.trenddesk.gateway";
    private static final String WEB = GATEWAY + ".web..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.trenddesk");
    }

    @Test
    void coreApiUsesNoOtherModuleAndNoSpring() {
        noClasses()
                .that()
                .resideInAPackage("dev.trenddesk.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.trenddesk.command..",
                        "dev.trenddesk.query..",
                        "dev.trenddesk.strategy..",
                        "dev.trenddesk.bingx..",
                        "dev.trenddesk.simulator..",
                        "dev.trenddesk.gateway..",
                        "org.springframework..")
                .check(classes);
    }

    @Test
    void commandQueryAndSagaSidesTalkOnlyThroughMessages() {
        noClasses()
                .that()
                .resideInAPackage("dev.trenddesk.command..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.trenddesk.query..",
                        "dev.trenddesk.strategy..",
                        "dev.trenddesk.gateway..",
                        "dev.trenddesk.simulator..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.trenddesk.query..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.trenddesk.command..",
                        "dev.trenddesk.strategy..",
                        "dev.trenddesk.gateway..",
                        "dev.trenddesk.bingx..",
                        "dev.trenddesk.simulator..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.trenddesk.strategy..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.trenddesk.command..",
                        "dev.trenddesk.query..",
                        "dev.trenddesk.gateway..",
                        "dev.trenddesk.simulator..")
                .check(classes);
    }

    /**
     * Time travel (gateway.audit, started with the query role) replays the command side's aggregates, the one
     * source of their state changes (ADR 0016): it sees them only as {@link AggregateView}s, and nothing else
     * outside the command side touches an aggregate.
     */
    @Test
    void onlyTimeTravelReadsTheAggregatesAndOnlyThroughTheirViews() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.trenddesk.command..")
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith(Aggregate.class)
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.trenddesk.command..", "dev.trenddesk.gateway.audit..")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(AggregateView.class)
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.trenddesk.gateway.audit..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.trenddesk.command..").and(not(type(AggregateView.class))))
                .check(classes);
    }

    @Test
    void keyVaultKnowsNothingOfThePlatformAroundIt() {
        noClasses()
                .that()
                .resideInAPackage("dev.trenddesk.vault..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.trenddesk.command..",
                        "dev.trenddesk.query..",
                        "dev.trenddesk.strategy..",
                        "dev.trenddesk.gateway..",
                        "dev.trenddesk.bingx..",
                        "dev.trenddesk.simulator..",
                        "org.axonframework..")
                .check(classes);
    }

    @Test
    void bingxClientKnowsNothingOfAxonSpringOrTheSimulator() {
        noClasses()
                .that()
                .resideInAPackage("dev.trenddesk.bingx..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.axonframework..",
                        "org.springframework..",
                        "dev.trenddesk.simulator..",
                        "dev.trenddesk.api..",
                        "dev.trenddesk.command..",
                        "dev.trenddesk.query..",
                        "dev.trenddesk.strategy..",
                        "dev.trenddesk.gateway..")
                .check(classes);
    }

    @Test
    void simulatorSharesNoCodeWithTheClientOrThePlatform() {
        noClasses()
                .that()
                .resideInAPackage("dev.trenddesk.simulator..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.trenddesk.bingx..",
                        "dev.trenddesk.api..",
                        "dev.trenddesk.command..",
                        "dev.trenddesk.query..",
                        "dev.trenddesk.strategy..",
                        "dev.trenddesk.gateway..",
                        "org.axonframework..",
                        "org.springframework..")
                .check(classes);
    }

    // ------------------------------------------------------------------------------- the gateway

    @Test
    void webReachesTheOtherSidesOnlyThroughMessages() {
        noClasses()
                .that()
                .resideInAPackage(WEB)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.trenddesk.command..",
                        "dev.trenddesk.query..",
                        "dev.trenddesk.bingx..",
                        "dev.trenddesk.simulator..")
                .because("controllers send commands and ask queries (core-api messages); they never call an aggregate,"
                        + " a projection or an exchange client")
                .check(classes);
    }

    @Test
    void webUsesNoAxonInternalsAndNoDatabase() {
        noClasses()
                .that()
                .resideInAPackage(WEB)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.axonframework.eventsourcing..",
                        "org.axonframework.config..",
                        "org.axonframework.modelling.saga..",
                        "org.axonframework.eventhandling.tokenstore..",
                        "org.axonframework.eventhandling.deadletter..",
                        "org.axonframework.common.jdbc..",
                        "org.springframework.jdbc..",
                        "org.springframework.r2dbc..",
                        "io.r2dbc..",
                        "java.sql..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.axonframework.modelling.command.Repository")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.axonframework.modelling.command.AggregateLifecycle")
                .because("what the web shows comes from queries, and what it changes goes through commands")
                .check(classes);
    }

    @Test
    void webSendsCommandsOnlyThroughCommandSenderAndPublishesOnlyTheAdminViewEvent() {
        noClasses()
                .that()
                .resideInAPackage(WEB)
                .and()
                .doNotHaveFullyQualifiedName(CommandSender.class.getName())
                .should()
                .dependOnClassesThat()
                .areAssignableTo(CommandGateway.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(CommandBus.class)
                .because("CommandSender is the web's one way to send a command (it adds the actor's metadata)")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(WEB)
                .and()
                .doNotHaveFullyQualifiedName(AdminViews.class.getName())
                .should()
                .dependOnClassesThat()
                .areAssignableTo(EventBus.class)
                .because("events come from aggregates; the only event the web records itself is an admin's look"
                        + " at another user's data (AdminViews)")
                .check(classes);
    }

    @Test
    void controllersLiveInWeb() {
        classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .or()
                .areAnnotatedWith(RestControllerAdvice.class)
                .should()
                .resideInAPackage(WEB)
                .check(classes);
    }

    @Test
    void securityDoesNotDependOnWebCliOrBootstrap() {
        noClasses()
                .that()
                .resideInAPackage(GATEWAY + ".security..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(WEB, GATEWAY + ".cli..", GATEWAY + ".bootstrap..")
                .because("the web uses security (sessions, limits, CSRF), never the other way round")
                .check(classes);
    }

    @Test
    void commandLineToolsAndBootstrapAreUsedByNothingThatServesRequests() {
        noClasses()
                .that()
                .resideInAnyPackage(WEB, GATEWAY + ".security..", GATEWAY + ".config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(GATEWAY + ".cli..", GATEWAY + ".bootstrap..")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage(GATEWAY + ".cli..")
                .and()
                .doNotHaveSimpleName("TrendDeskApplication")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(GATEWAY + ".cli..")
                .because("a command-line tool is started by the application's main method only")
                .check(classes);
    }

    @Test
    void configDoesNotDependOnWeb() {
        noClasses()
                .that()
                .resideInAPackage(GATEWAY + ".config..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(WEB)
                .because("configuration wires modules and roles; the web is found by component scan")
                .check(classes);
    }

    // --------------------------------------------------------------------------- package-private

    /**
     * Checked on main and test classes together, so that a test in another package (of this module) counts
     * as a use; the rule itself applies to main classes only. A type in the public signature of a public
     * class of its package (the simulator's {@code SimulatorConfig} takes {@code Candle}s) is part of that
     * class's API and stays public.
     */
    @Test
    void simulatorAndGatewayClassesArePublicOnlyWhenUsedFromAnotherPackage() {
        JavaClasses withTests = new ClassFileImporter().importPackages("dev.trenddesk");
        classes()
                .that()
                .resideInAnyPackage(PACKAGE_PRIVATE_BY_DEFAULT)
                .and()
                .areTopLevelClasses()
                .and()
                .haveModifier(PUBLIC)
                .and(MAIN_CLASSES)
                .should(beUsedFromAnotherPackageOrStartAProgram())
                .because("a class used only inside its package is package-private, so a module shows only what"
                        + " other packages need")
                .check(withTests);
    }

    /** The packages whose classes are package-private unless another package needs them. */
    private static final String[] PACKAGE_PRIVATE_BY_DEFAULT = {"dev.trenddesk.simulator..", GATEWAY + ".."};

    private static final DescribedPredicate<JavaClass> MAIN_CLASSES =
            DescribedPredicate.describe("are main classes", type -> type.getSource()
                    .map(source -> !source.getUri().toString().contains("/test-classes/"))
                    .orElse(true));

    private static ArchCondition<JavaClass> beUsedFromAnotherPackageOrStartAProgram() {
        return new ArchCondition<>(
                "be used (itself or a nested class) from another package, be in a public class's API,"
                        + " or hold a main method") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean usedOutside = type.getPackage().getClasses().stream()
                        .filter(part -> part.equals(type) || part.getName().startsWith(type.getName() + "$"))
                        .flatMap(part -> part.getDirectDependenciesToSelf().stream())
                        .anyMatch(d -> !d.getOriginClass().getPackageName().equals(type.getPackageName()));
                boolean program = type.getMethods().stream()
                        .anyMatch(m ->
                                m.getName().equals("main") && m.getModifiers().contains(PUBLIC));
                boolean inPublicApi = type.getPackage().getClasses().stream()
                        .filter(owner ->
                                !owner.equals(type) && owner.getModifiers().contains(PUBLIC))
                        .flatMap(owner -> owner.getCodeUnits().stream())
                        .filter(member -> member.getModifiers().contains(PUBLIC))
                        .anyMatch(member ->
                                member.getReturnType().getAllInvolvedRawTypes().contains(type)
                                        || member.getParameterTypes().stream().anyMatch(parameter -> parameter
                                                .getAllInvolvedRawTypes()
                                                .contains(type)));
                if (!usedOutside && !program && !inPublicApi) {
                    events.add(SimpleConditionEvent.violated(
                            type, type.getName() + " is public but used only inside " + type.getPackageName()));
                }
            }
        };
    }

    /**
     * The exchange seam (docs/exchanges.md): the trading path, the market feed and credential verification use
     * the exchange-neutral interfaces of {@code dev.trenddesk.strategy.exchange}; only an exchange's adapter
     * package imports its client. In the gateway only the wiring (config) and the BingX smoke command do.
     */
    @Test
    void onlyTheBingxAdapterImportsTheBingxClient() {
        noClasses()
                .that()
                .resideInAPackage("dev.trenddesk.strategy..")
                .and()
                .resideOutsideOfPackage("dev.trenddesk.strategy.exchange.bingx..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.trenddesk.bingx..")
                .because("only the BingX adapter (dev.trenddesk.strategy.exchange.bingx) may use BingX's client")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.trenddesk.strategy..")
                .and()
                .resideOutsideOfPackage("dev.trenddesk.strategy.exchange..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.trenddesk.strategy.exchange.bingx..")
                .because("the trading path, the feed and the credentials know exchanges only by the neutral seam")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.trenddesk.gateway..")
                .and()
                .resideOutsideOfPackages("dev.trenddesk.gateway.config..", "dev.trenddesk.gateway.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.trenddesk.bingx..", "dev.trenddesk.strategy.exchange.bingx..")
                .check(classes);
    }
}
