package org.apache.kylin.rest.asyncquery;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.apache.kylin.rest.asyncquery.store.StoreException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package map of the README ("Which package may use which") and of DESIGN, checked on the compiled main
 * classes: each arrow points down, and no two packages depend on each other, however indirectly.
 */
class PackageMapTest {
    private static final String PLUGIN = "org.apache.kylin.rest.asyncquery";
    private static final String STANDALONE = "org.apache.kylin.asyncquery.standalone";

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PLUGIN, STANDALONE);
    }

    /** The README's table, arrow for arrow. */
    static LayeredArchitecture packageMap() {
        return layeredArchitecture().consideringOnlyDependenciesInAnyPackage(PLUGIN + "..", STANDALONE + "..")
                .layer("wiring").definedBy(PLUGIN)
                .layer("api").definedBy(PLUGIN + ".api..")
                .layer("service").definedBy(PLUGIN + ".service..")
                .layer("engine").definedBy(PLUGIN + ".engine..")
                .layer("format").definedBy(PLUGIN + ".format..")
                .layer("store").definedBy(PLUGIN + ".store..")
                .layer("security").definedBy(PLUGIN + ".security..")
                .layer("config").definedBy(PLUGIN + ".config..")
                .layer("vocabulary").definedBy(PLUGIN + ".vocabulary..")
                .layer("kylin").definedBy(PLUGIN + ".kylin..")
                .layer("standalone").definedBy(STANDALONE + "..")
                .whereLayer("vocabulary").mayNotAccessAnyLayer()
                .whereLayer("config").mayOnlyAccessLayers("vocabulary")
                .whereLayer("engine").mayOnlyAccessLayers("config", "vocabulary")
                .whereLayer("format").mayOnlyAccessLayers("config", "vocabulary")
                .whereLayer("store").mayOnlyAccessLayers("config", "vocabulary")
                .whereLayer("security").mayOnlyAccessLayers("config", "vocabulary")
                .whereLayer("service")
                .mayOnlyAccessLayers("engine", "format", "store", "security", "config", "vocabulary")
                .whereLayer("api").mayOnlyAccessLayers("service", "store", "security", "config", "vocabulary")
                .whereLayer("kylin").mayOnlyAccessLayers("wiring", "engine", "security", "config", "vocabulary")
                .whereLayer("standalone")
                .mayOnlyAccessLayers("wiring", "api", "engine", "security", "config", "vocabulary")
                // Only the environments (a Kylin host's adapter, the standalone launcher) build on the wiring.
                .whereLayer("wiring").mayOnlyBeAccessedByLayers("kylin", "standalone")
                .whereLayer("kylin").mayNotBeAccessedByAnyLayer()
                .whereLayer("standalone").mayNotBeAccessedByAnyLayer();
    }

    @Test
    void everyPackageDependsOnlyOnThePackagesBelowIt() {
        packageMap().check(mainClasses);
    }

    @Test
    void theVocabularyIsPlainJavaValuesThatKnowNothingOfJsonFilesOrFrameworks() {
        noClasses().that().resideInAPackage(PLUGIN + ".vocabulary..").should().dependOnClassesThat()
                .resideOutsideOfPackages("java..", PLUGIN + ".vocabulary..").check(mainClasses);
    }

    /** The API knows of the store only its exception types, which it translates into answers at the edge. */
    @Test
    void theApiUsesOfTheStoreOnlyItsExceptions() {
        noClasses().that().resideInAPackage(PLUGIN + ".api..").should().dependOnClassesThat(
                resideInAPackage(PLUGIN + ".store..").and(not(assignableTo(StoreException.class))))
                .check(mainClasses);
    }

    /** A class that needs more collaborators than this does more than one job. */
    @Test
    void noClassTakesMoreThanEightConstructorArguments() {
        constructors().that().areDeclaredInClassesThat().resideInAnyPackage(PLUGIN + "..", STANDALONE + "..")
                .should(new ArchCondition<JavaConstructor>("take at most 8 arguments") {
                    @Override
                    public void check(JavaConstructor constructor, ConditionEvents events) {
                        int count = constructor.getRawParameterTypes().size();
                        if (count > 8) {
                            events.add(SimpleConditionEvent.violated(constructor,
                                    constructor.getFullName() + " takes " + count + " arguments"));
                        }
                    }
                }).check(mainClasses);
    }

    @Test
    void noPackagesDependOnEachOther() {
        slices().matching("org.apache.kylin.(**)").should().beFreeOfCycles().check(mainClasses);
    }
}
