package io.aircheck.capture.room;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The room domain is plain Java: no Kafka, HTTP, WebSocket or logging I/O. */
@AnalyzeClasses(
        packages = "io.aircheck.capture",
        importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

    @ArchTest
    static final ArchRule roomDomainKnowsNoIo =
            noClasses()
                    .that()
                    .resideInAPackage("io.aircheck.capture.room..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.apache.kafka..",
                            "io.javalin..",
                            "org.eclipse.jetty..",
                            "jakarta.servlet..",
                            "java.net..",
                            "java.nio.file..",
                            "com.fasterxml.jackson..",
                            "io.aircheck.capture.gateway..");

    @ArchTest
    static final ArchRule gatewayDependsOnTheDomainNotTheOtherWay =
            noClasses()
                    .that()
                    .resideInAPackage("io.aircheck.capture.room..")
                    .should()
                    .accessClassesThat()
                    .resideInAPackage("io.aircheck.capture.gateway..");
}
