package io.aircheck.api.http;

import io.aircheck.api.ApiException;
import io.aircheck.api.replay.TimelineService;
import io.aircheck.api.replay.TranscriptService;
import io.aircheck.api.replay.WebVtt;
import io.aircheck.api.search.Cursor;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A session's words and story: {@code segments} (pages from the index, times from the session's
 * start, words included: what the replay page reads, live rooms too), {@code transcript.vtt},
 * {@code transcript.json} and {@code timeline.json}.
 */
public final class TranscriptController {
    private final TranscriptService transcripts;
    private final TimelineService timelines;

    public TranscriptController(TranscriptService transcripts, TimelineService timelines) {
        this.transcripts = transcripts;
        this.timelines = timelines;
    }

    public void segments(Context ctx) {
        Params params = new Params(ctx, Set.of("cursor", "size", "access_token"));
        String roomId = Params.pathId(ctx, "roomId");
        String sessionId = Params.pathId(ctx, "sessionId");
        Cursor after;
        try {
            after = params.raw("cursor") == null ? null : Cursor.decode(params.raw("cursor"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        TranscriptService.Page page =
                transcripts.page(
                        Authentication.caller(ctx),
                        roomId,
                        sessionId,
                        after,
                        params.intOr("size", TranscriptService.DEFAULT_PAGE));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("roomId", roomId);
        body.put("sessionId", sessionId);
        body.put("live", page.room().live());
        body.put("segments", page.lines());
        body.put("next", page.next().map(Cursor::encode).orElse(null));
        body.put("resume", page.resume().map(Cursor::encode).orElse(null));
        ctx.header("Cache-Control", "no-cache");
        ctx.json(body);
    }

    public void vtt(Context ctx) throws IOException {
        new Params(ctx, Set.of("access_token"));
        String roomId = Params.pathId(ctx, "roomId");
        String sessionId = Params.pathId(ctx, "sessionId");
        TranscriptService.Whole whole =
                transcripts.whole(Authentication.caller(ctx), roomId, sessionId, "vtt");
        ctx.contentType("text/vtt; charset=utf-8");
        ctx.header("Cache-Control", "private, no-cache");
        if (whole.storedKey().isPresent()) {
            copy(ctx, transcripts.open(whole.storedKey().get()));
        } else {
            ctx.result(WebVtt.render(whole.lines()));
        }
    }

    public void json(Context ctx) throws IOException {
        new Params(ctx, Set.of("access_token"));
        String roomId = Params.pathId(ctx, "roomId");
        String sessionId = Params.pathId(ctx, "sessionId");
        TranscriptService.Whole whole =
                transcripts.whole(Authentication.caller(ctx), roomId, sessionId, "json");
        ctx.header("Cache-Control", "private, no-cache");
        if (whole.storedKey().isPresent()) {
            ctx.contentType("application/json");
            copy(ctx, transcripts.open(whole.storedKey().get()));
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("roomId", roomId);
            body.put("sessionId", sessionId);
            body.put("title", whole.room().title());
            body.put("startedAt", whole.room().startedAt().toString());
            body.put("live", whole.room().live());
            body.put("segments", whole.lines());
            ctx.json(body);
        }
    }

    public void timeline(Context ctx) throws IOException {
        new Params(ctx, Set.of("access_token"));
        String roomId = Params.pathId(ctx, "roomId");
        String sessionId = Params.pathId(ctx, "sessionId");
        TimelineService.Timeline timeline =
                timelines.timeline(Authentication.caller(ctx), roomId, sessionId);
        ctx.header("Cache-Control", "private, no-cache");
        if (timeline.storedKey().isPresent()) {
            ctx.contentType("application/json");
            copy(ctx, timelines.open(timeline.storedKey().get()));
        } else {
            ctx.json(timeline.derived());
        }
    }

    private static void copy(Context ctx, InputStream source) throws IOException {
        try (InputStream in = source) {
            in.transferTo(ctx.res().getOutputStream());
        }
    }
}
