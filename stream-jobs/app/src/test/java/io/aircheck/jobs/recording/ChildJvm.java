package io.aircheck.jobs.recording;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a main class of this test classpath in a JVM of its own (this JVM's java, the same logging
 * configuration), its output to a log file. The classpath goes through an argument file: a test
 * classpath can be longer than the kernel takes as one argument.
 */
final class ChildJvm {
    private ChildJvm() {}

    static Process start(
            Class<?> main,
            List<String> args,
            Map<String, String> env,
            String heap,
            Path work,
            String name)
            throws IOException {
        Path argFile = work.resolve(name + ".args");
        Files.writeString(argFile, "-cp \"" + classpath() + "\"\n");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        String log4j = System.getProperty("log4j2.configurationFile");
        command.add(
                "-Dlog4j2.configurationFile="
                        + (log4j != null ? log4j : "classpath:log4j2.properties"));
        command.add("@" + argFile);
        command.add(main.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("AIRCHECK_"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(work.resolve(name + ".log").toFile());
        return builder.start();
    }

    /** This JVM's classpath (under exec:java, the plugin's class loader's). */
    private static String classpath() {
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader) {
            StringBuilder path = new StringBuilder();
            for (URL url : loader.getURLs()) {
                try {
                    path.append(Path.of(url.toURI())).append(File.pathSeparator);
                } catch (URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return path.toString();
        }
        return System.getProperty("java.class.path");
    }
}
