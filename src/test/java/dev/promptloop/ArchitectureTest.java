package dev.promptloop;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.promptloop.check.JsonOutputCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house rules, checked on the compiled main classes: imports point inward, to a core that knows only itself and
 * the JDK; the wire format, the stores and the handlers do not know each other the wrong way round; nothing but
 * {@code wiring} (and {@code local}, the dev-only stand-in for AWS) knows every layer; and no package cycle.
 */
class ArchitectureTest {

    static final String[] CORE = {"dev.promptloop.core..", "dev.promptloop.template..", "dev.promptloop.check..", "dev.promptloop.prompt..",
        "dev.promptloop.render..", "dev.promptloop.feedback..", "dev.promptloop.evaluation..",
        "dev.promptloop.refinement..", "dev.promptloop.suite.."};
    static final String[] ADAPTERS = {"dev.promptloop.api..", "dev.promptloop.idempotency..",
        "dev.promptloop.handler..", "dev.promptloop.store..", "dev.promptloop.llm..", "dev.promptloop.wiring..",
        "dev.promptloop.local.."};
    static final String[] PLATFORMS = {"software.amazon..", "com.amazonaws..", "dev.langchain4j..", "io.quarkus..",
        "io.quarkiverse..", "io.smallrye..", "io.vertx..", "jakarta..", "org.eclipse.microprofile..", "org.jboss..",
        "com.fasterxml.jackson..", "com.networknt.."};

    static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.promptloop");
    }

    @Test
    void theCoreKnowsNoAdapter() {
        check(noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS));
    }

    @Test
    void theCoreUsesNoPlatformTypeButTheJsonCheckItsJsonParser() {
        check(noClasses().that().resideInAnyPackage(CORE).and(not(belongToAnyOf(JsonOutputCheck.class)))
                .should().dependOnClassesThat().resideInAnyPackage(PLATFORMS));
        check(noClasses().that(belongToAnyOf(JsonOutputCheck.class))
                .should().dependOnClassesThat().resideInAnyPackage(without(PLATFORMS, "com.fasterxml.jackson..",
                        "com.networknt..")));
    }

    @Test
    void storesKnowNeitherTheWireFormatNorTheHandlers() {
        check(noClasses().that().resideInAPackage("dev.promptloop.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.promptloop.api..", "dev.promptloop.handler..",
                        "dev.promptloop.llm..", "dev.promptloop.local.."));
    }

    @Test
    void handlersKnowNoStoreAndNoModelAdapter() {
        check(noClasses().that().resideInAPackage("dev.promptloop.handler..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.promptloop.store..", "dev.promptloop.llm..",
                        "dev.promptloop.wiring..", "dev.promptloop.local.."));
    }

    @Test
    void theWireFormatAndTheIdempotencyProtocolKnowOnlyTheCore() {
        check(noClasses().that().resideInAnyPackage("dev.promptloop.api..", "dev.promptloop.idempotency..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.promptloop.handler..",
                        "dev.promptloop.store..", "dev.promptloop.llm..", "dev.promptloop.wiring..",
                        "dev.promptloop.local.."));
        check(noClasses().that().resideInAPackage("dev.promptloop.idempotency..")
                .should().dependOnClassesThat().resideInAPackage("dev.promptloop.api.."));
    }

    @Test
    void modelAdaptersKnowNoOtherAdapterButTheConfiguration() {
        check(noClasses().that().resideInAPackage("dev.promptloop.llm..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.promptloop.api..",
                        "dev.promptloop.idempotency..", "dev.promptloop.handler..", "dev.promptloop.store..",
                        "dev.promptloop.local.."));
    }

    @Test
    void nothingButWiringAndLocalModeKnowsTheProductionWiring() {
        check(noClasses().that().resideOutsideOfPackages("dev.promptloop.wiring..", "dev.promptloop.local..",
                        "dev.promptloop.llm..")
                .should().dependOnClassesThat().resideInAPackage("dev.promptloop.wiring.."));
        check(noClasses().that().resideOutsideOfPackage("dev.promptloop.local..")
                .should().dependOnClassesThat().resideInAPackage("dev.promptloop.local.."));
    }

    @Test
    void noPackageCycles() {
        check(slices().matching("dev.promptloop.(*)..").should().beFreeOfCycles());
    }

    private static void check(ArchRule rule) {
        rule.check(main);
    }

    private static String[] without(String[] packages, String... removed) {
        return java.util.Arrays.stream(packages).filter(p -> !java.util.List.of(removed).contains(p))
                .toArray(String[]::new);
    }
}
