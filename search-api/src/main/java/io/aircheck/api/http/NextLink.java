package io.aircheck.api.http;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The same request's path and query with one parameter replaced: the link to the next page. */
final class NextLink {
    private NextLink() {}

    static String of(Context ctx, String name, String value) {
        StringJoiner query = new StringJoiner("&");
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (e.getKey().equals(name)) {
                continue;
            }
            for (String v : e.getValue()) {
                query.add(encode(e.getKey()) + "=" + encode(v));
            }
        }
        query.add(encode(name) + "=" + encode(value));
        return ctx.path() + "?" + query;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
