package io.aircheck.api.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The web UI's pages, served from the classpath; they call the JSON API themselves. */
public final class WebPages {
    private final String index = load("index.html");
    private final String replay = load("replay.html");

    public void index(Context ctx) {
        ctx.html(index);
    }

    public void replay(Context ctx) {
        Params.pathId(ctx, "roomId");
        Params.pathId(ctx, "sessionId");
        ctx.html(replay);
    }

    private static String load(String name) {
        try (InputStream in = WebPages.class.getResourceAsStream("/io/aircheck/api/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing web page " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
