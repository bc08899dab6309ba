package io.aircheck.api.http;

import io.aircheck.api.replay.ByteRange;
import io.aircheck.api.replay.Recording;
import io.aircheck.api.replay.RecordingService;
import io.aircheck.storage.layout.MasterFormat;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET|HEAD /api/rooms/{roomId}/sessions/{sessionId}/recording.opus}: the session's mixed
 * recording, with byte ranges (206 Partial Content), so that an audio element can seek and a
 * download can resume. Streams from the object store without buffering the file.
 */
public final class RecordingController {
    private final RecordingService recordings;

    public RecordingController(RecordingService recordings) {
        this.recordings = recordings;
    }

    public void serve(Context ctx) throws IOException {
        Params params = new Params(ctx, Set.of("download", "access_token"));
        String roomId = Params.pathId(ctx, "roomId");
        String sessionId = Params.pathId(ctx, "sessionId");
        Recording recording =
                recordings.find(Authentication.caller(ctx), roomId, sessionId, MasterFormat.OPUS);

        ctx.disableCompression();
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Content-Type", recording.contentType());
        ctx.header("Cache-Control", "private, max-age=300");
        if (recording.etag() != null) {
            ctx.header("ETag", "\"" + recording.etag().replace("\"", "") + "\"");
        }
        if (ctx.queryParam("download") != null) {
            ctx.header(
                    "Content-Disposition",
                    "attachment; filename=\"" + roomId + "-" + sessionId + ".opus\"");
        }
        Optional<ByteRange> range;
        try {
            range =
                    ifRangeMatches(ctx, recording)
                            ? ByteRange.parse(ctx.header("Range"), recording.sizeBytes())
                            : Optional.empty();
        } catch (ByteRange.Unsatisfiable e) {
            ctx.status(416);
            ctx.header("Content-Range", "bytes */" + recording.sizeBytes());
            ctx.json(new ErrorBody("range_not_satisfiable", e.getMessage()));
            return;
        }
        long length = range.map(ByteRange::length).orElse(recording.sizeBytes());
        range.ifPresent(r -> ctx.header("Content-Range", r.contentRange()));
        ctx.status(range.isPresent() ? 206 : 200);
        ctx.res().setContentLengthLong(length);
        if (ctx.method() == HandlerType.HEAD) {
            return;
        }
        try (InputStream in = recordings.open(recording, range.orElse(null))) {
            OutputStream out = ctx.res().getOutputStream();
            in.transferTo(out);
            out.flush();
        }
    }

    /** An If-Range that names another version of the file means: send the whole new file. */
    private static boolean ifRangeMatches(Context ctx, Recording recording) {
        String ifRange = ctx.header("If-Range");
        return ifRange == null
                || recording.etag() == null
                || ifRange.replace("\"", "").equals(recording.etag().replace("\"", ""));
    }
}
