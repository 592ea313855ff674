package org.jlvm.tests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module and package rules of style-anchors.md §7. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.jlvm");
    }

    @Test
    void poolDependsOnNothingAbove() {
        noClasses().that().resideInAPackage("org.jlvm.pool..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jlvm.thin..", "org.jlvm.dedup..",
                        "org.jlvm.tools..", "org.jlvm.cli..", "picocli..", "org.jline..")
                .check(classes);
    }

    @Test
    void thinDependsOnlyOnPool() {
        noClasses().that().resideInAPackage("org.jlvm.thin..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jlvm.dedup..", "org.jlvm.tools..",
                        "org.jlvm.cli..", "picocli..", "org.jline..")
                .check(classes);
    }

    @Test
    void dedupNeverSeesThin() {
        noClasses().that().resideInAPackage("org.jlvm.dedup..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jlvm.thin..", "org.jlvm.tools..",
                        "org.jlvm.cli..", "picocli..", "org.jline..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void nothingDependsOnTheCli() {
        noClasses().that().resideOutsideOfPackage("org.jlvm.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.jlvm.cli..")
                .check(classes);
    }

    @Test
    void picocliOnlyInCommandsAndCli() {
        noClasses().that().resideOutsideOfPackages("..command..", "org.jlvm.cli")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
    }

    @Test
    void jlineOnlyInTheShell() {
        noClasses().that().resideOutsideOfPackage("org.jlvm.cli.shell..")
                .should().dependOnClassesThat().resideInAPackage("org.jline..")
                .check(classes);
    }

    /**
     * The shell reaches the commands only through its CommandSet contract: neither the dispatcher, nor the verb
     * classes, nor picocli (the CLI translates picocli's model into the shell's CommandModel).
     */
    @Test
    void shellRunsCommandsOnlyThroughItsContract() {
        noClasses().that().resideInAPackage("org.jlvm.cli.shell..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jlvm.cli", "org.jlvm.cli.command..", "picocli..")
                .check(classes);
    }

    /** The NBD server sees only block devices and their errors: it never knows what a device is made of. */
    @Test
    void nbdSeesOnlyBlockDevicesAndErrors() {
        noClasses().that().resideInAPackage("org.jlvm.cli.nbd..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.jlvm..")
                        .and(JavaClass.Predicates.resideOutsideOfPackages("org.jlvm.cli.nbd..", "org.jlvm.pool.io..",
                                "org.jlvm.pool.error..")))
                .check(classes);
    }

    @Test
    void librariesNeitherPrintNorExit() {
        noClasses().that().resideInAnyPackage("org.jlvm.pool..", "org.jlvm.thin..", "org.jlvm.dedup..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(System.class, "exit", int.class)
                .check(classes);
    }

    @Test
    void onlyMainExits() {
        noClasses().that().doNotHaveFullyQualifiedName("org.jlvm.cli.Main")
                .should().callMethod(System.class, "exit", int.class)
                .check(classes);
    }

    @Test
    void noPackageCyclesInThePersistentDataLibrary() {
        slices().matching("org.jlvm.pool.(**)").should().beFreeOfCycles().check(classes);
    }
}
