package io.aircheck.infra.launcher;

import io.aircheck.jobs.JobsConfig;
import io.aircheck.jobs.StreamJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stream jobs in Flink local mode inside this process, resuming from the newest savepoint
 * or retained checkpoint under the data directory, and stopping with a savepoint.
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final JobClient job;
    private final Path savepoints;

    private JobRunner(JobClient job, Path savepoints) {
        this.job = job;
        this.savepoints = savepoints;
    }

    public static JobRunner start(JobsConfig jobs, StackConfig stack) throws Exception {
        Files.createDirectories(stack.checkpointsDir());
        Files.createDirectories(stack.savepointsDir());
        JobsConfig local =
                jobs.withCheckpointDir(stack.checkpointsDir().toAbsolutePath().toUri().toString());
        Configuration flink = StreamJobs.flinkConfiguration(local);
        Optional<Path> resume = newestRestorePoint(stack);
        resume.ifPresent(
                path -> {
                    LOG.info("resuming the jobs from {}", path);
                    flink.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toUri().toString());
                });
        StreamExecutionEnvironment env;
        if (stack.flinkWebPort() > 0) {
            flink.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            flink.set(RestOptions.ADDRESS, "127.0.0.1");
            flink.set(RestOptions.PORT, stack.flinkWebPort());
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
        } else {
            env = StreamExecutionEnvironment.createLocalEnvironment(flink);
        }
        StreamJobs.wire(env, local, StreamJobs.Connections.of(local));
        JobClient client = env.executeAsync("aircheck " + String.join("+", local.jobs()));
        LOG.info("stream jobs running (job {})", client.getJobID());
        return new JobRunner(client, stack.savepointsDir());
    }

    /** The newest savepoint or completed checkpoint (a directory holding _metadata), if any. */
    static Optional<Path> newestRestorePoint(StackConfig stack) throws IOException {
        try (Stream<Path> savepoints = candidates(stack.savepointsDir(), 1);
                Stream<Path> checkpoints = candidates(stack.checkpointsDir(), 2)) {
            return Stream.concat(savepoints, checkpoints)
                    .filter(dir -> Files.isRegularFile(dir.resolve("_metadata")))
                    .max(Comparator.comparing(JobRunner::modified));
        }
    }

    private static Stream<Path> candidates(Path root, int depth) throws IOException {
        return Files.isDirectory(root)
                ? Files.walk(root, depth).filter(Files::isDirectory)
                : Stream.empty();
    }

    private static long modified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Stops the jobs with a savepoint (the next start resumes from it); cancels if that fails. */
    @Override
    public void close() {
        try {
            String path =
                    job.stopWithSavepoint(
                                    false,
                                    savepoints.toAbsolutePath().toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LOG.info("stream jobs stopped with savepoint {}", path);
        } catch (Exception e) {
            LOG.warn(
                    "stopping the jobs with a savepoint failed ({}); cancelling, the next start resumes from the last checkpoint",
                    e.toString());
            try {
                job.cancel().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception cancel) {
                LOG.warn("cancelling the jobs failed: {}", cancel.toString());
            }
        }
    }
}
