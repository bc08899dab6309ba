package io.aircheck.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The domain-facing types ({@code io.aircheck.storage}) and the object layout ({@code
 * io.aircheck.storage.layout}) stay plain Java: only the adapters in {@code .s3} and {@code .index}
 * may touch the MinIO SDK, OkHttp or the Elasticsearch client.
 */
@AnalyzeClasses(
        packages = "io.aircheck.storage",
        importOptions = ImportOption.DoNotIncludeTests.class)
class StorageArchitectureTest {

    private static final String[] VENDOR_PACKAGES = {
        "io.minio..", "okhttp3..", "co.elastic..", "org.elasticsearch..", "org.apache.http.."
    };

    @ArchTest
    static final ArchRule domainTypesKnowNoClients =
            noClasses()
                    .that()
                    .resideInAnyPackage("io.aircheck.storage", "io.aircheck.storage.layout")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(VENDOR_PACKAGES)
                    .because("domain logic knows no I/O (STYLE.md)");

    @ArchTest
    static final ArchRule domainTypesDoNotReachIntoAdapters =
            noClasses()
                    .that()
                    .resideInAnyPackage("io.aircheck.storage", "io.aircheck.storage.layout")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("io.aircheck.storage.s3..", "io.aircheck.storage.index..");

    @ArchTest
    static final ArchRule s3AdapterKnowsNoElasticsearch =
            noClasses()
                    .that()
                    .resideInAPackage("io.aircheck.storage.s3..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("co.elastic..", "org.elasticsearch..");

    @ArchTest
    static final ArchRule indexAdapterKnowsNoS3 =
            noClasses()
                    .that()
                    .resideInAPackage("io.aircheck.storage.index..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("io.minio..", "okhttp3..");
}
