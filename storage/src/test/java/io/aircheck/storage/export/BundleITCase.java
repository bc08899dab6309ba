package io.aircheck.storage.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.config.S3Settings;
import io.aircheck.infra.embedded.EmbeddedS3;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.s3.S3ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle of real audio files from the embedded S3 server: durations read, streamed, verified. */
class BundleITCase {
    private static void ffmpeg(Path out, String codec, double seconds) throws Exception {
        Process p =
                new ProcessBuilder(
                                "ffmpeg",
                                "-v",
                                "error",
                                "-y",
                                "-f",
                                "lavfi",
                                "-i",
                                "sine=frequency=440:sample_rate=48000:duration=" + seconds,
                                "-c:a",
                                codec,
                                out.toString())
                        .redirectErrorStream(true)
                        .start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
    }

    @Test
    void realMastersAndTracksKeepTheirDurationsAndTheBundleVerifies(@TempDir Path dir)
            throws Exception {
        EmbeddedS3 s3 = SharedTestServers.s3();
        try (S3ObjectStore store =
                S3ObjectStore.connect(
                        new S3Settings(
                                s3.endpoint(),
                                s3.accessKey(),
                                s3.secretKey(),
                                "bundle-it-" + UUID.randomUUID().toString().substring(0, 8),
                                "us-east-1"))) {
            Path opus = dir.resolve("room.opus");
            Path m4a = dir.resolve("room.m4a");
            Path track = dir.resolve("ann.opus");
            ffmpeg(opus, "libopus", 3.5);
            ffmpeg(m4a, "aac", 3.5);
            ffmpeg(track, "libopus", 2.0);
            store.put(ObjectKeys.mixMaster("r", "s", MasterFormat.OPUS), opus, "audio/ogg");
            store.put(ObjectKeys.mixMaster("r", "s", MasterFormat.M4A), m4a, "audio/mp4");
            store.put(ObjectKeys.track("r", "s", "ann", "opus"), track, "audio/ogg");
            store.put(ObjectKeys.eventLog("r", "s"), "{}\n".getBytes(), "application/x-ndjson");
            SigningKeys.Signer key = SigningKeys.generate();
            BundlePreparer.Prepared prepared =
                    new BundlePreparer(store, key)
                            .prepare(
                                    SessionFixture.request("it1", "r", "s"),
                                    BundlePreparer.Progress.NONE);

            assertThat(prepared.manifest().files())
                    .extracting(BundleFile::path)
                    .containsExactly(
                            ObjectKeys.mixMaster("r", "s", MasterFormat.M4A),
                                    ObjectKeys.mixMaster("r", "s", MasterFormat.OPUS),
                            ObjectKeys.track("r", "s", "ann", "opus"),
                                    ObjectKeys.eventLog("r", "s"));
            assertThat(prepared.manifest().files().get(1).durationUs())
                    .isBetween(3_490_000L, 3_510_000L);
            assertThat(prepared.manifest().files().get(0).durationUs())
                    .isBetween(3_490_000L, 3_530_000L);
            assertThat(prepared.manifest().files().get(2).durationUs())
                    .isBetween(1_990_000L, 2_010_000L);
            assertThat(prepared.manifest().sessions().get(0).recorderManifest()).isNull();

            ByteArrayOutputStream bundle = new ByteArrayOutputStream();
            new BundleWriter(prepared.layout(), store::open)
                    .write(bundle, BundleWriter.Progress.NONE);
            assertThat(
                            new BundleVerifier(key.verifier())
                                    .verify(new ByteArrayInputStream(bundle.toByteArray()))
                                    .problems())
                    .isEmpty();
            Files.write(dir.resolve("b.tar"), bundle.toByteArray());
        }
    }
}
