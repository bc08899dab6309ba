package io.aircheck.api.http;

import io.aircheck.api.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The web UI: the search page, the replay page, their scripts and styles, and hls.js from its
 * WebJar (Maven Central: {@code org.webjars.npm:hls.js}), all from the classpath. The pages call
 * the JSON API themselves.
 */
public final class WebPages {
    private static final String WEB = "/io/aircheck/api/web/";

    private record Asset(byte[] bytes, String contentType) {}

    private final byte[] index = load(WEB + "index.html");
    private final byte[] replay = load(WEB + "replay.html");
    private final byte[] openApi = load(WEB + "openapi.json");
    private final Map<String, Asset> assets =
            Map.of(
                    "app.css", new Asset(load(WEB + "app.css"), "text/css; charset=utf-8"),
                    "common.js",
                            new Asset(load(WEB + "common.js"), "text/javascript; charset=utf-8"),
                    "search.js",
                            new Asset(load(WEB + "search.js"), "text/javascript; charset=utf-8"),
                    "replay.js",
                            new Asset(load(WEB + "replay.js"), "text/javascript; charset=utf-8"),
                    "hls.min.js", new Asset(load(hlsJs()), "text/javascript; charset=utf-8"));

    public void index(Context ctx) {
        page(ctx, index);
    }

    public void replay(Context ctx) {
        Params.pathId(ctx, "roomId");
        Params.pathId(ctx, "sessionId");
        page(ctx, replay);
    }

    public void openApi(Context ctx) {
        ctx.contentType("application/json");
        ctx.result(openApi);
    }

    public void asset(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("file"));
        if (asset == null) {
            throw ApiException.notFound("no asset '" + ctx.pathParam("file") + "'");
        }
        ctx.contentType(asset.contentType());
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.result(asset.bytes());
    }

    private static void page(Context ctx, byte[] html) {
        ctx.contentType("text/html; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.result(html);
    }

    /** hls.js's minified build, at the version the WebJar on the classpath has. */
    static String hlsJs() {
        Properties pom = new Properties();
        String properties = "/META-INF/maven/org.webjars.npm/hls.js/pom.properties";
        try (InputStream in = WebPages.class.getResourceAsStream(properties)) {
            if (in == null) {
                throw new IllegalStateException("the hls.js WebJar is not on the classpath");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "/META-INF/resources/webjars/hls.js/"
                + pom.getProperty("version")
                + "/dist/hls.min.js";
    }

    private static byte[] load(String resource) {
        try (InputStream in = WebPages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing web resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
