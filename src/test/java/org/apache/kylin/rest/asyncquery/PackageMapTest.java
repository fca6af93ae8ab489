package org.apache.kylin.rest.asyncquery;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.ThrowsDeclaration;
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
    private static final String CLI = "org.apache.kylin.asyncquery.cli";

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
                .layer("metrics").definedBy(PLUGIN + ".metrics..")
                .layer("spark").definedBy(PLUGIN + ".spark..")
                .layer("kylin").definedBy(PLUGIN + ".kylin..")
                .layer("standalone").definedBy(STANDALONE + "..")
                .whereLayer("vocabulary").mayNotAccessAnyLayer()
                .whereLayer("config").mayOnlyAccessLayers("vocabulary")
                .whereLayer("metrics").mayOnlyAccessLayers("vocabulary")
                .whereLayer("engine").mayOnlyAccessLayers("config", "vocabulary")
                .whereLayer("format").mayOnlyAccessLayers("config", "vocabulary")
                .whereLayer("store").mayOnlyAccessLayers("config", "vocabulary")
                .whereLayer("security").mayOnlyAccessLayers("config", "vocabulary")
                .whereLayer("spark").mayOnlyAccessLayers("engine", "format", "config", "vocabulary")
                .whereLayer("service")
                .mayOnlyAccessLayers("engine", "format", "store", "security", "config", "metrics", "vocabulary")
                .whereLayer("api")
                .mayOnlyAccessLayers("service", "store", "security", "config", "metrics", "vocabulary")
                .whereLayer("kylin")
                .mayOnlyAccessLayers("wiring", "engine", "spark", "security", "config", "vocabulary")
                .whereLayer("standalone")
                .mayOnlyAccessLayers("wiring", "api", "engine", "spark", "security", "config", "vocabulary")
                // Only the environments (a Kylin host's adapter, the standalone launcher) build on the wiring.
                .whereLayer("wiring").mayOnlyBeAccessedByLayers("kylin", "standalone")
                .whereLayer("kylin").mayNotBeAccessedByAnyLayer()
                .whereLayer("standalone").mayNotBeAccessedByAnyLayer();
    }

    @Test
    void everyPackageDependsOnlyOnThePackagesBelowIt() {
        packageMap().check(mainClasses);
    }

    /**
     * The command-line client (bin/async-query) speaks only the HTTP API, so it works against any server of it: it
     * uses no class of the plugin or the standalone server, and none of theirs uses it.
     */
    @Test
    void theCommandLineClientAndTheServerShareNoClasses() {
        JavaClasses withClient = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(PLUGIN, STANDALONE, CLI);
        noClasses().that().resideInAPackage(CLI + "..").should().dependOnClassesThat()
                .resideInAnyPackage(PLUGIN + "..", STANDALONE + "..").check(withClient);
        noClasses().that().resideOutsideOfPackage(CLI + "..").should().dependOnClassesThat()
                .resideInAPackage(CLI + "..").check(withClient);
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

    /** Hadoop's file listings stay in the store: everyone else gets a {@code StoredResult} or a count. */
    @Test
    void noClassOutsideTheStoreDependsOnHadoopsFileStatus() {
        noClasses().that().resideOutsideOfPackage(PLUGIN + ".store..").should().dependOnClassesThat()
                .areAssignableTo("org.apache.hadoop.fs.FileStatus").check(mainClasses);
    }

    /** The store's signatures carry nothing of Hadoop, so the service and the API never need it. */
    @Test
    void theServiceAndTheApiUseNothingOfHadoop() {
        noClasses().that().resideInAnyPackage(PLUGIN + ".service..", PLUGIN + ".api..").should()
                .dependOnClassesThat().resideInAPackage("org.apache.hadoop..").check(mainClasses);
    }

    /** What the store's public methods take and give is ours or Java's: no Hadoop type (a path, a listing). */
    @Test
    void theStoresPublicMethodsShowNothingOfHadoop() {
        methods().that().areDeclaredInClassesThat().resideInAPackage(PLUGIN + ".store..")
                .and().areDeclaredInClassesThat().arePublic().and().arePublic()
                .should(new ArchCondition<JavaMethod>("have no Hadoop type in their signature") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        List<JavaClass> types = new ArrayList<>(method.getRawParameterTypes());
                        types.add(method.getRawReturnType());
                        for (JavaClass type : types) {
                            if (type.getBaseComponentType().getPackageName().startsWith("org.apache.hadoop")) {
                                events.add(SimpleConditionEvent.violated(method,
                                        method.getFullName() + " shows " + type.getName()));
                            }
                        }
                    }
                }).allowEmptyShould(false).check(mainClasses);
    }

    /**
     * The store fails with its own unchecked exceptions, which name the path; only its streams (java.io types, whose
     * reads and writes throw IOException by contract) declare IOException.
     */
    @Test
    void theStoresPublicApiDeclaresNoIOExceptionButOnItsStreams() {
        codeUnits().that().areDeclaredInClassesThat().resideInAPackage(PLUGIN + ".store..")
                .and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().areNotAssignableTo(InputStream.class)
                .and().areDeclaredInClassesThat().areNotAssignableTo(OutputStream.class)
                .and().arePublic()
                .should(new ArchCondition<JavaCodeUnit>("declare no IOException") {
                    @Override
                    public void check(JavaCodeUnit codeUnit, ConditionEvents events) {
                        for (ThrowsDeclaration<? extends JavaCodeUnit> thrown : codeUnit.getThrowsClause()) {
                            if (thrown.getRawType().isAssignableTo(IOException.class)) {
                                events.add(SimpleConditionEvent.violated(codeUnit,
                                        codeUnit.getFullName() + " declares " + thrown.getRawType().getName()));
                            }
                        }
                    }
                }).allowEmptyShould(false).check(mainClasses);
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
