package io.aircheck.storage.manifest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The manifest is pure: no clients, no adapters, no files or network. */
@AnalyzeClasses(
        packages = "io.aircheck.storage.manifest",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ManifestArchitectureTest {
    @ArchTest
    static final ArchRule manifestKnowsNoIo =
            noClasses()
                    .that()
                    .resideInAPackage("io.aircheck.storage.manifest..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.minio..",
                            "okhttp3..",
                            "co.elastic..",
                            "org.elasticsearch..",
                            "io.aircheck.storage.s3..",
                            "io.aircheck.storage.index..",
                            "java.net..",
                            "java.nio.file..");
}
