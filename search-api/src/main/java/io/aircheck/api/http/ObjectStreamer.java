package io.aircheck.api.http;

import io.aircheck.api.replay.ByteRange;
import io.aircheck.api.replay.Recording;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Streams an archived object to the client with byte ranges (RFC 9110): {@code Range} → 206 with
 * {@code Content-Range}, {@code If-Range} with another version → the whole object, a range outside
 * the object → 416, HEAD → headers only. Nothing is buffered.
 */
final class ObjectStreamer {
    private ObjectStreamer() {}

    static void stream(
            Context ctx,
            Recording object,
            String cacheControl,
            BiFunction<Recording, ByteRange, InputStream> opener)
            throws IOException {
        ctx.disableCompression();
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Content-Type", object.contentType());
        ctx.header("Cache-Control", cacheControl);
        if (object.etag() != null) {
            ctx.header("ETag", "\"" + object.etag().replace("\"", "") + "\"");
        }
        Optional<ByteRange> range;
        try {
            range =
                    ifRangeMatches(ctx, object)
                            ? ByteRange.parse(ctx.header("Range"), object.sizeBytes())
                            : Optional.empty();
        } catch (ByteRange.Unsatisfiable e) {
            ctx.status(416);
            ctx.header("Content-Range", "bytes */" + object.sizeBytes());
            ctx.json(new ErrorBody("range_not_satisfiable", e.getMessage()));
            return;
        }
        long length = range.map(ByteRange::length).orElse(object.sizeBytes());
        range.ifPresent(r -> ctx.header("Content-Range", r.contentRange()));
        ctx.status(range.isPresent() ? 206 : 200);
        ctx.res().setContentLengthLong(length);
        if (ctx.method() == HandlerType.HEAD) {
            return;
        }
        try (InputStream in = opener.apply(object, range.orElse(null))) {
            OutputStream out = ctx.res().getOutputStream();
            in.transferTo(out);
            out.flush();
        }
    }

    /** An If-Range that names another version of the object means: send the whole new object. */
    private static boolean ifRangeMatches(Context ctx, Recording object) {
        String ifRange = ctx.header("If-Range");
        return ifRange == null
                || object.etag() == null
                || ifRange.replace("\"", "").equals(object.etag().replace("\"", ""));
    }
}
