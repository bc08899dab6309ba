package io.aircheck.infra.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where the Elasticsearch distribution zip ({@code
 * org.elasticsearch.distribution.integ-test-zip:elasticsearch:VERSION:zip}, a dependency of this
 * module, so the build downloads it) is. In order: the system property {@value #PROPERTY}, the
 * environment variable {@value #ENV}, the local Maven repository ({@code maven.repo.local} or
 * {@code ~/.m2/repository}), the repository this module was built with.
 */
record ElasticsearchDistribution(String version, Path zip) {

    static final String PROPERTY = "aircheck.es.distribution";
    static final String ENV = "AIRCHECK_ES_DISTRIBUTION";

    static ElasticsearchDistribution locate() {
        return locate(System.getProperties(), System.getenv());
    }

    static ElasticsearchDistribution locate(Properties system, Map<String, String> env) {
        Properties build = buildProperties();
        String version = build.getProperty("version");
        String relative =
                "org/elasticsearch/distribution/integ-test-zip/elasticsearch/"
                        + version
                        + "/elasticsearch-"
                        + version
                        + ".zip";
        List<Path> tried = new ArrayList<>();
        String explicit = system.getProperty(PROPERTY, env.get(ENV));
        if (explicit != null && !explicit.isBlank()) {
            Path zip = Path.of(explicit);
            if (!Files.isRegularFile(zip)) {
                throw new EmbeddedServerException(
                        "Elasticsearch: the distribution named by "
                                + (system.getProperty(PROPERTY) != null ? "-D" + PROPERTY : ENV)
                                + " does not exist: "
                                + zip);
            }
            return new ElasticsearchDistribution(version, zip);
        }
        String repo = system.getProperty("maven.repo.local");
        tried.add(
                repo != null && !repo.isBlank()
                        ? Path.of(repo, relative)
                        : Path.of(system.getProperty("user.home"), ".m2", "repository", relative));
        String built = build.getProperty("path", "");
        if (!built.isBlank() && !built.contains("${")) {
            tried.add(Path.of(built));
        }
        for (Path zip : tried) {
            if (Files.isRegularFile(zip)) {
                return new ElasticsearchDistribution(version, zip);
            }
        }
        throw new EmbeddedServerException(
                "Elasticsearch: distribution "
                        + version
                        + " not found (looked at "
                        + tried
                        + "). Run the build once (e.g. `mvn -pl infra/embedded -am install`), which"
                        + " downloads org.elasticsearch.distribution.integ-test-zip:elasticsearch:"
                        + version
                        + ":zip, or point -D"
                        + PROPERTY
                        + " / "
                        + ENV
                        + " at the zip.");
    }

    private static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in =
                ElasticsearchDistribution.class.getResourceAsStream("es-distribution.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "es-distribution.properties missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
