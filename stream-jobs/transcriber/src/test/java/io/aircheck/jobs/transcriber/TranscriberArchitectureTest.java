package io.aircheck.jobs.transcriber;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The speech domain knows no I/O: no Flink, Kafka, S3, Elasticsearch, FFmpeg or Vosk. */
class TranscriberArchitectureTest {
    @Test
    void speechDomainIsPure() {
        noClasses()
                .that()
                .resideInAPackage("io.aircheck.jobs.transcriber.speech..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.flink..",
                        "org.apache.kafka..",
                        "io.minio..",
                        "co.elastic..",
                        "org.bytedeco..",
                        "org.vosk..",
                        "io.aircheck.media..",
                        "io.aircheck.storage..",
                        "java.net..",
                        "java.nio.file..")
                .check(
                        new ClassFileImporter()
                                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                                .importPackages("io.aircheck.jobs.transcriber"));
    }
}
