package io.aircheck.capture.room;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The room domain and the media-stream domain (RTP, raw PCM, the room clock) are plain Java: no
 * Kafka, HTTP, WebSocket, sockets or file I/O.
 */
@AnalyzeClasses(
        packages = "io.aircheck.capture",
        importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

    @ArchTest
    static final ArchRule roomDomainKnowsNoIo =
            noClasses()
                    .that()
                    .resideInAnyPackage(
                            "io.aircheck.capture.room..", "io.aircheck.capture.stream..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.apache.kafka..",
                            "io.javalin..",
                            "org.eclipse.jetty..",
                            "jakarta.servlet..",
                            "java.net..",
                            "java.nio.file..",
                            "java.nio.channels..",
                            "com.fasterxml.jackson..",
                            "io.aircheck.capture.gateway..");

    @ArchTest
    static final ArchRule gatewayDependsOnTheDomainNotTheOtherWay =
            noClasses()
                    .that()
                    .resideInAnyPackage(
                            "io.aircheck.capture.room..", "io.aircheck.capture.stream..")
                    .should()
                    .accessClassesThat()
                    .resideInAPackage("io.aircheck.capture.gateway..");
}
