package io.aircheck.jobs.indexer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The transcript domain knows no I/O: no Flink, Kafka, S3 or Elasticsearch. */
class IndexerArchitectureTest {
    @Test
    void transcriptDomainIsPure() {
        noClasses()
                .that()
                .resideInAPackage("io.aircheck.jobs.indexer.transcript..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.flink..",
                        "org.apache.kafka..",
                        "io.minio..",
                        "co.elastic..",
                        "io.aircheck.storage.index..",
                        "io.aircheck.storage.s3..",
                        "java.net..",
                        "java.nio.file..")
                .check(
                        new ClassFileImporter()
                                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                                .importPackages("io.aircheck.jobs.indexer"));
    }
}
