package io.aircheck.jobs.recording;

import io.aircheck.jobs.JobsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CheckpointCoordinator;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The recorder job alone in a JVM of its own (Flink local mode), as {@link RecorderPipeline} wires
 * it, configured from the {@code AIRCHECK_*} environment like a deployed job: a process the kill
 * test can end with SIGKILL, and start again from a retained checkpoint.
 *
 * <p>Arguments: the audio, recordings and dead-letter topics, a file to create once the job is
 * submitted, and optionally the checkpoint (or savepoint) directory URI to restore from. Runs until
 * the job ends or the process is killed. Logs where it restored its state from ({@code Restoring
 * job ... from ...}).
 */
public final class RecorderProcess {
    private RecorderProcess() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println(
                    "usage: RecorderProcess AUDIO_TOPIC RECORDINGS_TOPIC DLQ_TOPIC READY_FILE"
                            + " [RESTORE_FROM]");
            System.exit(2);
        }
        // say where the job's state comes from (a restored checkpoint or none)
        Configurator.setLevel(CheckpointCoordinator.class.getName(), Level.INFO);
        JobsConfig config = JobsConfig.fromEnv(System.getenv());
        RecorderPipeline.Topics topics = new RecorderPipeline.Topics(args[0], args[1], args[2]);
        String restoreFrom = args.length > 4 ? args[4] : null;
        JobClient job = RecorderPipeline.start(config, topics, null, restoreFrom);
        Files.writeString(Path.of(args[3]), job.getJobID().toString());
        job.getJobExecutionResult().get();
    }
}
