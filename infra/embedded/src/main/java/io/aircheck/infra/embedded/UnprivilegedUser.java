package io.aircheck.infra.embedded;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elasticsearch refuses to run as root. When this JVM is root (as CI is), the node runs as uid/gid
 * {@value #UID} ({@code nobody}) through {@code setpriv}, owns its folders, and needs every folder
 * above them to be traversable. Otherwise it runs as the current user and nothing changes.
 */
final class UnprivilegedUser {

    static final int UID = 65534;
    private static final Logger LOG = LoggerFactory.getLogger(UnprivilegedUser.class);

    private UnprivilegedUser() {}

    static boolean currentIsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The command that runs the rest of a command line as the unprivileged user. */
    static List<String> commandPrefix() {
        return List.of("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups");
    }

    /** Gives {@code dir} and everything under it to the unprivileged user. */
    static void handOver(Path dir) throws IOException {
        Files.walkFileTree(
                dir,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
                            throws IOException {
                        chown(d);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                            throws IOException {
                        chown(file);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    /**
     * Lets the unprivileged user reach {@code path}: every folder above it that others cannot
     * traverse gets o+x (traverse only, no listing), and that change is logged.
     */
    static void ensureTraversable(Path path) throws IOException {
        for (Path dir = path.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                perms.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(dir, perms);
                LOG.warn(
                        "Elasticsearch runs as uid {}: made {} traversable for others (o+x)",
                        UID,
                        dir);
            }
        }
    }

    private static void chown(Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", UID, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", UID, LinkOption.NOFOLLOW_LINKS);
    }
}
