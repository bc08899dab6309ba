package io.aircheck.jobs.timeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The session projection knows no I/O: no Flink, Kafka, S3 or Elasticsearch. */
class TimelineArchitectureTest {
    @Test
    void sessionDomainIsPure() {
        noClasses()
                .that()
                .resideInAPackage("io.aircheck.jobs.timeline.session..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.flink..",
                        "org.apache.kafka..",
                        "io.minio..",
                        "co.elastic..",
                        "io.aircheck.storage..",
                        "java.net..",
                        "java.nio.file..")
                .check(
                        new ClassFileImporter()
                                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                                .importPackages("io.aircheck.jobs.timeline"));
    }
}
