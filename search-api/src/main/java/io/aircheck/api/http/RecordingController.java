package io.aircheck.api.http;

import io.aircheck.api.replay.PlaylistRewriter;
import io.aircheck.api.replay.Recording;
import io.aircheck.api.replay.RecordingService;
import io.aircheck.storage.layout.MasterFormat;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A session's media: the masters ({@code recording.opus}, {@code recording.m4a}, {@code ?download}
 * for an attachment), the HLS playlist ({@code hls/playlist.m3u8}) and its segments ({@code
 * hls/{file}}), all with byte ranges and the caller's access checks.
 */
public final class RecordingController {
    private final RecordingService recordings;

    public RecordingController(RecordingService recordings) {
        this.recordings = recordings;
    }

    public void opus(Context ctx) throws IOException {
        master(ctx, MasterFormat.OPUS);
    }

    public void m4a(Context ctx) throws IOException {
        master(ctx, MasterFormat.M4A);
    }

    private void master(Context ctx, MasterFormat format) throws IOException {
        new Params(ctx, Set.of("download", "access_token"));
        String roomId = Params.pathId(ctx, "roomId");
        String sessionId = Params.pathId(ctx, "sessionId");
        Recording recording =
                recordings.find(Authentication.caller(ctx), roomId, sessionId, format);
        if (ctx.queryParam("download") != null) {
            ctx.header(
                    "Content-Disposition",
                    "attachment; filename=\""
                            + roomId
                            + "-"
                            + sessionId
                            + "."
                            + format.extension()
                            + "\"");
        }
        ObjectStreamer.stream(ctx, recording, "private, max-age=300", recordings::open);
    }

    /** The playlist, its media URIs pointing back at this API (with the caller's token, if any). */
    public void playlist(Context ctx) {
        new Params(ctx, Set.of("access_token"));
        String roomId = Params.pathId(ctx, "roomId");
        String sessionId = Params.pathId(ctx, "sessionId");
        RecordingService.Playlist playlist =
                recordings.playlist(Authentication.caller(ctx), roomId, sessionId);
        String token = ctx.queryParam("access_token");
        String query =
                token == null || token.isBlank()
                        ? null
                        : "access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        ctx.header("Cache-Control", playlist.live() ? "no-cache" : "private, max-age=60");
        ctx.contentType("application/vnd.apple.mpegurl");
        ctx.result(PlaylistRewriter.rewrite(playlist.text(), query));
    }

    public void hlsFile(Context ctx) throws IOException {
        if (ctx.pathParam("file").endsWith(".m3u8")) {
            if (!ctx.pathParam("file").equals("playlist.m3u8")) {
                throw io.aircheck.api.ApiException.notFound(
                        "the session's playlist is hls/playlist.m3u8");
            }
            playlist(ctx);
            return;
        }
        new Params(ctx, Set.of("access_token"));
        String roomId = Params.pathId(ctx, "roomId");
        String sessionId = Params.pathId(ctx, "sessionId");
        Recording file =
                recordings.hlsFile(
                        Authentication.caller(ctx), roomId, sessionId, ctx.pathParam("file"));
        // segments are immutable once written (deterministic keys, rewritten identically)
        ObjectStreamer.stream(ctx, file, "private, max-age=86400", recordings::open);
    }
}
