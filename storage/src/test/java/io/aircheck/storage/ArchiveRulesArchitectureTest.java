package io.aircheck.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Audit trail, retention and legal holds, and export bundles are rules and formats: they work on
 * the ports ({@code ObjectStore}, {@code AuditLog}, {@code AuditIndex}, {@code ObjectLock}), never
 * on a client, a file or the network (the S3 and Elasticsearch sides live in {@code .s3} and {@code
 * .index}).
 */
@AnalyzeClasses(
        packages = "io.aircheck.storage",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchiveRulesArchitectureTest {
    @ArchTest
    static final ArchRule rulesKnowNoClientsNorFiles =
            noClasses()
                    .that()
                    .resideInAnyPackage(
                            "io.aircheck.storage.audit..",
                            "io.aircheck.storage.retention..",
                            "io.aircheck.storage.export..")
                    .and()
                    .doNotHaveSimpleName("HoldGuard") // an ObjectStore decorator: the port's types
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
                            "java.nio.file..")
                    .because("domain logic knows no I/O (STYLE.md)");
}
