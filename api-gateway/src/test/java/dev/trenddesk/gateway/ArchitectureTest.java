package dev.trenddesk.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of ARCHITECTURE.md, checked on the compiled main classes of every module. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.trenddesk");
    }

    @Test
    void coreApiUsesNoOtherModuleAndNoSpring() {
        noClasses().that().resideInAPackage("dev.trenddesk.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.trenddesk.command..", "dev.trenddesk.query..",
                        "dev.trenddesk.strategy..", "dev.trenddesk.bingx..", "dev.trenddesk.simulator..",
                        "dev.trenddesk.gateway..", "org.springframework..")
                .check(classes);
    }

    @Test
    void commandQueryAndSagaSidesTalkOnlyThroughMessages() {
        noClasses().that().resideInAPackage("dev.trenddesk.command..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.trenddesk.query..", "dev.trenddesk.strategy..",
                        "dev.trenddesk.gateway..", "dev.trenddesk.simulator..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.trenddesk.query..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.trenddesk.command..", "dev.trenddesk.strategy..",
                        "dev.trenddesk.gateway..", "dev.trenddesk.bingx..", "dev.trenddesk.simulator..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.trenddesk.strategy..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.trenddesk.command..", "dev.trenddesk.query..",
                        "dev.trenddesk.gateway..", "dev.trenddesk.simulator..")
                .check(classes);
    }

    @Test
    void keyVaultKnowsNothingOfThePlatformAroundIt() {
        noClasses().that().resideInAPackage("dev.trenddesk.vault..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.trenddesk.command..", "dev.trenddesk.query..",
                        "dev.trenddesk.strategy..", "dev.trenddesk.gateway..", "dev.trenddesk.bingx..",
                        "dev.trenddesk.simulator..", "org.axonframework..")
                .check(classes);
    }

    @Test
    void bingxClientKnowsNothingOfAxonSpringOrTheSimulator() {
        noClasses().that().resideInAPackage("dev.trenddesk.bingx..")
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework..", "org.springframework..",
                        "dev.trenddesk.simulator..", "dev.trenddesk.api..", "dev.trenddesk.command..",
                        "dev.trenddesk.query..", "dev.trenddesk.strategy..", "dev.trenddesk.gateway..")
                .check(classes);
    }

    @Test
    void simulatorSharesNoCodeWithTheClientOrThePlatform() {
        noClasses().that().resideInAPackage("dev.trenddesk.simulator..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.trenddesk.bingx..", "dev.trenddesk.api..",
                        "dev.trenddesk.command..", "dev.trenddesk.query..", "dev.trenddesk.strategy..",
                        "dev.trenddesk.gateway..", "org.axonframework..", "org.springframework..")
                .check(classes);
    }
}
