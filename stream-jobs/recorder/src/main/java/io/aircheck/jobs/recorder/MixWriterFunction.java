package io.aircheck.jobs.recorder;

import io.aircheck.jobs.io.ObjectStoreFactory;
import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.media.AudioCodecException;
import io.aircheck.media.AudioEncoding;
import io.aircheck.media.AudioFileReader;
import io.aircheck.media.AudioFileWriter;
import io.aircheck.media.AudioFormat;
import io.aircheck.media.PcmAudio;
import io.aircheck.protocol.v1.ObjectWritten;
import io.aircheck.protocol.v1.RecordingEvent;
import io.aircheck.protocol.v1.RecordingFinalized;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.StoredObject;
import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes the mix to the archive: each chunk as a lossless FLAC work object as soon as it is mixed,
 * and when a session is completely mixed, the master (Ogg Opus) encoded in one pass over the
 * chunks, so the master is gapless however it was chunked. Keys are deterministic, so a replay
 * after a failure rewrites the same objects. Announces each master on {@code archive.recordings}.
 */
public final class MixWriterFunction extends ProcessFunction<MixOutput, OutboundRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(MixWriterFunction.class);

    private final ObjectStoreFactory storeFactory;
    private final int mixRate;
    private transient ObjectStore store;
    private transient AudioFileReader reader;
    private transient Counter mastersWritten;

    public MixWriterFunction(ObjectStoreFactory storeFactory, int mixRate) {
        this.storeFactory = storeFactory;
        this.mixRate = mixRate;
    }

    @Override
    public void open(OpenContext openContext) {
        store = storeFactory.open();
        reader = new AudioFileReader();
        mastersWritten = getRuntimeContext().getMetricGroup().counter("mastersWritten");
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    public void processElement(MixOutput mix, Context ctx, Collector<OutboundRecord> out)
            throws Exception {
        MDC.put("roomId", mix.roomId());
        MDC.put("sessionId", mix.sessionId());
        try {
            if (mix.kind() == MixOutput.Kind.CHUNK) {
                writeChunk(mix);
            } else {
                out.collect(announce(mix, writeMaster(mix)));
                mastersWritten.inc();
            }
        } finally {
            MDC.remove("roomId");
            MDC.remove("sessionId");
        }
    }

    private void writeChunk(MixOutput chunk) throws AudioCodecException {
        byte[] flac = AudioEncoding.encode(new PcmAudio(chunk.pcm(), mixRate, 1), AudioFormat.FLAC);
        store.put(
                ObjectKeys.mixChunk(chunk.roomId(), chunk.sessionId(), chunk.index()),
                flac,
                AudioFormat.FLAC.contentType());
    }

    private StoredObject writeMaster(MixOutput session) throws Exception {
        Path file = Files.createTempFile("aircheck-master-", ".opus");
        try {
            try (AudioFileWriter writer =
                    AudioFileWriter.open(file, AudioFormat.OGG_OPUS, mixRate, 1, 0)) {
                for (long i = 0; i < session.chunkCount(); i++) {
                    byte[] flac =
                            store.get(
                                    ObjectKeys.mixChunk(session.roomId(), session.sessionId(), i));
                    PcmAudio chunk = reader.read(flac, mixRate, 1);
                    writer.write(chunk.samples(), 0, chunk.samples().length);
                }
            }
            String key =
                    ObjectKeys.mixMaster(session.roomId(), session.sessionId(), MasterFormat.OPUS);
            StoredObject stored = store.put(key, file, MasterFormat.OPUS.contentType());
            LOG.info(
                    "recording of room {} session {} written: {} ({} bytes, {} s)",
                    session.roomId(),
                    session.sessionId(),
                    key,
                    stored.sizeBytes(),
                    (session.endUs() - session.startUs()) / 1_000_000.0);
            return stored;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static OutboundRecord announce(MixOutput session, StoredObject master) {
        ObjectWritten written =
                ObjectWritten.newBuilder()
                        .setBucket(master.bucket())
                        .setKey(master.key())
                        .setSizeBytes(master.sizeBytes())
                        .setSha256(master.sha256())
                        .setDurationUs(session.endUs() - session.startUs())
                        .setContentType(MasterFormat.OPUS.contentType())
                        .setStartUs(session.startUs())
                        .build();
        RecordingEvent event =
                RecordingEvent.newBuilder()
                        .setRoomId(session.roomId())
                        .setSessionId(session.sessionId())
                        .setWrittenAtMs(System.currentTimeMillis())
                        .setRecordingFinalized(
                                RecordingFinalized.newBuilder()
                                        .setStartUs(session.startUs())
                                        .setEndUs(session.endUs())
                                        .addObjects(written))
                        .build();
        return new OutboundRecord(
                session.roomId(),
                event.toByteArray(),
                RecordingEvent.getDescriptor().getFullName(),
                null);
    }
}
