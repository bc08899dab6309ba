package io.aircheck.infra.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Elasticsearch home folder: the distribution unpacked once (a marker file, written last, says
 * the unpacking completed) and the aircheck analysis plugin installed in {@code
 * plugins/aircheck-analysis/}. Several JVMs may share one home: a file lock beside it serialises
 * preparing it, and the node writes nothing into it (its config, data, logs and temp files live in
 * its own data directory).
 */
final class ElasticsearchHome {

    static final String PLUGIN_NAME = "aircheck-analysis";
    static final String PLUGIN_DESCRIPTOR =
            "META-INF/" + PLUGIN_NAME + "/plugin-descriptor.properties";
    private static final String MARKER = ".aircheck-unpacked";
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchHome.class);

    private ElasticsearchHome() {}

    /** Unpacks the distribution into {@code home} unless done before, then installs the plugin. */
    static void prepare(ElasticsearchDistribution distribution, Path home, boolean handOver) {
        Path lockFile = home.resolveSibling(home.getFileName() + ".lock");
        synchronized (ElasticsearchHome.class) { // file locks are per process, not per thread
            try {
                Files.createDirectories(home.getParent());
                try (FileChannel channel =
                                FileChannel.open(
                                        lockFile,
                                        StandardOpenOption.CREATE,
                                        StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    unpackOnce(distribution, home);
                    installPlugin(home.resolve("plugins").resolve(PLUGIN_NAME));
                    if (handOver) {
                        UnprivilegedUser.ensureTraversable(home);
                        UnprivilegedUser.handOver(home);
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new EmbeddedServerException(
                        "Elasticsearch: cannot prepare the home folder "
                                + home
                                + " from "
                                + distribution.zip()
                                + ": "
                                + e,
                        e);
            }
        }
    }

    private static void unpackOnce(ElasticsearchDistribution distribution, Path home)
            throws IOException {
        String identity = distribution.version() + " " + Files.size(distribution.zip()) + "\n";
        Path marker = home.resolve(MARKER);
        if (Files.exists(marker)
                && Files.readString(marker, StandardCharsets.UTF_8).equals(identity)) {
            return;
        }
        long began = System.nanoTime();
        deleteRecursively(home);
        Path partial = home.resolveSibling(home.getFileName() + ".partial");
        deleteRecursively(partial);
        try (ZipFile zip = new ZipFile(distribution.zip().toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                int slash = name.indexOf('/'); // every entry sits under elasticsearch-VERSION/
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path target = partial.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("zip entry escapes the home folder: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                boolean script =
                        name.contains("/bin/") && !name.endsWith(".bat") && !name.endsWith(".exe");
                Files.setPosixFilePermissions(
                        target,
                        PosixFilePermissions.fromString(script ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(marker, identity, StandardCharsets.UTF_8);
        LOG.info(
                "Elasticsearch {} unpacked into {} in {} ms",
                distribution.version(),
                home,
                (System.nanoTime() - began) / 1_000_000);
    }

    /**
     * Copies the plugin jar (found through the descriptor it carries) and its descriptor into
     * {@code pluginDir}, rewriting a file only when its content changed.
     */
    private static void installPlugin(Path pluginDir) throws IOException {
        URL descriptor = ElasticsearchHome.class.getClassLoader().getResource(PLUGIN_DESCRIPTOR);
        if (descriptor == null) {
            throw new IOException(
                    "the analysis plugin (io.aircheck:infra-analysis-plugin, "
                            + PLUGIN_DESCRIPTOR
                            + ") is not on the classpath");
        }
        byte[] jar;
        if ("jar".equals(descriptor.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) descriptor.openConnection();
            connection.setUseCaches(false);
            jar = Files.readAllBytes(toPath(connection.getJarFileURL()));
        } else {
            // the plugin module's classes folder (a reactor build before packaging, an IDE)
            jar = jarOf(toPath(descriptor).getParent().getParent().getParent());
        }
        byte[] properties;
        try (InputStream in = descriptor.openStream()) {
            properties = in.readAllBytes();
        }
        Files.createDirectories(pluginDir);
        writeIfChanged(pluginDir.resolve(PLUGIN_NAME + ".jar"), jar);
        writeIfChanged(pluginDir.resolve("plugin-descriptor.properties"), properties);
    }

    private static byte[] jarOf(Path classes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                JarEntry entry =
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/'));
                entry.setTime(0);
                out.putNextEntry(entry);
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void writeIfChanged(Path file, byte[] content) throws IOException {
        if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), content)) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Elasticsearch: installed {}", file);
    }

    private static Path toPath(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("not a file URL: " + url, e));
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
