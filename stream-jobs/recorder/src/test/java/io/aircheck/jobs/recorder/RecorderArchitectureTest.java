package io.aircheck.jobs.recorder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The recorder's domain knows no I/O: mixing, packet and track planning, playlists and work objects
 * use no Flink, Kafka, S3, Elasticsearch or FFmpeg, no files and no network.
 */
class RecorderArchitectureTest {
    private static final JavaClasses CLASSES =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.aircheck.jobs.recorder");

    private static final String[] IO = {
        "org.apache.flink..",
        "org.apache.kafka..",
        "io.minio..",
        "co.elastic..",
        "org.bytedeco..",
        "io.aircheck.storage..",
        "java.net..",
        "java.nio.file.."
    };

    @Test
    void mixDomainIsPure() {
        noClasses()
                .that()
                .resideInAPackage("io.aircheck.jobs.recorder.mix..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(IO)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("io.aircheck.media..")
                .check(CLASSES);
    }

    @Test
    void trackPlaylistAndWorkDomainsArePure() {
        // the only piece of capture-media they use is pure Java: Opus packet arithmetic
        DescribedPredicate<JavaClass> codecs =
                DescribedPredicate.describe(
                        "capture-media codecs",
                        c ->
                                c.getPackageName().equals("io.aircheck.media")
                                        && !c.getSimpleName().equals("OpusPackets"));
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.aircheck.jobs.recorder.track..",
                        "io.aircheck.jobs.recorder.hls..",
                        "io.aircheck.jobs.recorder.work..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(IO)
                .orShould()
                .dependOnClassesThat(codecs)
                .check(CLASSES);
    }
}
