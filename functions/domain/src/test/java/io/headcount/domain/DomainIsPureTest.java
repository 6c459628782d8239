package io.headcount.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.headcount.domain.archfixture.UsesIo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The domain decides; it never talks to the outside world, a framework, or another thread. */
class DomainIsPureTest {

    private static final ArchRule PURE = noClasses()
            .that().resideInAPackage("io.headcount.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.quarkus..",
                    "software.amazon..",
                    "com.amazonaws..",
                    "com.fasterxml..",
                    "jakarta..",
                    "javax..",
                    "io.smallrye..",
                    "io.vertx..",
                    "java.io..",
                    "java.net..",
                    "java.nio..",
                    "java.sql..",
                    "java.util.concurrent..")
            .because("the domain is pure Java: no framework, no AWS, no I/O, no threads");

    private static JavaClasses domain;

    @BeforeAll
    static void importMainClasses() {
        domain = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.headcount.domain");
    }

    @Test
    void importIsNotVacuous() {
        assertTrue(domain.contain(Admission.class), "Admission must be among the imported classes");
        assertTrue(domain.contain(Overflow.class));
        assertTrue(domain.contain(GroupSpec.class));
        assertFalse(domain.contain(DomainIsPureTest.class), "test classes are not part of the rule");
        assertFalse(domain.contain(UsesIo.class), "test fixtures are not part of the rule");
    }

    @Test
    void domainDependsOnNothingForFrameworksIoOrThreads() {
        PURE.check(domain);
    }

    @Test
    void ruleCatchesAnImpureClass() {
        EvaluationResult result = PURE.evaluate(new ClassFileImporter().importClasses(UsesIo.class));
        assertTrue(result.hasViolation(), "the rule must fail on a class that uses java.io");
    }
}
