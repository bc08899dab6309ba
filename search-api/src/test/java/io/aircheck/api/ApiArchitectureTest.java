package io.aircheck.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Services know no HTTP, and the domain knows no Elasticsearch or S3 client: only adapters do. */
@AnalyzeClasses(packages = "io.aircheck.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiArchitectureTest {
    @ArchTest
    static final ArchRule servicesKnowNoHttp =
            noClasses()
                    .that()
                    .resideInAnyPackage(
                            "..api.search..", "..api.replay..", "..api.rooms..", "..api.access..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..");

    @ArchTest
    static final ArchRule theDomainKnowsNoClients =
            noClasses()
                    .that()
                    .resideInAnyPackage(
                            "..api.search", "..api.replay..", "..api.rooms..", "..api.access..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "co.elastic..", "io.minio..", "okhttp3..", "org.elasticsearch..");
}
