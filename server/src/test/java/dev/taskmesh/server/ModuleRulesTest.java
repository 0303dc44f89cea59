package dev.taskmesh.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module graph is the architecture (shared/STYLE.md): the sides know the contract, never each other; the
 * contract knows no Spring and no JPA. Maven already refuses undeclared module dependencies; this also catches a
 * dependency declared by mistake.
 */
class ModuleRulesTest {

    private static final JavaClasses TASKMESH = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.taskmesh");

    @Test
    void theContractKnowsNoFrameworkButAxonsAnnotations() {
        noClasses()
                .that()
                .resideInAPackage("dev.taskmesh.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "javax.persistence..")
                .check(TASKMESH);
    }

    @Test
    void theContractKnowsNoSide() {
        noClasses()
                .that()
                .resideInAPackage("dev.taskmesh.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.taskmesh.command..",
                        "dev.taskmesh.query..",
                        "dev.taskmesh.realtime..",
                        "dev.taskmesh.server..")
                .check(TASKMESH);
    }

    @Test
    void theCommandSideKnowsNoOtherSide() {
        noClasses()
                .that()
                .resideInAPackage("dev.taskmesh.command..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.taskmesh.query..", "dev.taskmesh.realtime..", "dev.taskmesh.server..")
                .check(TASKMESH);
    }

    @Test
    void theQuerySideKnowsNoOtherSide() {
        noClasses()
                .that()
                .resideInAPackage("dev.taskmesh.query..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.taskmesh.command..", "dev.taskmesh.realtime..", "dev.taskmesh.server..")
                .check(TASKMESH);
    }

    @Test
    void realtimeKnowsNoOtherSide() {
        noClasses()
                .that()
                .resideInAPackage("dev.taskmesh.realtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.taskmesh.command..", "dev.taskmesh.query..", "dev.taskmesh.server..")
                .check(TASKMESH);
    }
}
